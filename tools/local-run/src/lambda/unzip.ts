import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import yauzl, { type Entry, type ZipFile } from 'yauzl';

/** yauzl's callback API as promises: open the zip, read each entry's bytes as a stream. */
function openZip(zipFile: string): Promise<ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.open(zipFile, { lazyEntries: true, autoClose: true }, (error, zip) => (error ? reject(error) : resolve(zip)));
  });
}

function entryStream(zip: ZipFile, entry: Entry): Promise<NodeJS.ReadableStream> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (error, stream) => (error ? reject(error) : resolve(stream)));
  });
}

/**
 * Extracts a zip into `dir` (yauzl, the reading half of the yazl family the artifacts are
 * written with); returns the relative paths written. yauzl refuses entry names that are absolute
 * or climb out with `..`, so no entry escapes `dir`.
 */
export async function unzip(zipFile: string, dir: string): Promise<string[]> {
  const zip = await openZip(zipFile).catch((error: Error) => {
    throw new Error(`${zipFile} is not a readable zip file: ${error.message}`);
  });
  const written: string[] = [];
  await new Promise<void>((resolve, reject) => {
    const fail = (error: Error) => {
      zip.close();
      reject(new Error(`${zipFile}: ${error.message}`));
    };
    zip.on('error', fail);
    zip.on('end', () => resolve());
    zip.on('entry', (entry: Entry) => {
      const target = join(dir, entry.fileName);
      const extract = entry.fileName.endsWith('/')
        ? mkdir(target, { recursive: true })
        : mkdir(dirname(target), { recursive: true })
            .then(() => entryStream(zip, entry))
            .then((stream) => pipeline(stream, createWriteStream(target)))
            .then(() => void written.push(entry.fileName));
      extract.then(() => zip.readEntry(), fail);
    });
    zip.readEntry();
  });
  return written;
}
