import type { CliIo } from '../../../cli/command';
import { runCli } from '../../../cli/run';

/** A NodeJS-style error with a code, as fs raises them. */
function fsError(code: string, path: string): Error {
  return Object.assign(new Error(`${code}: ${path}`), { code });
}

export interface MemoryRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * An in-memory CliIo: files live in a Map, output is captured. The date is fixed so runs are repeatable.
 * Paths ending in "/" are folders (reading them fails like fs does).
 */
export function createMemoryIo(files: Record<string, string> = {}, today = '2026-11-28') {
  const store = new Map<string, string | Uint8Array>(Object.entries(files));
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
    async readFile(path) {
      if (path.endsWith('/')) throw fsError('EISDIR', path);
      const data = store.get(path);
      if (data === undefined) throw fsError('ENOENT', path);
      return typeof data === 'string' ? data : new TextDecoder().decode(data);
    },
    async writeFile(path, data, { overwrite }) {
      if (!overwrite && store.has(path)) throw fsError('EEXIST', path);
      if (path.startsWith('/missing-folder/')) throw fsError('ENOENT', path);
      store.set(path, data);
    },
    today,
  };
  return {
    io,
    files: store,
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
