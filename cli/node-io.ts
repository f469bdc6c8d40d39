import { nodeFs } from '../node/files/fs-port';
import type { CliIo } from './command';

/** The real world: files on disk and the process's streams. */
export function createNodeIo(today: string): CliIo {
  return {
    stdout: (text) => stopIfReaderLeft(process.stdout.write(text)),
    stdoutBytes: (bytes) => stopIfReaderLeft(process.stdout.write(bytes)),
    stderr: (text) => void process.stderr.write(text),
    fs: nodeFs,
    today,
  };
}

/**
 * A reader that stopped early (`pixel-ledger estimate PLAN --json | head`) closed the pipe: the write
 * failed at once (a pipe is written synchronously), so stop now, quietly, as main.ts's EPIPE handler
 * would once the rest of the output had been made for nothing.
 */
function stopIfReaderLeft(_flushed: boolean): void {
  const error: NodeJS.ErrnoException | null = process.stdout.errored;
  if (error?.code === 'EPIPE') process.exit(0);
}
