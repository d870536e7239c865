import { execFileSync } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listFilesRecursive, readZipDirectory, writeDeterministicZip, type ZipEntry } from '../index.mjs';

const moduleUrl = pathToFileURL(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../index.mjs')).href;
/** 1980-01-01 in DOS date format: day 1 | month 1 << 5 | (1980 - 1980) << 9. */
const DOS_DATE_1980_01_01 = 0x21;

let work = '';

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'deterministic-zip-'));
  await mkdir(path.join(work, 'src/nested'), { recursive: true });
  await writeFile(path.join(work, 'src/b.txt'), 'bee\n');
  await writeFile(path.join(work, 'src/a.txt'), 'ay\n');
  await writeFile(path.join(work, 'src/nested/run.sh'), '#!/bin/sh\necho hi\n');
  await chmod(path.join(work, 'src/nested/run.sh'), 0o775);
  await chmod(path.join(work, 'src/a.txt'), 0o600);
});

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

function entries(): ZipEntry[] {
  return [
    { path: 'b.txt', source: path.join(work, 'src/b.txt') },
    { path: 'nested/run.sh', source: path.join(work, 'src/nested/run.sh') },
    { path: 'a.txt', source: path.join(work, 'src/a.txt') },
    { path: 'generated.json', source: Buffer.from('{}\n') },
  ];
}

/** Builds the same zip in a child process with another TZ, so the DOS-time encoding is exercised for real. */
function zipInTimezone(timezone: string, outFile: string): string {
  const script = `
    import { writeDeterministicZip } from ${JSON.stringify(moduleUrl)};
    const work = ${JSON.stringify(work)};
    const result = await writeDeterministicZip(${JSON.stringify(outFile)}, [
      { path: 'a.txt', source: work + '/src/a.txt' },
      { path: 'b.txt', source: work + '/src/b.txt' },
      { path: 'generated.json', source: Buffer.from('{}\\n') },
      { path: 'nested/run.sh', source: work + '/src/nested/run.sh' },
    ]);
    process.stdout.write(result.sha256);
  `;
  return execFileSync(process.execPath, ['--input-type=module', '-e', script], {
    env: { ...process.env, TZ: timezone },
    encoding: 'utf8',
  });
}

describe('writeDeterministicZip', () => {
  it('writes the same bytes whatever the order of the entries', async () => {
    const first = await writeDeterministicZip(path.join(work, 'out/first.zip'), entries());
    const second = await writeDeterministicZip(path.join(work, 'out/second.zip'), entries().reverse());
    expect(second).toEqual(first);
    expect(first.sha256).toMatch(/^[0-9a-f]{64}$/);
    const bytes = await readFile(path.join(work, 'out/first.zip'));
    expect(bytes.length).toBe(first.bytes);
  });

  it('writes the same bytes in every timezone', async () => {
    const reference = await writeDeterministicZip(path.join(work, 'out/tz-here.zip'), entries());
    for (const timezone of ['UTC', 'Asia/Tokyo', 'America/Los_Angeles', 'Pacific/Kiritimati']) {
      expect(zipInTimezone(timezone, path.join(work, `out/tz-${timezone.replace('/', '-')}.zip`))).toBe(
        reference.sha256,
      );
    }
  });

  it('sorts entries, pins times to the DOS epoch, normalises modes and writes no extra fields', async () => {
    await writeDeterministicZip(path.join(work, 'out/inspect.zip'), entries());
    const directory = readZipDirectory(await readFile(path.join(work, 'out/inspect.zip')));
    expect(directory.map((entry) => entry.path)).toEqual(['a.txt', 'b.txt', 'generated.json', 'nested/run.sh']);
    for (const entry of directory) {
      expect(entry).toMatchObject({ dosDate: DOS_DATE_1980_01_01, dosTime: 0, extraFieldLength: 0, compressionMethod: 8 });
    }
    const modes = Object.fromEntries(directory.map((entry) => [entry.path, entry.mode.toString(8)]));
    expect(modes).toEqual({
      'a.txt': '100644',
      'b.txt': '100644',
      'generated.json': '100644',
      'nested/run.sh': '100755',
    });
  });

  it('is readable by Info-ZIP unzip, when installed', async () => {
    const zipFile = path.join(work, 'out/unzip.zip');
    await writeDeterministicZip(zipFile, entries());
    let listing: string;
    try {
      listing = execFileSync('unzip', ['-Z1', zipFile], { encoding: 'utf8' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw error;
    }
    expect(listing.trim().split('\n')).toEqual(['a.txt', 'b.txt', 'generated.json', 'nested/run.sh']);
    execFileSync('unzip', ['-tq', zipFile]);
  });

  it('rejects paths that could escape the extraction directory or collide', async () => {
    const out = path.join(work, 'out/bad.zip');
    await expect(writeDeterministicZip(out, [{ path: '../x', source: Buffer.from('') }])).rejects.toThrow(
      /invalid entry path "\.\.\/x"/,
    );
    await expect(writeDeterministicZip(out, [{ path: '/abs', source: Buffer.from('') }])).rejects.toThrow(/invalid/);
    await expect(
      writeDeterministicZip(out, [
        { path: 'a', source: Buffer.from('1') },
        { path: 'a', source: Buffer.from('2') },
      ]),
    ).rejects.toThrow(/duplicate entry path "a"/);
  });
});

describe('listFilesRecursive', () => {
  it('lists every file as a sorted posix path and follows symbolic links', async () => {
    await symlink(path.join(work, 'src/nested'), path.join(work, 'src/linked'));
    expect(await listFilesRecursive(path.join(work, 'src'))).toEqual([
      'a.txt',
      'b.txt',
      'linked/run.sh',
      'nested/run.sh',
    ]);
  });
});
