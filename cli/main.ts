/**
 * The command-line entry: `npm run --silent cli -- <command>` from a clone, or the `pixel-ledger` bin.
 * The only place the CLI reads the clock: today's date (UTC, by shared/today.ts's rule) is passed down,
 * since shared/ never reads it.
 */
import { todayUtc } from '../shared/today';
import { createNodeIo } from './node-io';
import { runCli } from './run';

const today = todayUtc(new Date());
process.exitCode = await runCli(process.argv.slice(2), createNodeIo(today));
