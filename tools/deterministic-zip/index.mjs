// @ts-check
/**
 * Byte-for-byte reproducible zip files for Lambda artifacts.
 *
 * The same entries give the same bytes on any machine, in any timezone, under any umask:
 * entries are sorted, every timestamp is the DOS epoch, modes are normalised to 0644/0755,
 * no variable extra fields are written and the deflate level is fixed. Terraform then sees
 * an unchanged `source_code_hash` when nothing really changed, and Nx caches stay valid.
 */
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, realpath, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ZipFile } from 'yazl';

/**
 * @typedef {object} ZipEntry
 * @property {string} path posix path inside the zip, relative, no `.`/`..` segments
 * @property {string | Buffer} source file on disk, or the content itself
 * @property {number} [mode] any executable bit gives 0755, otherwise 0644; defaults to the
 *   file's own mode for a path source and 0644 for a Buffer
 */

/**
 * @typedef {object} ZipResult
 * @property {number} bytes size of the written zip
 * @property {string} sha256 hex digest of the written zip
 */

/**
 * 1980-01-01 00:00, the DOS epoch. Built from local-time fields on purpose: yazl encodes DOS
 * date/time from the local fields of the Date, so this value encodes as 1980-01-01 00:00 in
 * every timezone, whereas `new Date('1980-01-01T00:00:00Z')` would not (it would be clamped
 * west of UTC and shifted east of it).
 */
const DOS_EPOCH = new Date(1980, 0, 1, 0, 0, 0, 0);

/** Fixed so that output does not depend on a library default; 9 costs little at these sizes. */
const COMPRESSION_LEVEL = 9;

/** `S_IFREG`: unzip and Lambda read the upper 16 bits of the external attributes as st_mode. */
const REGULAR_FILE = 0o100000;

/**
 * Orders strings by their UTF-8 bytes, which unlike `localeCompare` does not depend on the
 * machine's locale.
 * @param {string} a
 * @param {string} b
 * @returns {number}
 */
export function comparePaths(a, b) {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/**
 * @param {string} entryPath
 * @returns {void}
 */
function assertZipPath(entryPath) {
  const segments = entryPath.split('/');
  const bad =
    entryPath === '' ||
    entryPath.includes('\\') ||
    entryPath.startsWith('/') ||
    /^[a-zA-Z]:/.test(entryPath) ||
    segments.some((segment) => segment === '' || segment === '.' || segment === '..');
  if (bad) {
    throw new Error(
      `deterministic-zip: invalid entry path "${entryPath}" (expected a relative posix path without empty, "." or ".." segments)`,
    );
  }
}

/**
 * @param {ZipEntry} entry
 * @returns {Promise<{ path: string; data: Buffer; mode: number }>}
 */
async function loadEntry(entry) {
  if (Buffer.isBuffer(entry.source)) {
    return { path: entry.path, data: entry.source, mode: normaliseMode(entry.mode ?? 0o644) };
  }
  const [data, stats] = await Promise.all([readFile(entry.source), stat(entry.source)]);
  return { path: entry.path, data, mode: normaliseMode(entry.mode ?? stats.mode) };
}

/**
 * @param {number} mode
 * @returns {number}
 */
function normaliseMode(mode) {
  return REGULAR_FILE | ((mode & 0o111) !== 0 ? 0o755 : 0o644);
}

/**
 * Writes `entries` to `outFile` as a reproducible zip (parent directories are created, the file
 * is replaced atomically) and returns its size and sha256.
 * @param {string} outFile
 * @param {readonly ZipEntry[]} entries
 * @returns {Promise<ZipResult>}
 */
export async function writeDeterministicZip(outFile, entries) {
  const seen = new Set();
  for (const entry of entries) {
    assertZipPath(entry.path);
    if (seen.has(entry.path)) throw new Error(`deterministic-zip: duplicate entry path "${entry.path}"`);
    seen.add(entry.path);
  }
  const sorted = [...entries].sort((a, b) => comparePaths(a.path, b.path));
  const loaded = await Promise.all(sorted.map(loadEntry));

  const zip = new ZipFile();
  for (const entry of loaded) {
    zip.addBuffer(entry.data, entry.path, {
      mtime: DOS_EPOCH,
      mode: entry.mode,
      compress: true,
      compressionLevel: COMPRESSION_LEVEL,
      // Drops the Info-ZIP "UT" extra field, whose unix time would vary with the timezone.
      forceDosTimestamp: true,
    });
  }
  const content = await collect(zip);

  await mkdir(path.dirname(outFile), { recursive: true });
  const tmpFile = `${outFile}.${process.pid}.tmp`;
  try {
    await writeFile(tmpFile, content);
    await rename(tmpFile, outFile);
  } catch (error) {
    await rm(tmpFile, { force: true });
    throw error;
  }
  return { bytes: content.length, sha256: createHash('sha256').update(content).digest('hex') };
}

/**
 * @param {ZipFile} zip
 * @returns {Promise<Buffer>}
 */
function collect(zip) {
  return new Promise((resolve, reject) => {
    /** @type {Buffer[]} */
    const chunks = [];
    zip.on('error', reject);
    zip.outputStream.on('error', reject);
    zip.outputStream.on('data', (chunk) => chunks.push(/** @type {Buffer} */ (chunk)));
    zip.outputStream.on('end', () => resolve(Buffer.concat(chunks)));
    zip.end({ forceZip64Format: false, comment: '' });
  });
}

/**
 * @typedef {object} ZipDirectoryEntry
 * @property {string} path
 * @property {number} compressionMethod 0 stored, 8 deflate
 * @property {number} dosDate
 * @property {number} dosTime
 * @property {number} mode st_mode from the upper 16 bits of the external attributes
 * @property {number} crc32
 * @property {number} compressedSize
 * @property {number} size
 * @property {number} extraFieldLength
 */

/**
 * Reads the central directory of a zip (no zip64, no multi-disk): enough to check what the
 * writer produced without a second zip library.
 * @param {Buffer} zip
 * @returns {ZipDirectoryEntry[]}
 */
export function readZipDirectory(zip) {
  const EOCD_SIGNATURE = 0x06054b50;
  const CENTRAL_SIGNATURE = 0x02014b50;
  // The end record is 22 bytes plus a comment of at most 0xffff bytes.
  let eocd = -1;
  for (let offset = zip.length - 22; offset >= Math.max(0, zip.length - 22 - 0xffff); offset -= 1) {
    if (zip.readUInt32LE(offset) === EOCD_SIGNATURE) {
      eocd = offset;
      break;
    }
  }
  if (eocd < 0) throw new Error('deterministic-zip: not a zip file (no end of central directory record)');
  const count = zip.readUInt16LE(eocd + 10);
  let offset = zip.readUInt32LE(eocd + 16);
  /** @type {ZipDirectoryEntry[]} */
  const entries = [];
  for (let index = 0; index < count; index += 1) {
    if (zip.readUInt32LE(offset) !== CENTRAL_SIGNATURE) {
      throw new Error(`deterministic-zip: bad central directory record at offset ${offset}`);
    }
    const nameLength = zip.readUInt16LE(offset + 28);
    const extraFieldLength = zip.readUInt16LE(offset + 30);
    const commentLength = zip.readUInt16LE(offset + 32);
    entries.push({
      path: zip.toString('utf8', offset + 46, offset + 46 + nameLength),
      compressionMethod: zip.readUInt16LE(offset + 10),
      dosTime: zip.readUInt16LE(offset + 12),
      dosDate: zip.readUInt16LE(offset + 14),
      crc32: zip.readUInt32LE(offset + 16),
      compressedSize: zip.readUInt32LE(offset + 20),
      size: zip.readUInt32LE(offset + 24),
      mode: zip.readUInt32LE(offset + 38) >>> 16,
      extraFieldLength,
    });
    offset += 46 + nameLength + extraFieldLength + commentLength;
  }
  return entries;
}

/**
 * Every file under `dir`, as sorted posix paths relative to `dir`. Nothing is skipped and
 * symbolic links are followed; a link back to one of its own ancestors (a cycle) is an error.
 * @param {string} dir
 * @returns {Promise<string[]>}
 */
export async function listFilesRecursive(dir) {
  /** @type {string[]} */
  const files = [];

  /**
   * @param {string} absolute
   * @param {string} relative
   * @param {ReadonlySet<string>} ancestors real paths of the directories above, to stop cycles
   * @returns {Promise<void>}
   */
  async function walk(absolute, relative, ancestors) {
    const real = await realpath(absolute);
    if (ancestors.has(real)) throw new Error(`deterministic-zip: symbolic link cycle at ${absolute}`);
    const below = new Set(ancestors).add(real);
    for (const dirent of await readdir(absolute, { withFileTypes: true })) {
      const childAbsolute = path.join(absolute, dirent.name);
      const childRelative = relative === '' ? dirent.name : `${relative}/${dirent.name}`;
      const isDirectory = dirent.isSymbolicLink() ? (await stat(childAbsolute)).isDirectory() : dirent.isDirectory();
      if (isDirectory) await walk(childAbsolute, childRelative, below);
      else files.push(childRelative);
    }
  }

  await walk(path.resolve(dir), '', new Set());
  return files.sort(comparePaths);
}
