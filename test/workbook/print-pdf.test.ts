import { copyFile, mkdir, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { exportPlanWorkbook } from '../../node/io/xlsx-export';
import { estimatePlan } from '../../shared/estimate/estimate-plan';
import { microToNumber } from '../../shared/money/rounding';
import { generatePlan } from '../../shared/plan/plan-generator';
import type { PlanDocument } from '../../shared/plan/plan-schema';
import { createSamplePlan } from '../../shared/plan/sample-plan';
import { changeRow } from '../shared/support/fixtures';
import { useTempDir } from '../support/temp-dir';
import { hasTool } from '../support/tools';
import { printToPdf } from '../support/xlsx-recalc';
import { pdfPageCount, pdfPageTexts, pdfPageToPng } from './support/pdf';

/**
 * The workbook as finance sees it on paper: LibreOffice prints each export to PDF with the workbook's own
 * print setup, and poppler reads the pages back (count, text, and a rendered first page).
 * To look at the pages yourself: PL_PDF_OUT=/tmp/pdf npx vitest run test/workbook/print-pdf.test.ts
 * leaves each PDF and its first page as PNG there.
 */

const EXPORTED_AT = '2026-11-28T09:00:00.000Z';
const SHEETS = ['Plan', 'Prices', 'Summary', 'About'] as const;

const canPrint = hasTool('libreoffice') && hasTool('poppler');

const inTemp = useTempDir('pl-print-');

function usd(micro: number): string {
  return microToNumber(micro).toLocaleString('en-US', { style: 'currency', currency: 'USD' });
}

interface Printed {
  readonly plan: PlanDocument;
  readonly pages: readonly string[];
  /** Pages of each sheet, from the sheet name in each page's footer. */
  readonly pagesOf: ReadonlyMap<string, readonly string[]>;
  readonly pdf: string;
}

const SAMPLE = createSamplePlan('2026-11-01');
/** Four generated rows over several models (a longer Prices sheet), and a name and owner with & and <. */
const FOUR_ROWS: PlanDocument = (() => {
  const plan = generatePlan({ rows: 4, seed: 7 });
  return { ...plan, meta: { ...plan.meta, name: 'R&D imagery <Q1>', owner: 'Finance & Ops' } };
})();
/** Enough rows for the Plan sheet to take several pages, one of them broken (not priced). */
const LONG = changeRow(generatePlan({ rows: 150, seed: 11 }), 3, { quality: 'ultra' });

const printed = new Map<string, Printed>();

async function keepForEyes(pdf: string): Promise<void> {
  const out = process.env.PL_PDF_OUT;
  if (!out) return;
  await mkdir(out, { recursive: true });
  await copyFile(pdf, join(out, basename(pdf)));
  await pdfPageToPng(pdf, 1, join(out, basename(pdf, '.pdf')), 110);
}

describe.skipIf(!canPrint)('the exported workbook printed to PDF', () => {
  beforeAll(async () => {
    const plans = { sample: SAMPLE, 'four-rows': FOUR_ROWS, long: LONG };
    const files: string[] = [];
    for (const [name, plan] of Object.entries(plans)) {
      const file = inTemp(`${name}.xlsx`);
      const r = await exportPlanWorkbook(plan, file, { scenarioId: null, appVersion: 'test', exportedAt: EXPORTED_AT });
      if (!r.ok) throw new Error(r.error);
      files.push(file);
    }
    // One LibreOffice run for all three: starting it dominates the cost.
    await printToPdf(files, inTemp('pdf'));
    for (const [name, plan] of Object.entries(plans)) {
      const pdf = inTemp('pdf', `${name}.pdf`);
      const pages = await pdfPageTexts(pdf);
      expect(await pdfPageCount(pdf)).toBe(pages.length);
      const pagesOf = new Map<string, string[]>(SHEETS.map((s) => [s, []]));
      for (const page of pages) {
        const sheet = /· (\w+)\s+Page \d+ of \d+/.exec(page)?.[1] ?? '(no footer)';
        pagesOf.set(sheet, [...(pagesOf.get(sheet) ?? []), page]);
      }
      printed.set(name, { plan, pages, pagesOf, pdf });
      await keepForEyes(pdf);
      console.info(
        `printed ${name} (${plan.rows.length} rows): ${pages.length} pages; ` +
          [...pagesOf].map(([sheet, p]) => `${sheet} ${p.length}`).join(', '),
      );
    }
  }, 300_000);

  function get(name: string): Printed {
    const p = printed.get(name);
    if (!p) throw new Error(`${name} was not printed`);
    return p;
  }

  it('a 4-row plan prints its Plan sheet on one page, and the whole workbook on a few (not 34)', () => {
    for (const name of ['sample', 'four-rows']) {
      const { pages, pagesOf } = get(name);
      expect([name, pagesOf.get('Plan')?.length]).toEqual([name, 1]);
      for (const sheet of SHEETS)
        expect([name, sheet, (pagesOf.get(sheet)?.length ?? 0) > 0]).toEqual([name, sheet, true]);
      // Every page has its sheet's footer: the hidden Lists and Data sheets are not printed.
      expect([name, pagesOf.get('(no footer)')]).toEqual([name, undefined]);
      expect([name, pages.length]).toEqual([name, expect.any(Number)]);
      expect(SHEETS.reduce((n, sheet) => n + (pagesOf.get(sheet)?.length ?? 0), 0)).toBeLessThanOrEqual(6);
      // The sample's actuals add Reconciliation, Weekly and Actuals, a page or two each.
      expect(pages.length).toBeLessThanOrEqual(10);
      expect(pages.join('\n')).not.toMatch(/pixel-ledger-workbook|token factor f at/);
    }
  });

  it('page 1 is the Plan: header, every campaign line, and the totals row with money in cents', () => {
    const { plan, pagesOf } = get('sample');
    const page = pagesOf.get('Plan')?.[0] ?? '';
    const estimate = estimatePlan(plan, { scenario: null });
    if (!estimate.ok) throw new Error(estimate.error);
    const t = estimate.value.totals;
    expect(page).toMatch(/Campaign line\s+Team\s+Finals\s+Row/);
    for (const row of plan.rows) expect(page).toContain(row.name);
    // The totals row: label, finals, row total, cost per approved final, budget — money with two decimals.
    const money = (micro: number) => usd(micro).replace(/[$.]/g, (c) => `\\${c}`);
    const totalsLine = ['Total: 4 rows', String(t.finals), money(t.totalCost), '\\$\\d+\\.\\d\\d', money(t.budgetCap)];
    expect(page).toMatch(new RegExp(totalsLine.join('\\s+')));
    for (const result of estimate.value.rows)
      if (result.estimate.ok) expect(page).toContain(usd(result.estimate.totalCost));
    // Money shows cents; the six decimals stay in the cells. Technical columns are collapsed: not printed.
    expect(page).not.toMatch(/\$\d[\d,]*\.\d{3,}/);
    expect(page).not.toMatch(/Output tokens per final image|Price entry used/);
    expect(page).toMatch(/Q1 launch imagery \(sample\) · Plan\s+Page 1 of \d+\s+Exported 2026-11-28/);
  });

  it('the footer and the About page carry the plan name and owner, & and < as typed', () => {
    const { pages, pagesOf } = get('four-rows');
    for (const page of pages) expect(page).toMatch(/R&D imagery <Q1> · \w+\s+Page \d+ of \d+\s+Exported 2026-11-28/);
    const about = (pagesOf.get('About') ?? []).join('\n');
    expect(about).toMatch(/Plan\s+R&D imagery <Q1>/);
    expect(about).toMatch(/Owner\s+Finance & Ops/);
    expect(about).toMatch(/Exported on\s+2026-11-28/);
    expect(about).toMatch(/Prices as of\s+\d{4}-\d\d-\d\d/);
    for (const sheet of ['Plan', 'Prices', 'Summary', 'Lists \\(hidden\\)', 'Data \\(hidden\\)'])
      expect(about).toMatch(new RegExp(`Sheet ${sheet}\\s+\\S`));
  });

  it('a longer Plan repeats its header row on every page, and its totals say what was left out', () => {
    const { plan, pagesOf } = get('long');
    const planPages = pagesOf.get('Plan') ?? [];
    expect(planPages.length).toBeGreaterThan(1);
    expect(planPages.length).toBeLessThan(plan.rows.length / 20);
    for (const page of planPages) expect(page).toMatch(/Campaign line\s+Team\s+Finals/);
    expect(planPages.at(-1)).toMatch(/Total: 150 rows/);
    expect(planPages.at(-1)).toMatch(/1 not priced: left out of the totals/);
  });

  it('page 1 renders (a PNG a person can look at)', async () => {
    const png = await pdfPageToPng(get('sample').pdf, 1, inTemp('sample-page-1'), 60);
    expect((await stat(png)).size).toBeGreaterThan(10_000);
  });
});
