import { readFile, writeFile } from 'node:fs/promises';
import type { CliIo } from './command';

/** The real world: files on disk and the process's streams. */
export function createNodeIo(today: string): CliIo {
  return {
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    readFile: (path) => readFile(path, 'utf8'),
    // "wx" fails with EEXIST instead of replacing a file the user did not mean to lose.
    writeFile: (path, data, { overwrite }) => writeFile(path, data, { flag: overwrite ? 'w' : 'wx' }),
    today,
  };
}
