import { promises as fs } from 'node:fs';

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

export interface FsPort {
  /** Creates a new file; fails if it already exists. */
  createExclusive(path: string): Promise<WritableFile>;
  readFile(path: string): Promise<Uint8Array>;
  rename(from: string, to: string): Promise<void>;
  /** A second name for an existing file (a hard link); fails with EEXIST when `to` exists. */
  link(from: string, to: string): Promise<void>;
  unlink(path: string): Promise<void>;
  /** Size and kind of an existing path, or null when nothing is there. */
  /** `isFolder` tells a folder from a device, pipe or socket (neither is a file); absent: unknown. */
  stat(path: string): Promise<{ size: number; isFile: boolean; isFolder?: boolean } | null>;
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
  readFile: (path) => fs.readFile(path),
  rename: (from, to) => fs.rename(from, to),
  link: (from, to) => fs.link(from, to),
  unlink: (path) => fs.unlink(path),
  async stat(path) {
    try {
      const s = await fs.stat(path);
      return { size: s.size, isFile: s.isFile(), isFolder: s.isDirectory() };
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
