import { promises as fs, type Stats } from 'node:fs';

/**
 * The few file operations plan files need, behind a port so tests can make one of them fail part-way
 * (a full disk mid-write, a rename refused) while everything else runs against the real disk.
 */
export interface WritableFile {
  write(data: Uint8Array): Promise<void>;
  /** Flushes the file's data to the disk (fsync), so a rename never exposes a half-written file. */
  sync(): Promise<void>;
  close(): Promise<void>;
}

/** What is at a path: a regular file, or what else it is (a folder, a device such as /dev/zero...). */
export type FileKind = 'file' | 'folder' | 'device' | 'pipe' | 'socket' | 'other';

export interface FileInfo {
  size: number;
  isFile: boolean;
  /** Absent from ports that only know files and folders (tests' in-memory disks). */
  kind?: FileKind;
}

/** "a folder", "a device (such as /dev/zero)"...: what a path that is not a regular file is, in words. */
export function describeFileKind(info: FileInfo): string {
  switch (info.kind ?? (info.isFile ? 'file' : 'folder')) {
    case 'file':
      return 'a file';
    case 'folder':
      return 'a folder, not a file';
    case 'device':
      return 'a device (such as /dev/zero or a disk), not a file';
    case 'pipe':
      return 'a named pipe, not a file';
    case 'socket':
      return 'a socket, not a file';
    default:
      return 'not a regular file';
  }
}

export function fileKindOf(stats: Stats): FileKind {
  if (stats.isFile()) return 'file';
  if (stats.isDirectory()) return 'folder';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'device';
  if (stats.isFIFO()) return 'pipe';
  if (stats.isSocket()) return 'socket';
  return 'other';
}

export interface FsPort {
  /** Creates a new file; fails if it already exists. */
  createExclusive(path: string): Promise<WritableFile>;
  readFile(path: string): Promise<Uint8Array>;
  rename(from: string, to: string): Promise<void>;
  /** A second name for an existing file (a hard link); fails with EEXIST when `to` exists. */
  link(from: string, to: string): Promise<void>;
  unlink(path: string): Promise<void>;
  /** Size and kind of an existing path, or null when nothing is there. */
  stat(path: string): Promise<FileInfo | null>;
  mkdir(path: string): Promise<void>;
  /** Flushes a file written by someone else (a streaming writer given its path) to the disk. */
  syncFile(path: string): Promise<void>;
  /** Best-effort flush of a folder's entries (the rename itself); not every platform supports it. */
  syncDirectory(path: string): Promise<void>;
}

/** The Node error code of a failed file operation ('ENOENT', 'ENOSPC'...), or null when there is none. */
export function errorCode(error: unknown): string | null {
  return error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : null;
}

/** The file (or a folder on its path) does not exist. */
export function isMissing(error: unknown): boolean {
  return errorCode(error) === 'ENOENT';
}

export const nodeFs: FsPort = {
  async createExclusive(path) {
    const handle = await fs.open(path, 'wx');
    return {
      async write(data) {
        let offset = 0;
        while (offset < data.byteLength) {
          const { bytesWritten } = await handle.write(data, offset, data.byteLength - offset);
          offset += bytesWritten;
        }
      },
      sync: () => handle.sync(),
      close: () => handle.close(),
    };
  },
  readFile: readWholeFile,
  rename: (from, to) => fs.rename(from, to),
  link: (from, to) => fs.link(from, to),
  unlink: (path) => fs.unlink(path),
  async stat(path) {
    try {
      const s = await fs.stat(path);
      return { size: s.size, isFile: s.isFile(), kind: fileKindOf(s) };
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  },
  async mkdir(path) {
    await fs.mkdir(path, { recursive: true });
  },
  async syncFile(path) {
    const handle = await fs.open(path, 'r+');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  },
  async syncDirectory(path) {
    let handle: fs.FileHandle | null = null;
    try {
      handle = await fs.open(path, 'r');
      await handle.sync();
    } catch {
      // Windows cannot open folders and some file systems refuse fsync on them; the rename still happened.
    } finally {
      await handle?.close().catch(() => undefined);
    }
  },
};

/** Node's limit on one Buffer (fs.readFile refuses larger files the same way). */
const MAX_READ_BYTES = 2 ** 31 - 1;

/**
 * A file's bytes in as few reads as its size allows: fs.readFile reads 512 KiB at a time, a trip to
 * the thread pool and back for each (110 of them for a 57 MB plan, about 30 ms of waiting). A file
 * that grows while read, or reports no size (/proc), is read on until its end.
 */
async function readWholeFile(path: string): Promise<Uint8Array> {
  const handle = await fs.open(path, 'r');
  try {
    const { size } = await handle.stat();
    let buffer = Buffer.allocUnsafeSlow(Math.min(Math.max(size, 64 * 1024), MAX_READ_BYTES));
    let used = 0;
    for (;;) {
      if (used === buffer.length) {
        if (used === MAX_READ_BYTES) throw new RangeError(`${path} is larger than ${MAX_READ_BYTES} bytes`);
        const grown = Buffer.allocUnsafeSlow(Math.min(used * 2, MAX_READ_BYTES));
        buffer.copy(grown, 0, 0, used);
        buffer = grown;
      }
      const { bytesRead } = await handle.read(buffer, used, buffer.length - used, null);
      if (bytesRead === 0) return buffer.subarray(0, used);
      used += bytesRead;
    }
  } finally {
    await handle.close();
  }
}
