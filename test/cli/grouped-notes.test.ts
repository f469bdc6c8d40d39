import { describe, expect, it } from 'vitest';
import { serializePlan } from '../../shared/plan/plan-document';
import { blankPlan, blankRow } from '../../shared/plan/new-plan';
import { createMemoryIo } from './support/memory-io';

/** 40 batch rows, each warning that some batch APIs reject gpt-image-2. */
function planWithRepeatedWarnings(): string {
  const plan = blankPlan('2026-11-28', 'Batch campaign');
  for (let i = 0; i < 40; i++) plan.rows.push(blankRow(`b${i}`, { name: `Batch ${i + 1}`, surface: 'batch' }));
  return serializePlan(plan);
}

describe('messages many rows share are one line each in the CLI (issue 14 §5)', () => {
  it('validate: one warning line with the count and the first rows; --verbose lists every row', async () => {
    const io = createMemoryIo({ 'plan.pxplan': planWithRepeatedWarnings() });
    const grouped = await io.run('validate', 'plan.pxplan');
    expect(grouped.code).toBe(0);
    expect(grouped.stdout).toBe('ok: 40 rows\n');
    const lines = grouped.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^warning: 40 rows \(rows 1, 2, 3, …\): Batch for gpt-image-2: /);

    const verbose = await io.run('validate', 'plan.pxplan', '--verbose');
    const all = verbose.stderr.trimEnd().split('\n');
    expect(all).toHaveLength(40);
    expect(all[39]).toMatch(/^warning: row 40 "Batch 40": Batch for gpt-image-2: /);
  });

  it('validate: rows whose end date is before their start date are one warning line', async () => {
    const plan = blankPlan('2026-11-28', 'Launch');
    for (let i = 0; i < 6; i++)
      plan.rows.push(
        blankRow(`r${i}`, {
          name: `Line ${i + 1}`,
          startDate: '2027-01-04',
          endDate: i % 2 === 1 ? '2027-01-02' : '2027-01-31',
        }),
      );
    const io = createMemoryIo({ 'plan.pxplan': serializePlan(plan) });
    const r = await io.run('validate', 'plan.pxplan');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(
      'warning: 3 rows (rows 2, 4, 6): the end date is before the start date: the row is spread over no day, so Reconcile leaves it out of the weeks\n',
    );
  });

  it('estimate: the notes under the table are grouped too, and --verbose lists them row by row', async () => {
    const io = createMemoryIo({ 'plan.pxplan': planWithRepeatedWarnings() });
    const grouped = (await io.run('estimate', 'plan.pxplan')).stdout.split('\n');
    expect(grouped.filter((line) => line.startsWith('warning: '))).toEqual([
      expect.stringMatching(/^warning: 40 rows \(rows 1, 2, 3, …\): Batch for gpt-image-2: /),
    ]);
    const verbose = (await io.run('estimate', 'plan.pxplan', '--verbose')).stdout.split('\n');
    expect(verbose.filter((line) => line.startsWith('warning: '))).toHaveLength(40);
  });

  it('estimate and validate: sizes typed by hand that the model does not take are one error line per reason', async () => {
    // Each row has its own size, none a multiple of 16: before, one error line per distinct size.
    const plan = blankPlan('2026-11-28', 'Hand-typed sizes');
    for (let i = 0; i < 30; i++)
      plan.rows.push(blankRow(`s${i}`, { name: `Brief ${i + 1}`, size: `${1001 + 2 * i}x${1003 + 2 * i}` }));
    plan.rows.push(blankRow('ok', { name: 'Valid', size: '1024x1024' }));
    const io = createMemoryIo({ 'plan.pxplan': serializePlan(plan) });
    const line =
      "30 rows (rows 1, 2, 3, …), size: the row's size is not a valid size for gpt-image-2: both edges must be multiples of 16; e.g. row 1: 1001x1003, nearest valid 1008x1008, 992x1008, 1008x992";

    const estimated = await io.run('estimate', 'plan.pxplan');
    expect(estimated.code).toBe(1);
    expect(estimated.stdout.split('\n').filter((l) => l.startsWith('error: '))).toEqual([`error: ${line}`]);
    const verbose = await io.run('estimate', 'plan.pxplan', '--verbose');
    expect(verbose.stdout.split('\n').filter((l) => l.startsWith('error: '))).toHaveLength(30);

    const validated = await io.run('validate', 'plan.pxplan');
    expect(validated.code).toBe(1);
    expect(validated.stderr.split('\n').filter((l) => l.includes('not a valid size'))).toEqual([
      expect.stringContaining(line),
    ]);
  });

  it('validate: keys the plan file holds that this version does not read are warned about, with a guess', async () => {
    const plan = JSON.parse(planWithRepeatedWarnings()) as { rows: Record<string, unknown>[]; meta: object };
    plan.rows = plan.rows.slice(0, 3).map((row) => ({ ...row, surface: 'api' }));
    plan.rows[0] = { ...plan.rows[0], finalz: 3 };
    plan.rows[1] = { ...plan.rows[1], costCenter: 'CC-12' };
    plan.rows[2] = { ...plan.rows[2], costCenter: 'CC-14' };
    plan.meta = { ...plan.meta, department: 'Brand' };
    const io = createMemoryIo({ 'plan.pxplan': JSON.stringify(plan) });
    const r = await io.run('validate', 'plan.pxplan');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('ok: 3 rows\n');
    const saved = 'is not one Pixel Ledger reads: it is ignored, and left out when the plan is saved';
    expect(r.stderr.trimEnd().split('\n')).toEqual([
      `warning: meta: the field "department" ${saved}`,
      `warning: row 1 "Batch 1": the field "finalz" ${saved} (did you mean "finals"?)`,
      `warning: 2 rows (rows 2, 3): the field "costCenter" ${saved}`,
    ]);
  });

  it("validate: an override's own key is one warning per scenario, with how many overrides hold it", async () => {
    const plan = JSON.parse(planWithRepeatedWarnings()) as {
      rows: Record<string, unknown>[];
      scenarios: unknown[];
    };
    plan.rows = plan.rows.slice(0, 3).map((row) => ({ ...row, surface: 'api' }));
    const overrides = plan.rows.map((r) => ({ rowId: r.id, field: 'finals', value: 5, note: 'brief' }));
    plan.scenarios = [{ id: 's', name: 'S', description: '', overrides }];
    const r = await createMemoryIo({ 'plan.pxplan': JSON.stringify(plan) }).run('validate', 'plan.pxplan');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(
      'warning: scenarios[0].overrides[]: the field "note" is not one Pixel Ledger reads: it is ignored, and left out when the plan is saved (in 3 of them)\n',
    );
  });

  it("validate: a key in the actuals ledger's manual assignments is one warning, with how many hold it", async () => {
    const plan = JSON.parse(planWithRepeatedWarnings()) as {
      rows: Record<string, unknown>[];
      actuals: Record<string, unknown>;
    };
    plan.rows = plan.rows.slice(0, 3).map((row) => ({ ...row, surface: 'api' }));
    plan.actuals.assignments = ['x', 'y'].map((bucket) => ({
      bucket,
      parts: [{ rowId: plan.rows[0]?.id, pct: '100', memo: 'agreed with finance' }],
    }));
    const r = await createMemoryIo({ 'plan.pxplan': JSON.stringify(plan) }).run('validate', 'plan.pxplan');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(
      'warning: actuals.assignments[].parts[]: the field "memo" is not one Pixel Ledger reads: it is ignored, and left out when the plan is saved (in 2 of them)\n',
    );
  });
});
