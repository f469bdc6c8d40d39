import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { exportPlanCsv, planCsvText } from '../../node/io/csv-export';
import { estimatePlan } from '../../shared/estimate/estimate-plan';
import { createSamplePlan } from '../../shared/plan/sample-plan';
import type { PlanDocument } from '../../shared/plan/plan-schema';
import { diffPlans } from '../../shared/plan/plan-diff';
import { changeRow } from '../shared/support/fixtures';
import { useTempDir } from '../support/temp-dir';
import { parseCsv } from './support/sheet-csv';

const SAMPLE = createSamplePlan('2026-11-01');

const inTemp = useTempDir('pl-csv-');

function csv(plan: PlanDocument, delimiter: ',' | ';'): string {
  const r = planCsvText(plan, { scenarioId: null, delimiter });
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

describe('CSV export', () => {
  it('is UTF-8 with a byte-order mark, one line per row, the engine totals per row', async () => {
    const file = inTemp('plan.csv');
    const r = await exportPlanCsv(SAMPLE, file, { scenarioId: null, delimiter: ',' });
    expect(r.ok).toBe(true);
    const bytes = await readFile(file);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(bytes.toString('utf8').slice(1));
    const header = rows[0] ?? [];
    expect(rows.filter((r) => r.length > 1)).toHaveLength(SAMPLE.rows.length + 1);
    const total = header.indexOf('Row total');
    const estimate = estimatePlan(SAMPLE, { scenario: null });
    if (!estimate.ok) throw new Error(estimate.error);
    estimate.value.rows.forEach((result, i) => {
      expect(Number(rows[i + 1]?.[total])).toBe(Number(result.estimate.totalCost) / 1e6);
    });
  });

  it('with ";" numbers use a decimal comma, and text with the delimiter is quoted', () => {
    const plan = changeRow(SAMPLE, 0, { name: 'a; b "c"' });
    const text = csv(plan, ';');
    const rows = parseCsv(text.slice(1), ';');
    const header = rows[0] ?? [];
    const first = rows[1] ?? [];
    expect(first[header.indexOf('Campaign line')]).toBe('a; b "c"');
    expect(first[header.indexOf('Generations per final')]).toBe('1,2');
    expect(first[header.indexOf('Final generations')]).toBe('28,8');
  });

  it('neutralises text that could run as a formula, and leaves numbers alone', () => {
    const plan = changeRow(SAMPLE, 0, { name: '=1+1', team: '@SUM(A1)', notes: '-2' });
    const rows = parseCsv(csv(plan, ',').slice(1));
    const header = rows[0] ?? [];
    expect(rows[1]?.[header.indexOf('Campaign line')]).toBe("'=1+1");
    expect(rows[1]?.[header.indexOf('Team')]).toBe("'@SUM(A1)");
    expect(rows[1]?.[header.indexOf('Notes')]).toBe("'-2");
    expect(rows[1]?.[header.indexOf('Finals')]).toBe('24');
  });
});

describe('import preview (diff against the open plan)', () => {
  it('lists added, removed and changed rows, reordering, price changes and the totals before and after', () => {
    const [a, b, c, d] = SAMPLE.rows;
    if (!a || !b || !c || !d) throw new Error('the sample has four rows');
    const after: PlanDocument = {
      ...SAMPLE,
      rows: [b, { ...a, finals: 48 }, c, { ...d, id: 'new-line', name: 'New' }],
    };
    const diff = diffPlans(SAMPLE, after);
    expect(diff.added).toEqual([{ id: 'new-line', name: 'New' }]);
    expect(diff.removed).toEqual([{ id: d.id, name: d.name }]);
    expect(diff.changed).toEqual([{ id: a.id, name: a.name, fields: [{ field: 'finals', before: 24, after: 48 }] }]);
    expect(diff.reordered).toBe(true);
    expect(diff.unchanged).toBe(false);
    expect(diff.totalAfter).not.toBe(diff.totalBefore);
  });

  it('lists plan price entries the import adds, changes or drops', () => {
    const [entry] = SAMPLE.priceEntries;
    if (!entry) throw new Error('the sample has a plan entry');
    const changed = { ...entry, notes: 'edited' };
    const added = { ...entry, id: 'plan/other' };
    expect(diffPlans(SAMPLE, { ...SAMPLE, priceEntries: [changed, added] }).priceEntries).toEqual([
      entry.id,
      'plan/other',
    ]);
    expect(diffPlans(SAMPLE, { ...SAMPLE, priceEntries: [] }).priceEntries).toEqual([entry.id]);
  });

  it('an unchanged import says so', () => {
    expect(diffPlans(SAMPLE, structuredClone(SAMPLE)).unchanged).toBe(true);
  });
});
