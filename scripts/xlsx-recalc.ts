/**
 * `npx tsx scripts/xlsx-recalc.ts IN.xlsx OUTDIR`: opens IN.xlsx in LibreOffice Calc (headless),
 * recalculates every formula and writes one CSV per sheet to OUTDIR as <in-basename>-<sheet>.csv, at
 * full precision. The same code the tests use (test/support/xlsx-recalc.ts, which notes its source);
 * LibreOffice is found as the tests find it (PIXEL_LEDGER_SOFFICE overrides).
 */
import { recalcWorkbook } from '../test/support/xlsx-recalc';

const [input, outDir] = process.argv.slice(2);
if (input === undefined || outDir === undefined) {
  console.error('usage: npx tsx scripts/xlsx-recalc.ts IN.xlsx OUTDIR');
  process.exit(2);
}
try {
  await recalcWorkbook(input, outDir);
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
