import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { toolsAvailable } from './tools';

const run = promisify(execFile);

export const REPO_ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '..', '..', '..');
/** The project's recalculation tool (CI has it at ../shared/tools next to the repository). */
export const XLSX_RECALC = resolve(REPO_ROOT, '..', 'shared', 'tools', 'xlsx-recalc');

const RECALC_ALWAYS = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooSetupSystemLocale" oor:op="fuse"><value>en-US</value></prop></item>
</oor:items>
`;

/** The same CSV filter xlsx-recalc uses: comma, UTF-8, every sheet, full precision (not as shown). */
const CSV_FILTER = 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1';

const FILES_PER_RUN = 100;

function csvName(file: string, sheet: string): string {
  return `${basename(file).replace(/\.xlsx$/, '')}-${sheet}.csv`;
}

/** PDF as a printer would get it: every visible sheet with its print setup (hidden sheets are not printed). */
const PDF_FILTER = 'pdf:calc_pdf_Export';

/**
 * Runs LibreOffice headless on its own fresh profile: formulas recalculated on load, the en-US locale
 * (so "$1,234.56" reads the same on every machine, and the paper is Letter).
 */
async function convert(files: readonly string[], outDir: string, filter = CSV_FILTER): Promise<void> {
  const profile = await mkdtemp(join(tmpdir(), 'pl-lo-profile-'));
  try {
    await mkdir(join(profile, 'user'), { recursive: true });
    await writeFile(join(profile, 'user', 'registrymodifications.xcu'), RECALC_ALWAYS);
    await run(
      'soffice',
      [
        `-env:UserInstallation=file://${profile}`,
        '--headless',
        '--norestore',
        '--convert-to',
        filter,
        '--outdir',
        outDir,
        ...files,
      ],
      { timeout: 600_000, maxBuffer: 64 * 1024 * 1024 },
    );
  } finally {
    await rm(profile, { recursive: true, force: true });
  }
}

/**
 * Recalculates many workbooks with few LibreOffice runs, exactly as xlsx-recalc does for one file
 * (forced full recalculation on load, one CSV per sheet), because starting LibreOffice dominates the
 * cost. A long batch sometimes stops early inside LibreOffice; files it left out get a run of their own.
 */
export async function recalcMany(files: readonly string[], outDir: string): Promise<void> {
  await mkdir(outDir, { recursive: true });
  for (let i = 0; i < files.length; i += FILES_PER_RUN) await convert(files.slice(i, i + FILES_PER_RUN), outDir);
  const missing = files.filter((f) => !existsSync(join(outDir, csvName(f, 'Plan'))));
  for (const f of missing) await convert([f], outDir);
}

/** Prints workbooks to PDF (one `<name>.pdf` each in outDir), as finance would print them. */
export async function printToPdf(files: readonly string[], outDir: string): Promise<void> {
  await mkdir(outDir, { recursive: true });
  await convert(files, outDir, PDF_FILTER);
}

/** Recalculates one workbook with the project's tool itself. */
export async function recalcWithTool(file: string, outDir: string): Promise<void> {
  await run(XLSX_RECALC, [file, outDir], { timeout: 300_000 });
}

/**
 * Whether LibreOffice is installed. On a developer machine without it the formula proofs are skipped
 * (with one line saying so); in CI a missing LibreOffice is an install mistake, so it fails loudly.
 */
export function libreOfficeAvailable(): boolean {
  return toolsAvailable(['soffice'], 'libreoffice-calc-nogui', 'the Excel formula proofs in LibreOffice');
}

/** RFC 4180 CSV (quotes doubled, fields may span lines). */
export function parseCsv(text: string, delimiter = ','): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 1;
        } else quoted = false;
      } else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === delimiter) {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i += 1;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

export async function readSheetCsv(outDir: string, workbookFile: string, sheet: string): Promise<string[][]> {
  return parseCsv(await readFile(join(outDir, csvName(workbookFile, sheet)), 'utf8'));
}
