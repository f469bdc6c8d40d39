import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { requireTool } from './tools';

/**
 * Recalculating exported workbooks in LibreOffice Calc, headless: every formula is recomputed on load
 * (the cached results in the file are ignored) and each sheet is written as a CSV at full precision
 * (not as displayed), `<workbook name>-<sheet>.csv`. This is how the tests prove that the formulas in an
 * exported workbook compute the app's numbers.
 *
 * Source: a TypeScript rewrite of the project's reference tool `xlsx-recalc` (a bash script kept outside
 * this repository, in the shared reference folder beside the main checkout), with the same LibreOffice
 * settings: a throw-away profile whose registry sets OOXMLRecalcMode and ODFRecalcMode to 0 ("always
 * recalculate"), the same CSV filter, a 180 s limit per run, and "no CSV written" as a failure. It finds
 * soffice through test/support/tools.ts instead of PATH, so it runs wherever the tests find LibreOffice.
 * `npx tsx scripts/xlsx-recalc.ts IN.xlsx OUTDIR` runs it by hand.
 */

const run = promisify(execFile);

/**
 * Registry settings for the throw-away profile: always recalculate on load (the default trusts the cache),
 * and the en-US locale, so "$1,234.56" prints the same on every machine (and the paper is Letter).
 */
const RECALC_ALWAYS = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooSetupSystemLocale" oor:op="fuse"><value>en-US</value></prop></item>
</oor:items>
`;

/** 44 = comma, 34 = double quote, 76 = UTF-8, 1 = from line 1, full precision, -1 = every sheet, one file each. */
const CSV_FILTER = 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1';

/** A LibreOffice run per this many files: starting LibreOffice dominates the cost of a small workbook. */
const FILES_PER_RUN = 100;
/** xlsx-recalc's limit for one workbook. */
const SECONDS_PER_RUN = 180;

/** The CSV LibreOffice writes for one sheet of a workbook. */
export function sheetCsvName(workbookFile: string, sheet: string): string {
  return `${basename(workbookFile).replace(/\.xlsx$/, '')}-${sheet}.csv`;
}

/**
 * Converts files with LibreOffice (`--convert-to <target>`) in a fresh profile that recalculates every
 * formula on load; the profile is removed afterwards, so runs never share or touch the user's own.
 */
export async function convertWithLibreOffice(
  files: readonly string[],
  target: string,
  outDir: string,
  timeoutMs = SECONDS_PER_RUN * 1000,
): Promise<void> {
  const soffice = requireTool('libreoffice');
  const profile = await mkdtemp(join(tmpdir(), 'pl-lo-profile-'));
  try {
    await mkdir(join(profile, 'user'), { recursive: true });
    await writeFile(join(profile, 'user', 'registrymodifications.xcu'), RECALC_ALWAYS);
    await mkdir(outDir, { recursive: true });
    const args = [`-env:UserInstallation=${pathToFileURL(profile).href}`, '--headless', '--norestore'];
    await run(soffice, [...args, '--convert-to', target, '--outdir', outDir, ...files], {
      timeout: timeoutMs,
      maxBuffer: 64 * 1024 * 1024,
    });
  } finally {
    await rm(profile, { recursive: true, force: true });
  }
}

/** Recalculates one workbook, exactly as xlsx-recalc does: one CSV per sheet in outDir, or an error. */
export async function recalcWorkbook(file: string, outDir: string): Promise<void> {
  await convertWithLibreOffice([file], CSV_FILTER, outDir);
  const prefix = sheetCsvName(file, '');
  const written = (await readdir(outDir)).some((name) => name.startsWith(prefix.slice(0, -'.csv'.length)));
  if (!written) throw new Error(`xlsx-recalc: LibreOffice wrote no CSV for ${file}`);
}

/** PDF as a printer would get it: every visible sheet with its print setup (hidden sheets are not printed). */
const PDF_FILTER = 'pdf:calc_pdf_Export';

/** Prints workbooks to PDF (one `<name>.pdf` each in outDir), as finance would print them. */
export async function printToPdf(files: readonly string[], outDir: string): Promise<void> {
  await convertWithLibreOffice(files, PDF_FILTER, outDir);
}

/**
 * Recalculates many workbooks with few LibreOffice runs (the same settings as recalcWorkbook). A long
 * batch sometimes stops early inside LibreOffice; files it left out get a run of their own.
 */
export async function recalcWorkbooks(files: readonly string[], outDir: string): Promise<void> {
  const timeoutMs = 600_000;
  for (let i = 0; i < files.length; i += FILES_PER_RUN)
    await convertWithLibreOffice(files.slice(i, i + FILES_PER_RUN), CSV_FILTER, outDir, timeoutMs);
  const missing = files.filter((f) => !existsSync(join(outDir, sheetCsvName(f, 'Plan'))));
  for (const f of missing) await convertWithLibreOffice([f], CSV_FILTER, outDir, timeoutMs);
}
