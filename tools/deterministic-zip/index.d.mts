/** One file of a deterministic zip. */
export interface ZipEntry {
  /** Posix path inside the zip, relative, without empty, `.` or `..` segments. */
  readonly path: string;
  /** A file on disk, or the content itself. */
  readonly source: string | Buffer;
  /**
   * Any executable bit gives 0755, otherwise 0644.
   * @default the file's own mode for a path source, 0644 for a Buffer
   */
  readonly mode?: number;
}

/** Size and digest of a written zip. */
export interface ZipResult {
  readonly bytes: number;
  /** Lowercase hex. */
  readonly sha256: string;
}

/** Orders strings by their UTF-8 bytes (locale-independent). */
export function comparePaths(a: string, b: string): number;

/** Writes a reproducible zip (sorted entries, DOS-epoch times, 0644/0755 modes, deflate level 9). */
export function writeDeterministicZip(outFile: string, entries: readonly ZipEntry[]): Promise<ZipResult>;

/** Every file under `dir` as sorted posix paths relative to `dir`; symbolic links are followed (a cycle throws). */
export function listFilesRecursive(dir: string): Promise<string[]>;

/** One record of a zip's central directory. */
export interface ZipDirectoryEntry {
  readonly path: string;
  /** 0 stored, 8 deflate. */
  readonly compressionMethod: number;
  readonly dosDate: number;
  readonly dosTime: number;
  /** st_mode, from the upper 16 bits of the external file attributes. */
  readonly mode: number;
  readonly crc32: number;
  readonly compressedSize: number;
  readonly size: number;
  readonly extraFieldLength: number;
}

/** Reads a zip's central directory (no zip64): lets tests check an archive without a second zip library. */
export function readZipDirectory(zip: Buffer): ZipDirectoryEntry[];
