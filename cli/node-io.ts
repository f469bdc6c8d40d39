import { nodeFs } from '../node/files/fs-port';
import type { CliIo } from './command';

/** The real world: files on disk and the process's streams. */
export function createNodeIo(today: string): CliIo {
  return {
    stdout: (text) => void process.stdout.write(text),
    stdoutBytes: (bytes) => void process.stdout.write(bytes),
    stderr: (text) => void process.stderr.write(text),
    fs: nodeFs,
    today,
  };
}
