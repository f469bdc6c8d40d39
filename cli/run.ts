import { CliError, UsageError, formatOptions, parseArgs } from './args';
import type { CliIo, Command } from './command';
import { COMMANDS, type CommandEntry } from './commands/index';
import packageJson from '../package.json' with { type: 'json' };
import { safeLine, terminalSafe } from '../shared/safe-text';
import { distance } from './spelling';

const PROGRAM = 'pixel-ledger';
const HELP_WORDS = new Set(['help', '--help', '-h']);

function findCommand(name: string): CommandEntry {
  const entry = COMMANDS.find((c) => c.name === name);
  if (entry) return entry;
  const close = COMMANDS.filter((c) => distance(c.name, name) <= 2).map((c) => c.name);
  const hint = close.length > 0 ? ` (did you mean ${close.join(' or ')}?)` : '';
  throw new UsageError(`unknown command "${name}"${hint}: run "${PROGRAM} help" for the list of commands`);
}

function overview(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length), '--version'.length);
  return (
    [
      `Pixel Ledger ${packageJson.version}: plan and price AI image generation.`,
      '',
      `Usage: ${PROGRAM} <command> [options]`,
      '       npm run --silent cli -- <command> [options]   (from a clone)',
      '',
      'Commands:',
      ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
      `  ${'help'.padEnd(width)}  this list, or "help <command>" for a command's options`,
      `  ${'--version'.padEnd(width)}  the version of Pixel Ledger`,
      '',
      `Run "${PROGRAM} help <command>" for details. Exit codes: 0 ok, 1 a problem with the data or files, 2 a usage error.`,
    ].join('\n') + '\n'
  );
}

function commandHelp(entry: CommandEntry, command: Command): string {
  const lines = [`Usage: ${PROGRAM} ${command.usage}`, '', entry.summary];
  if (command.options.length > 0) lines.push('', 'Options:', formatOptions(command.options));
  if (command.details) lines.push('', command.details);
  return lines.join('\n') + '\n';
}

/** A message that fits on one line of a terminal, whatever the error held (bounded, controls escaped). */
function oneLine(text: string): string {
  return safeLine(text);
}

/**
 * Names from a plan never reach the terminal as escape sequences: control characters are shown escaped
 * on both streams. JSON output is unchanged in meaning (its strings already escape C0 controls, and the
 * \u escapes used for the rest are JSON's own). Bytes given to stdoutBytes are terminal-safe already
 * (its contract): they pass as they are.
 */
function terminalSafeIo(io: CliIo): CliIo {
  return {
    ...io,
    stdout: (text) => io.stdout(terminalSafe(text)),
    stderr: (text) => io.stderr(terminalSafe(text)),
  };
}

/**
 * Runs one CLI invocation and returns its exit code. Every failure becomes one line on stderr: a usage
 * error (exit 2), a problem with data or files (exit 1), or an unexpected error (exit 1, no stack trace).
 */
export async function runCli(argv: readonly string[], rawIo: CliIo): Promise<number> {
  const io = terminalSafeIo(rawIo);
  try {
    const [first, ...rest] = argv;
    if (first === undefined || HELP_WORDS.has(first)) {
      if (first === 'help' && rest[0] !== undefined) {
        if (rest.length > 1) throw new UsageError(`help takes one command name, got ${rest.length}`);
        const entry = findCommand(rest[0]);
        io.stdout(commandHelp(entry, await entry.load()));
      } else {
        io.stdout(overview());
      }
      return 0;
    }
    if (first === '--version' || first === 'version') {
      io.stdout(`${packageJson.version}\n`);
      return 0;
    }
    if (first.startsWith('-'))
      throw new UsageError(
        `"${first}" is not a command: put the command first, e.g. ${PROGRAM} quote --model gpt-image-2 ...; run "${PROGRAM} help"`,
      );
    const entry = findCommand(first);
    const command = await entry.load();
    if (rest.some((a) => a === '--help' || a === '-h')) {
      io.stdout(commandHelp(entry, command));
      return 0;
    }
    return await command.run(parseArgs(rest, command.options, command.name), io);
  } catch (error) {
    if (error instanceof UsageError || error instanceof CliError) {
      io.stderr(`${PROGRAM}: ${oneLine(error.message)}\n`);
      return error.exitCode;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.stderr(
      `${PROGRAM}: unexpected error: ${oneLine(message)} (this is a bug: please report it with the command you ran)\n`,
    );
    return 1;
  }
}
