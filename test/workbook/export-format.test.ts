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
import { planColumnLetter, planColumnNumber } from '../../shared/workbook/plan-columns';
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

  it('Plan: bold frozen header with an autofilter, hidden id and machine columns', () => {
    const plan = sheet('Plan');
    expect(plan.getRow(1).getCell(2).value).toBe('Campaign line');
    expect(plan.getRow(1).getCell(2).font?.bold).toBe(true);
    expect(plan.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(plan.autoFilter).toBeTruthy();
    expect(plan.getColumn(1).hidden).toBe(true);
    expect(plan.getColumn(planColumnNumber('originals')).hidden).toBe(true);
    expect(plan.getColumn(planColumnNumber('name')).hidden).toBe(false);
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
      expect(cell.numFmt).toBe('"$"#,##0.000000');
    });
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
