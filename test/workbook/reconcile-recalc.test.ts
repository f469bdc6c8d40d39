import ExcelJS from 'exceljs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportPlanWorkbook } from '../../node/io/xlsx-export';
import { importPlanWorkbook } from '../../node/io/xlsx-import';
import type { Micro } from '../../shared/money/rounding';
import type { PlanDocument, PlanRow } from '../../shared/plan/plan-schema';
import { createSamplePlan } from '../../shared/plan/sample-plan';
import { groupReconciliation } from '../../shared/reconcile/reconcile-groups';
import {
  newRowTally,
  reconcilePlan,
  type Reconciliation,
  rowReconciliation,
} from '../../shared/reconcile/reconcile-plan';
import { isoToSerial } from '../../shared/workbook/excel-date';
import { AS_OF_CELL, UNASSIGNED_KEY } from '../../shared/workbook/reconcile-sheets';
import { hasTool } from '../support/tools';
import { recalcWorkbook } from '../support/xlsx-recalc';
import { csvNumber } from './support/compare';
import { readSheetCsv } from './support/sheet-csv';

/**
 * Reconciliation in Excel (issue 12 §7): LibreOffice recalculates the SUMIFS and the forecast to the app's
 * numbers, and they follow the As of cell and the Actuals sheet when finance edits them.
 */

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pl-reconcile-recalc-'));
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** A row of the sample as another campaign line (its own id and name, so no campaign tag lands on it). */
function variant(row: PlanRow, id: string, change: Partial<PlanRow>): PlanRow {
  return { ...row, id, name: `${row.name} (${id})`, ...change };
}

/**
 * The sample plan (as of 2027-01-27: one row finished, one in progress, two not started without actuals)
 * with a rule, so every pass (campaign, rule, model) shows in the sheets, and three more lines: one
 * without dates, one in progress without actuals, one ending before it starts.
 */
function plan(): PlanDocument {
  const sample = createSamplePlan('2026-11-28');
  const [first] = sample.rows;
  if (!first) throw new Error('the sample has rows');
  const rows = [
    ...sample.rows,
    variant(first, 'undated', { startDate: null, endDate: null }),
    variant(first, 'quiet', {
      startDate: '2027-01-20',
      endDate: '2027-02-20',
      model: 'gpt-image-1',
      size: '1024x1024',
    }),
    variant(first, 'backwards', { startDate: '2027-02-10', endDate: '2027-02-01' }),
  ];
  return {
    ...sample,
    rows,
    actuals: {
      ...sample.actuals,
      rules: [{ id: 'r1', when: { field: 'campaign', value: 'nobody' }, to: { kind: 'team', team: 'Growth' } }],
    },
  };
}

function reconciled(asOf?: string): Reconciliation {
  const rec = reconcilePlan(plan(), { asOf });
  if (!rec.ok) throw new Error(rec.error);
  return rec.value;
}

/** The plan exported; `actualsLinesPerSheet` makes its Actuals go on over more sheets (Excel's limit, scaled down). */
async function exported(name: string, actualsLinesPerSheet?: number): Promise<string> {
  const file = join(dir, `${name}.xlsx`);
  const r = await exportPlanWorkbook(plan(), file, {
    scenarioId: null,
    appVersion: 'test',
    exportedAt: '2026-11-28T09:00:00.000Z',
    actualsLinesPerSheet,
  });
  if (!r.ok) throw new Error(r.error);
  return file;
}

type Lines = Map<string, Map<string, string>>;

/** A workbook recalculated by LibreOffice: per sheet, its lines by their first cell, each from header to text. */
async function recalculated(file: string): Promise<(sheet: string) => Promise<Lines>> {
  const out = join(dir, `out-${file.replace(/\W/g, '')}`);
  await recalcWorkbook(file, out);
  return async (sheet) => {
    const [header = [], ...lines] = await readSheetCsv(out, file, sheet);
    return new Map(lines.map((line) => [line[0] ?? '', new Map(header.map((h, i) => [h, line[i] ?? '']))]));
  };
}

/** A recalculated money cell in whole micro-dollars (the sheet keeps six decimals; the app is exact). */
function micro(line: Map<string, string> | undefined, column: string): Micro {
  return Math.round(csvNumber(line?.get(column) ?? 'NaN') * 1_000_000);
}

/** A recalculated variance cell: blank (null) for what has not started, as the app has it. */
function varianceMicro(line: Map<string, string> | undefined, column: string): Micro | null {
  return (line?.get(column) ?? '') === '' ? null : micro(line, column);
}

/**
 * Every row's Actual, Variance and Forecast (and the Unassigned line's, and the totals) equal the app's, to
 * the micro-dollar: a row not started has a blank variance, left out of the total's.
 */
function expectActualAndForecast(sheet: Lines, rec: Reconciliation): void {
  for (const r of rec.rows) {
    const line = sheet.get(r.row.id);
    expect(micro(line, 'Actual'), `${r.row.id} actual as of ${rec.asOf}`).toBe(r.actual);
    expect(micro(line, 'Forecast'), `${r.row.id} forecast as of ${rec.asOf}`).toBe(r.forecast);
    expect(varianceMicro(line, 'Variance'), `${r.row.id} variance as of ${rec.asOf}`).toBe(r.variance);
  }
  expect(micro(sheet.get(UNASSIGNED_KEY), 'Actual')).toBe(rec.unassigned);
  const total = sheet.get('Total');
  expect(micro(total, 'Actual'), 'total actual').toBe(rec.ledgerTotal);
  const report = groupReconciliation(rec, 'row');
  expect(micro(total, 'Forecast'), 'total forecast').toBe(report.forecast);
  expect(varianceMicro(total, 'Variance'), 'total variance').toBe(report.variance);
  if (report.variance !== null && report.plannedStarted !== 0)
    expect(csvNumber(total?.get('Variance %') ?? '')).toBeCloseTo(report.variance / report.plannedStarted, 3);
  expect(total?.get('Campaign line')).toBe(`as of ${rec.asOf}`);
}

/** Opens an exported workbook with exceljs, lets `edit` change it, and saves it as a new file. */
async function edited(source: string, name: string, edit: (wb: ExcelJS.Workbook) => void): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(source);
  edit(wb);
  const file = join(dir, `${name}.xlsx`);
  await wb.xlsx.writeFile(file);
  return file;
}

function setAsOf(wb: ExcelJS.Workbook, day: string): void {
  const sheet = wb.getWorksheet('Reconciliation');
  if (!sheet) throw new Error('no Reconciliation sheet');
  expect(sheet.getCell(AS_OF_CELL).model.style?.numFmt).toBe('yyyy-mm-dd');
  sheet.getCell(AS_OF_CELL).value = isoToSerial(day);
}

describe('the reconciliation sheets', () => {
  it('import leaves the actuals, rules and rows as they were', async () => {
    const r = await importPlanWorkbook(await exported('import'));
    if (!r.ok) throw new Error(r.error);
    expect(r.value.document.actuals).toEqual(plan().actuals);
    expect(r.value.document.rows).toEqual(plan().rows);
  });

  it('the rows cover every forecast case: finished, in progress, not started, without actuals, without dates', () => {
    const rec = reconciled();
    const byId = new Map(rec.rows.map((r) => [r.row.id, r]));
    expect(rec.asOf).toBe('2027-01-27');
    expect(byId.get('ecom-product-pages')?.row.endDate).toBe('2027-01-22');
    expect(byId.get('ugc-ad-hooks')?.actual).toBeGreaterThan(0);
    expect(byId.get('saas-hero')?.actual).toBe(0);
    expect(byId.get('quiet')?.actual).toBe(0);
    expect(byId.get('undated')?.forecast).toBe(byId.get('undated')?.planned);
  });
});

describe.skipIf(!hasTool('libreoffice'))('reconciliation recalculated by LibreOffice', () => {
  it('Reconciliation and Weekly equal the app to the micro-dollar, column for column', async () => {
    const file = await exported('recalc');
    const rec = reconciled();
    const sheets = await recalculated(file);
    const sheet = await sheets('Reconciliation');
    for (const r of rec.rows) {
      const line = sheet.get(r.row.id);
      const label = (c: string) => line?.get(c);
      expect([label('Campaign line'), label('Team'), label('Asset type')], r.row.id).toEqual([
        r.row.name,
        r.row.team,
        r.row.assetType,
      ]);
      expect(micro(line, 'Planned'), `${r.row.id} planned`).toBe(r.planned);
      expect(varianceMicro(line, 'Variance'), `${r.row.id} variance`).toBe(r.variance);
      if (r.planned !== 0 && r.variance !== null)
        expect(csvNumber(label('Variance %') ?? '')).toBeCloseTo(r.variance / r.planned, 3);
      expect(micro(line, 'Planned to date'), `${r.row.id} to date`).toBe(r.plannedToDate);
      expect(csvNumber(label('Generations') ?? ''), `${r.row.id} generations`).toBe(r.generations);
      if (r.observedFactor !== null)
        expect(csvNumber(label('Observed gen/final') ?? '')).toBe(Number(r.observedFactor));
    }
    expectActualAndForecast(sheet, rec);

    const weeks = await sheets('Weekly');
    const report = groupReconciliation(rec, 'week');
    expect([...weeks.keys()]).toEqual(report.groups.map((g) => g.key));
    for (const g of report.groups) {
      const w = weeks.get(g.key);
      expect(micro(w, 'Planned'), `${g.key} planned`).toBe(g.planned);
      expect(micro(w, 'Actual'), `${g.key} actual`).toBe(g.actual);
      expect(varianceMicro(w, 'Variance'), `${g.key} variance`).toBe(g.variance);
      expect(micro(w, 'Cumulative planned'), `${g.key} cumulative plan`).toBe(g.cumulativePlanned);
      expect(micro(w, 'Cumulative actual'), `${g.key} cumulative actual`).toBe(g.cumulativeActual);
      expect(micro(w, 'Forecast'), `${g.key} forecast`).toBe(g.forecast);
    }
  });

  it('Actuals too long for one sheet go on over more, and the SUMIFS add up all of them', async () => {
    const rec = reconciled();
    const perSheet = 4;
    const sheetCount = Math.ceil(rec.parts.length / perSheet);
    expect(sheetCount, 'the sample matches enough parts for three sheets or more').toBeGreaterThanOrEqual(3);
    const file = await exported('actuals-over-sheets', perSheet);
    const names = Array.from({ length: sheetCount }, (_, i) => (i === 0 ? 'Actuals' : `Actuals ${i + 1}`));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const visible = wb.worksheets.filter((w) => w.state === 'visible').map((w) => w.name);
    expect(visible.filter((n) => n.startsWith('Actuals'))).toEqual(names);
    // Each sheet its header and at most perSheet lines; every part on exactly one of them, in order.
    const lines = names.flatMap((name) => {
      const sheet = wb.getWorksheet(name);
      expect(sheet?.getRow(1).getCell(1).value, name).toBe('Day');
      expect(sheet?.actualRowCount, name).toBeLessThanOrEqual(perSheet + 1);
      const out: number[] = [];
      sheet?.eachRow((row, n) => {
        if (n > 1) out.push(Math.round((row.getCell(11).value as number) * 1_000_000));
      });
      return out;
    });
    expect(lines).toEqual(rec.parts.map((p) => p.micro));
    expect(wb.getWorksheet('Actuals 2')?.getRow(2).getCell(11).value).toBeTypeOf('number');
    const imported = await importPlanWorkbook(file);
    if (!imported.ok) throw new Error(imported.error);
    expect(imported.value.document.actuals).toEqual(plan().actuals);
    await expect(exported('no-lines-per-sheet', 0)).rejects.toThrow('an Actuals sheet holds 1 to 1048575 lines, not 0');

    const sheets = await recalculated(file);
    expectActualAndForecast(await sheets('Reconciliation'), rec);
    const weeks = await sheets('Weekly');
    for (const g of groupReconciliation(rec, 'week').groups)
      expect(micro(weeks.get(g.key), 'Actual'), `${g.key} actual`).toBe(g.actual);

    // An amount edited on the last sheet counts too.
    const last = names[names.length - 1] as string;
    let rowId = '';
    const editedFile = await edited(file, 'actuals-over-sheets-edited', (book) => {
      const line = book.getWorksheet(last)?.getRow(2);
      rowId = String(line?.getCell(3).value ?? '');
      const amount = line?.getCell(11);
      if (amount && typeof amount.value === 'number') amount.value += 1;
    });
    const before = rowId === UNASSIGNED_KEY ? rec.unassigned : rec.rows.find((r) => r.row.id === rowId)?.actual;
    const after = (await (await recalculated(editedFile))('Reconciliation')).get(rowId);
    expect(micro(after, 'Actual'), `${rowId} after a dollar more on ${last}`).toBe((before ?? NaN) + 1_000_000);
  });

  it('moving the As of cell recomputes actual and forecast as the app does on that day', async () => {
    const source = await exported('as-of-source');
    // Mid-way through the in-progress rows (earlier) and after every actual (later).
    for (const day of ['2027-01-19', '2027-02-03']) {
      const file = await edited(source, `as-of-${day}`, (wb) => setAsOf(wb, day));
      const rec = reconciled(day);
      const sheets = await recalculated(file);
      expectActualAndForecast(await sheets('Reconciliation'), rec);
      const weeks = await sheets('Weekly');
      for (const g of groupReconciliation(rec, 'week').groups) {
        expect(micro(weeks.get(g.key), 'Actual'), `${g.key} actual as of ${day}`).toBe(g.actual);
        expect(varianceMicro(weeks.get(g.key), 'Variance'), `${g.key} variance as of ${day}`).toBe(g.variance);
      }
    }
  });

  it('changing an amount on the Actuals sheet changes that row’s actual and forecast', async () => {
    const source = await exported('amount-source');
    const rowId = 'ugc-ad-hooks';
    const added = 12.345678;
    const file = await edited(source, 'amount-edited', (wb) => {
      const actuals = wb.getWorksheet('Actuals');
      let changed = false;
      actuals?.eachRow((line, n) => {
        const amount = line.getCell(11);
        if (changed || n === 1 || line.getCell(3).value !== rowId || typeof amount.value !== 'number') return;
        amount.value += added;
        changed = true;
      });
      expect(changed, `an Actuals line of ${rowId}`).toBe(true);
    });
    const rec = reconciled();
    const before = rec.rows.find((r) => r.row.id === rowId);
    if (!before) throw new Error(`no row ${rowId}`);
    const actual = before.actual + Math.round(added * 1_000_000);
    const tally = { ...newRowTally(), actual };
    const estimate = {
      ok: true,
      totalCost: before.planned,
      finalGenerations: before.generationsPlanned,
      draftGenerations: before.generationsPlanned,
    };
    const expected = rowReconciliation(before.row, estimate, tally, rec.asOf);
    expect(expected.forecast).toBeGreaterThan(before.forecast);
    const line = (await (await recalculated(file))('Reconciliation')).get(rowId);
    expect(micro(line, 'Actual')).toBe(actual);
    expect(micro(line, 'Forecast')).toBe(expected.forecast);
  });
});
