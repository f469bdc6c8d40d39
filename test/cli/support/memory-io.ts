import path from 'node:path';
import type { CliIo } from '../../../cli/command';
import { runCli } from '../../../cli/run';
import type { FsPort } from '../../../node/files/fs-port';

/** A NodeJS-style error with a code, as fs raises them. */
function fsError(code: string, filePath: string): Error {
  return Object.assign(new Error(`${code}: ${filePath}`), { code });
}

export interface MemoryRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Nothing under this folder exists, so writing there fails like a missing folder does. */
const MISSING_FOLDER = '/missing-folder/';

/**
 * The node/files FsPort over a Map, keyed by absolute path as the real one resolves them. Folders are
 * the keys given with a trailing "/"; everything else is a file.
 */
function memoryFs(files: Map<string, Uint8Array>, folders: Set<string>): FsPort {
  const key = (p: string) => path.resolve(p);
  const bytes = (p: string): Uint8Array => {
    if (folders.has(key(p))) throw fsError('EISDIR', p);
    const data = files.get(key(p));
    if (data === undefined) throw fsError('ENOENT', p);
    return data;
  };
  return {
    async createExclusive(p) {
      if (key(p).startsWith(MISSING_FOLDER)) throw fsError('ENOENT', p);
      if (files.has(key(p)) || folders.has(key(p))) throw fsError('EEXIST', p);
      files.set(key(p), new Uint8Array());
      return {
        async write(data) {
          const before = bytes(p);
          const after = new Uint8Array(before.byteLength + data.byteLength);
          after.set(before);
          after.set(data, before.byteLength);
          files.set(key(p), after);
        },
        sync: async () => undefined,
        close: async () => undefined,
      };
    },
    readFile: async (p) => bytes(p),
    async rename(from, to) {
      const data = bytes(from);
      if (folders.has(key(to))) throw fsError('EISDIR', to);
      files.set(key(to), data);
      files.delete(key(from));
    },
    async link(from, to) {
      const data = bytes(from);
      if (files.has(key(to)) || folders.has(key(to))) throw fsError('EEXIST', to);
      files.set(key(to), data);
    },
    async unlink(p) {
      bytes(p);
      files.delete(key(p));
    },
    async stat(p) {
      if (folders.has(key(p))) return { size: 0, isFile: false };
      const data = files.get(key(p));
      return data === undefined ? null : { size: data.byteLength, isFile: true };
    },
    mkdir: async () => undefined,
    syncFile: async (p) => void bytes(p),
    syncDirectory: async () => undefined,
  };
}

/**
 * An in-memory CliIo: files live in a Map, output is captured. The date is fixed so runs are repeatable.
 * Names ending in "/" are folders (reading them fails like fs does).
 */
export function createMemoryIo(initial: Record<string, string> = {}, today = '2026-11-28') {
  const files = new Map<string, Uint8Array>();
  const folders = new Set<string>();
  for (const [name, text] of Object.entries(initial)) {
    if (name.endsWith('/')) folders.add(path.resolve(name));
    else files.set(path.resolve(name), new TextEncoder().encode(text));
  }
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
    fs: memoryFs(files, folders),
    today,
  };
  return {
    io,
    /** A file's text by the name a command was given, or undefined when there is none. */
    files: {
      get(name: string): string | undefined {
        const data = files.get(path.resolve(name));
        return data === undefined ? undefined : new TextDecoder().decode(data);
      },
      /** Every file's name (absolute), e.g. to check no temporary file was left behind. */
      names: (): string[] => [...files.keys()].sort(),
    },
    output: () => ({ stdout, stderr }),
    async run(...argv: string[]): Promise<MemoryRun> {
      stdout = '';
      stderr = '';
      const code = await runCli(argv, io);
      return { code, stdout, stderr };
    },
  };
}

/** Parses a command's --json output, failing the test with the output when it is not JSON. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new Error(`expected JSON output, got:\n${text}`);
  }
}
