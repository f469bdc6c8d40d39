/**
 * The command-line entry: `npm run --silent cli -- <command>` from a clone, or the `pixel-ledger` bin.
 * The only place the CLI reads the clock: today's date (UTC, by shared/today.ts's rule) is passed down,
 * since shared/ never reads it.
 */
import { todayUtc } from '../shared/today';
import { createNodeIo } from './node-io';
import { runCli } from './run';

// A reader that stops early (`pixel-ledger estimate PLAN | head`) closes the pipe: that is the reader's
// choice, not a failure of ours, so stop quietly, as `seq` or `cat` would, instead of a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

const today = todayUtc(new Date());
process.exitCode = await runCli(process.argv.slice(2), createNodeIo(today));
