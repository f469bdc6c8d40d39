import { MODEL_SPECS } from '../../shared/estimate/models';
import ExcelJS from 'exceljs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportPlanWorkbook } from '../../node/io/xlsx-export';
import { estimatePlan } from '../../shared/estimate/estimate-plan';
import { createSamplePlan } from '../../shared/plan/sample-plan';
import { PLAN_COLUMNS, planColumnLetter, planColumnNumber } from '../../shared/workbook/plan-columns';
import { entryDataOffset, readZipDirectory } from '../../shared/workbook/zip-guard';
import { changeRow } from '../shared/support/fixtures';

const SAMPLE = createSamplePlan('2026-11-01');

let dir = '';
let file = '';
const wb = new ExcelJS.Workbook();
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pl-format-'));
  file = join(dir, 'sample.xlsx');
  const plan = changeRow(SAMPLE, 0, { name: '=cmd|calc', team: '-Growth', notes: '@SUM(1)' });
  const r = await exportPlanWorkbook(plan, file, {
    scenarioId: null,
    appVersion: '9.9.9',
    exportedAt: '2026-11-28T09:00:00.000Z',
  });
  if (!r.ok) throw new Error(r.error);
  await wb.xlsx.readFile(file);
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

function sheet(name: string): ExcelJS.Worksheet {
  const ws = wb.getWorksheet(name);
  if (!ws) throw new Error(`no sheet ${name}`);
  return ws;
}

describe('the exported workbook, as a spreadsheet application reads it', () => {
  it('has the simple sheet names, helper sheets hidden, and asks for a full recalculation on load', async () => {
    expect(wb.worksheets.map((w) => [w.name, w.state])).toEqual([
      ['Plan', 'visible'],
      ['Prices', 'visible'],
      ['Summary', 'visible'],
      // The sample plan has actuals: reconciliation's sheets follow the Summary.
      ['Reconciliation', 'visible'],
      ['Weekly', 'visible'],
      ['Actuals', 'visible'],
      ['About', 'visible'],
      ['Lists', 'hidden'],
      ['Data', 'veryHidden'],
    ]);
    const bytes = await readFile(file);
    const directory = readZipDirectory(bytes);
    const entry = directory.ok
      ? directory.value.find((e) => e.name.replace(/^\//, '') === 'xl/workbook.xml')
      : undefined;
    const start = entry ? entryDataOffset(bytes, entry) : null;
    if (!entry || start === null) throw new Error('no xl/workbook.xml');
    const xml = inflateRawSync(bytes.subarray(start, start + entry.compressedSize)).toString('utf8');
    expect(xml).toMatch(/<calcPr[^>]*fullCalcOnLoad="1"/);
  });

  it('Plan: who and how much first, then the inputs (grouped, shown), then the technical columns (grouped, collapsed)', () => {
    const plan = sheet('Plan');
    const headers = (plan.getRow(1).values as unknown[]).slice(1).map(String);
    expect(headers.slice(0, 8)).toEqual([
      'Campaign line',
      'Team',
      'Finals',
      'Row total',
      'Cost per approved final',
      'Budget cap (USD)',
      'Budget remaining',
      'Errors',
    ]);
    const level = (key: string) => plan.getColumn(planColumnNumber(key)).outlineLevel ?? 0;
    const hidden = (key: string) => plan.getColumn(planColumnNumber(key)).hidden;
    for (const key of ['name', 'team', 'finals', 'totalCost', 'costPerApprovedFinal', 'budgetRemaining', 'warnings']) {
      expect([key, level(key), hidden(key)]).toEqual([key, 0, false]);
    }
    for (const key of ['assetType', 'startDate', 'model', 'surface', 'size', 'quality', 'iterationFactor', 'notes']) {
      expect(planColumnNumber(key)).toBeGreaterThan(planColumnNumber('errors'));
      expect(planColumnNumber(key)).toBeLessThan(planColumnNumber('warnings'));
      expect([key, level(key), hidden(key)]).toEqual([key, 1, false]);
    }
    for (const key of ['priceUsed', 'priceEntryId', 'promptTokens', 'outputTokensPerFinal', 'costPerFinalImage']) {
      expect(planColumnNumber(key)).toBeGreaterThan(planColumnNumber('warnings'));
      expect([key, level(key), hidden(key)]).toEqual([key, 1, true]);
    }
    // Always hidden, outside any group (expanding a group would show them).
    for (const key of ['id', 'originals', 'profile']) expect([key, level(key), hidden(key)]).toEqual([key, 0, true]);
  });

  it('Plan: bold wrapped header with an autofilter over the data rows, frozen at the header and the campaign column', () => {
    const plan = sheet('Plan');
    expect(plan.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(plan.getRow(1).getCell(1).alignment?.wrapText).toBe(true);
    expect(plan.views[0]).toMatchObject({ state: 'frozen', xSplit: 1, ySplit: 1, topLeftCell: 'B2' });
    const lastColumn = planColumnLetter(PLAN_COLUMNS[PLAN_COLUMNS.length - 1]?.key ?? '');
    expect(plan.autoFilter).toBe(`A1:${lastColumn}${SAMPLE.rows.length + 1}`);
  });

  it('Plan: a totals row under the data, live SUBTOTALs in bold, money shown with cents', () => {
    const plan = sheet('Plan');
    const estimate = estimatePlan(SAMPLE, { scenario: null });
    if (!estimate.ok) throw new Error(estimate.error);
    const totals = plan.getRow(SAMPLE.rows.length + 2);
    const value = (key: string) =>
      totals.getCell(planColumnNumber(key)).value as { formula?: string; result?: number | string };
    expect(value('name').result).toBe(`Total: ${SAMPLE.rows.length} rows`);
    expect(value('totalCost').formula).toBe(
      `SUBTOTAL(109,$${planColumnLetter('totalCost')}$2:$${planColumnLetter('totalCost')}$${SAMPLE.rows.length + 1})`,
    );
    expect(value('totalCost').result).toBe(Number(estimate.value.totals.totalCost) / 1e6);
    expect(value('finals').result).toBe(estimate.value.totals.finals);
    expect(value('budgetCapUsd').result).toBe(Number(estimate.value.totals.budgetCap) / 1e6);
    expect(totals.getCell(planColumnNumber('totalCost')).numFmt).toBe('"$"#,##0.00');
    expect(totals.getCell(planColumnNumber('totalCost')).font?.bold).toBe(true);
    expect(totals.getCell(planColumnNumber('team')).border?.top?.style).toBe('thin');
  });

  it('Plan: column widths fit what they show (no cut model names, money never "####")', () => {
    const plan = sheet('Plan');
    const width = (key: string) => plan.getColumn(planColumnNumber(key)).width ?? 0;
    const longestName = Math.max(...SAMPLE.rows.map((r) => r.name.length));
    expect(width('name')).toBeGreaterThanOrEqual(longestName);
    expect(width('model')).toBeGreaterThanOrEqual('gpt-image-2'.length + 1);
    // "$22.00" (the budget total) and the header word "remaining" with room to spare.
    expect(width('budgetCapUsd')).toBeGreaterThanOrEqual('$22.00'.length + 1);
    expect(width('budgetRemaining')).toBeGreaterThanOrEqual('remaining'.length + 1);
  });

  it('every visible sheet prints landscape, one page wide, header row repeated, footer with plan, page and date', () => {
    for (const ws of wb.worksheets.filter((w) => w.state === 'visible')) {
      expect([ws.name, ws.pageSetup]).toEqual([
        ws.name,
        expect.objectContaining({ orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 }),
      ]);
      expect([ws.name, ws.pageSetup.printTitlesRow]).toEqual([ws.name, '1:1']);
      expect(ws.headerFooter.oddFooter).toBe('&LQ1 launch imagery (sample) · &A&CPage &P of &N&RExported 2026-11-28');
    }
  });

  it('choice columns offer drop-downs (a value outside the list only warns); over-budget shows red', () => {
    const plan = sheet('Plan');
    const model = plan.getRow(2).getCell(planColumnNumber('model')).dataValidation;
    expect(model).toMatchObject({
      type: 'list',
      errorStyle: 'warning',
      formulae: [`Lists!$D$2:$D$${MODEL_SPECS.length + 1}`],
    });
    expect(plan.getRow(3).getCell(planColumnNumber('surface')).dataValidation?.formulae).toEqual([
      '"api,responses,batch,credits,reseller"',
    ]);
    const lists = sheet('Lists');
    expect(lists.getRow(2).getCell(4).value).toBe('gpt-image-2');
    const rules = (plan as unknown as { conditionalFormattings: { ref: string; rules: { operator?: string }[] }[] })
      .conditionalFormattings;
    expect(
      rules.some(
        (cf) => cf.ref.startsWith(`${planColumnLetter('budgetRemaining')}2:`) && cf.rules[0]?.operator === 'lessThan',
      ),
    ).toBe(true);
  });

  it('inputs are typed: numbers as numbers, dates as real dates (UTC, date only), sizes as text', () => {
    const row = sheet('Plan').getRow(2);
    expect(row.getCell(planColumnNumber('finals')).value).toBe(24);
    expect(row.getCell(planColumnNumber('iterationFactor')).value).toBe(1.2);
    expect(row.getCell(planColumnNumber('startDate')).value).toEqual(new Date('2027-01-11T00:00:00.000Z'));
    expect(row.getCell(planColumnNumber('startDate')).numFmt).toBe('yyyy-mm-dd');
    expect(row.getCell(planColumnNumber('size')).value).toBe('1024x1280');
  });

  it('formula-like user text is stored as neutralised text, never as a formula', () => {
    const row = sheet('Plan').getRow(2);
    expect(row.getCell(planColumnNumber('name')).value).toBe("'=cmd|calc");
    expect(row.getCell(planColumnNumber('team')).value).toBe("'-Growth");
    expect(row.getCell(planColumnNumber('notes')).value).toBe("'@SUM(1)");
  });

  it('every derived cell is a live formula carrying the engine value, with finance number formats', () => {
    const estimate = estimatePlan(SAMPLE, { scenario: null });
    if (!estimate.ok) throw new Error(estimate.error);
    const plan = sheet('Plan');
    estimate.value.rows.forEach((result, i) => {
      const cell = plan.getRow(i + 2).getCell(planColumnNumber('totalCost'));
      const value = cell.value as { formula?: string; sharedFormula?: string; result?: number };
      expect(value.formula ?? value.sharedFormula).toBeTruthy();
      expect(value.result).toBe(Number(result.estimate.totalCost) / 1e6);
      // Money shows cents; the cell keeps the micro-dollars (the result above).
      expect(cell.numFmt).toBe('"$"#,##0.00');
    });
    expect(plan.getRow(2).getCell(planColumnNumber('costPerFinalImage')).numFmt).toBe('"$"#,##0.000000');
    const master = plan.getRow(2).getCell(planColumnNumber('finalCost')).value as { formula?: string };
    expect(master.formula).toMatch(/^IF\(\$[A-Z]+2<>"","",ROUND\(\$[A-Z]+2\*\$[A-Z]+2,6\)\)$/);
    expect(plan.getRow(2).getCell(planColumnNumber('inputShare')).numFmt).toBe('0.0%');
  });

  it('Prices lists each figure with its entry, date, source class and URL; About states the rounding rule', () => {
    const prices = sheet('Prices');
    const header = (prices.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual(
      expect.arrayContaining(['Key', 'Entry id', 'Value', 'Effective from', 'Source class', 'Source URL']),
    );
    const line = prices.getRow(2);
    expect(String(line.getCell(2).value)).toBe('openai/gpt-image-2@2026-04-21');
    expect(line.getCell(11).value).toEqual(new Date('2026-04-21T00:00:00.000Z'));
    // Price figures show every decimal they have (0.0047393 USD per credit is not shown as 0.0047).
    expect(line.getCell(9).numFmt).toBe('#,##0.0##########');
    const about = sheet('About');
    const facts = new Map<string, unknown>();
    about.eachRow((row) => facts.set(String(row.getCell(1).value), row.getCell(2).value));
    expect(facts.get('Plan')).toBe('Q1 launch imagery (sample)');
    expect(facts.get('Pixel Ledger version')).toBe('9.9.9');
    expect(facts.get('Exported at (UTC)')).toBe('2026-11-28T09:00:00.000Z');
    expect(String(facts.get('Rounding rule'))).toMatch(/ROUND\(x, 6\)/);
  });

  it('Summary has totals by team, asset type and month as formulas, and the scenario comparison as labelled values', () => {
    const summary = sheet('Summary');
    const sections = new Set<string>();
    summary.eachRow((row, n) => {
      if (n > 1) sections.add(String(row.getCell(1).value));
    });
    expect([...sections]).toEqual(
      expect.arrayContaining(['Total', 'By team', 'By asset type', 'By start month', 'Scenarios', 'Scenario']),
    );
    const total = summary.getRow(2).getCell(8).value as { formula?: string; result?: number };
    expect(total.formula).toMatch(/^SUMPRODUCT\(Plan!/);
  });
});
