import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FileAccess } from '../../node/handlers/file-access';
import type { HandlerContext } from '../../node/handlers/handler-types';
import { createReconcileHandlers } from '../../node/handlers/reconcile-handlers';
import { createSamplePlan } from '../../shared/plan/sample-plan';
import { reconciliationCsv } from '../../shared/reconcile/reconcile-csv';
import { reconcilePlan } from '../../shared/reconcile/reconcile-plan';

const SAMPLE = createSamplePlan('2026-11-28');

function context(save: string | null, asked: string[] = []): HandlerContext {
  return {
    dialogs: {
      chooseOpenPath: async () => null,
      chooseSavePath: async (_kind, name) => {
        asked.push(name);
        return save;
      },
    },
    userDataDir: tmpdir(),
    appVersion: '0.1.0-test',
    shell: 'browser',
    launchPath: null,
    now: () => new Date('2026-11-28T09:30:00Z'),
  };
}

describe('reconcile:export-csv (issue 12 §7)', () => {
  it('asks where, writes the reconciliation table as of the day given, and cancels quietly', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'pl-rec-csv-'));
    const handlers = createReconcileHandlers(new FileAccess());
    const asked: string[] = [];
    const target = path.join(dir, 'rec');
    const result = await handlers['reconcile:export-csv'](
      { document: SAMPLE, asOf: '2027-01-20', path: null },
      context(target, asked),
    );
    expect(result).toEqual({ ok: true, path: `${target}.csv` });
    expect(asked[0]).toMatch(/reconciliation\.csv$/);
    const rec = reconcilePlan(SAMPLE, { asOf: '2027-01-20' });
    if (!rec.ok) throw new Error(rec.error);
    expect(await readFile(`${target}.csv`, 'utf8')).toBe(reconciliationCsv(rec.value, { delimiter: ',' }));
    const canceled = await handlers['reconcile:export-csv'](
      { document: SAMPLE, asOf: null, path: null },
      context(null),
    );
    expect(canceled).toEqual({ ok: false, canceled: true });
  });

  it('never writes over a plan file', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'pl-rec-csv-'));
    const plan = path.join(dir, 'plan.csv');
    await writeFile(plan, JSON.stringify({ schemaVersion: 4 }));
    const handlers = createReconcileHandlers(new FileAccess());
    const result = await handlers['reconcile:export-csv']({ document: SAMPLE, asOf: null, path: null }, context(plan));
    expect(result.ok).toBe(false);
    expect(await readFile(plan, 'utf8')).toBe(JSON.stringify({ schemaVersion: 4 }));
  });
});
