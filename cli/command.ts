import type { FsPort } from '../node/files/fs-port';
import type { OptionSpec, ParsedArgs } from './args';

/**
 * What a command may touch of the outside world. main.ts passes the real one (files, stdout, the clock);
 * tests pass a fake, so every command runs in-process.
 */
export interface CliIo {
  stdout(text: string): void;
  /**
   * Output already encoded: UTF-8 bytes that are terminal-safe as they stand (ByteTable's chunks, whose
   * text cells are escaped as terminalSafe escapes them). The real io writes them as they are, sparing a
   * 15 MB table its decoding, scan and encoding again; an io without it gets the text through stdout.
   * The callee may keep the bytes: the caller never changes them after the call.
   */
  readonly stdoutBytes?: (bytes: Uint8Array) => void;
  stderr(text: string): void;
  /**
   * The files commands read and write, through node/files like the app's (readPlanFile, the atomic
   * writer): the real disk in main.ts, an in-memory one in tests.
   */
  readonly fs: FsPort;
  /** Today's date, YYYY-MM-DD (UTC), read from the clock once in main.ts. */
  readonly today: string;
}

export interface Command {
  readonly name: string;
  /** Synopsis, e.g. "quote --model M --size WxH --quality Q [options]". */
  readonly usage: string;
  readonly options: readonly OptionSpec[];
  /** Extra help text shown under the options (examples, exit codes). */
  readonly details?: string;
  /**
   * Gets its argv already parsed against `options` (run.ts does that for every command). Returns the exit
   * code. Throws UsageError/CliError for bad input; anything else is a bug.
   */
  run(args: ParsedArgs, io: CliIo): Promise<number>;
}
