import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportPlanWorkbook } from '../../node/io/xlsx-export';
import { importPlanWorkbook } from '../../node/io/xlsx-import';
import { microToNumber } from '../../shared/money/rounding';
import type { PlanDocument } from '../../shared/plan/plan-schema';
import { createSamplePlan } from '../../shared/plan/sample-plan';
import { groupReconciliation } from '../../shared/reconcile/reconcile-groups';
import { reconcilePlan } from '../../shared/reconcile/reconcile-plan';
import { UNASSIGNED_KEY } from '../../shared/workbook/reconcile-sheets';
import { hasTool } from '../support/tools';
import { recalcWorkbook } from '../support/xlsx-recalc';
import { csvNumber } from './support/compare';
import { readSheetCsv } from './support/sheet-csv';

/** Reconciliation in Excel (issue 12 §7): LibreOffice recalculates the SUMIFS to the app's numbers. */

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pl-reconcile-recalc-'));
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** The sample plan with a rule, so every pass (campaign, rule, model) shows in the sheets. */
function plan(): PlanDocument {
  const sample = createSamplePlan('2026-11-28');
  return {
    ...sample,
    actuals: {
      ...sample.actuals,
      rules: [{ id: 'r1', when: { field: 'campaign', value: 'nobody' }, to: { kind: 'team', team: 'Growth' } }],
    },
  };
}

async function exported(name: string): Promise<string> {
  const file = join(dir, `${name}.xlsx`);
  const r = await exportPlanWorkbook(plan(), file, {
    scenarioId: null,
    appVersion: 'test',
    exportedAt: '2026-11-28T09:00:00.000Z',
  });
  if (!r.ok) throw new Error(r.error);
  return file;
}

describe('the reconciliation sheets', () => {
  it('import leaves the actuals, rules and rows as they were', async () => {
    const r = await importPlanWorkbook(await exported('import'));
    if (!r.ok) throw new Error(r.error);
    expect(r.value.document.actuals).toEqual(plan().actuals);
    expect(r.value.document.rows).toEqual(plan().rows);
  });
});

describe.skipIf(!hasTool('libreoffice'))('reconciliation recalculated by LibreOffice', () => {
  it('Reconciliation and Weekly equal the app to the micro-dollar, column for column', async () => {
    const file = await exported('recalc');
    const out = join(dir, 'out');
    await recalcWorkbook(file, out);
    const rec = reconcilePlan(plan());
    if (!rec.ok) throw new Error(rec.error);
    const [header, ...rows] = await readSheetCsv(out, file, 'Reconciliation');
    expect(header?.slice(0, 8)).toEqual([
      'Row id',
      'Campaign line',
      'Team',
      'Asset type',
      'Planned',
      'Actual',
      'Variance',
      'Variance %',
    ]);
    const byId = new Map(rows.map((r) => [r[0] ?? '', r]));
    for (const r of rec.value.rows) {
      const line = byId.get(r.row.id) ?? [];
      expect(line.slice(1, 4), `${r.row.id} labels`).toEqual([r.row.name, r.row.team, r.row.assetType]);
      expect(csvNumber(line[4] ?? ''), `${r.row.id} planned`).toBeCloseTo(microToNumber(r.planned), 9);
      expect(csvNumber(line[5] ?? ''), `${r.row.id} actual`).toBeCloseTo(microToNumber(r.actual), 9);
      if (r.planned !== 0) expect(csvNumber(line[7] ?? '')).toBeCloseTo(r.variance / r.planned, 3);
      expect(csvNumber(line[8] ?? ''), `${r.row.id} to date`).toBeCloseTo(microToNumber(r.plannedToDate), 9);
      expect(csvNumber(line[9] ?? ''), `${r.row.id} forecast`).toBeCloseTo(microToNumber(r.forecast), 9);
      expect(csvNumber(line[6] ?? ''), `${r.row.id} variance`).toBeCloseTo(microToNumber(r.variance), 9);
      expect(csvNumber(line[10] ?? ''), `${r.row.id} generations`).toBe(r.generations);
      if (r.observedFactor !== null) expect(csvNumber(line[12] ?? '')).toBe(Number(r.observedFactor));
    }
    expect(csvNumber(byId.get(UNASSIGNED_KEY)?.[5] ?? '')).toBeCloseTo(microToNumber(rec.value.unassigned), 9);
    const total = byId.get('Total') ?? [];
    expect(csvNumber(total[5] ?? '')).toBeCloseTo(microToNumber(rec.value.ledgerTotal), 9);

    const [, ...weeks] = await readSheetCsv(out, file, 'Weekly');
    const report = groupReconciliation(rec.value, 'week');
    expect(weeks.map((w) => w[0])).toEqual(report.groups.map((g) => g.key));
    report.groups.forEach((g, i) => {
      const w = weeks[i] ?? [];
      expect(csvNumber(w[1] ?? ''), `${g.key} planned`).toBeCloseTo(microToNumber(g.planned), 9);
      expect(csvNumber(w[2] ?? ''), `${g.key} actual`).toBeCloseTo(microToNumber(g.actual), 9);
      expect(csvNumber(w[3] ?? ''), `${g.key} variance`).toBeCloseTo(microToNumber(g.variance), 9);
      expect(csvNumber(w[4] ?? ''), `${g.key} cumulative plan`).toBeCloseTo(microToNumber(g.cumulativePlanned), 9);
      expect(csvNumber(w[6] ?? ''), `${g.key} forecast`).toBeCloseTo(microToNumber(g.forecast), 9);
      expect(csvNumber(w[5] ?? ''), `${g.key} cumulative actual`).toBeCloseTo(microToNumber(g.cumulativeActual), 9);
    });
  });
});
