/**
 * The command-line entry: `npm run --silent cli -- <command>` from a clone, or the `pixel-ledger` bin.
 * The only place the CLI reads the clock: today's date (UTC) is passed down, since shared/ never reads it.
 */
import { createNodeIo } from './node-io';
import { runCli } from './run';

const today = new Date().toISOString().slice(0, 10);
process.exitCode = await runCli(process.argv.slice(2), createNodeIo(today));
