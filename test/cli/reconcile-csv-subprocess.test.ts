import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { serializePlan } from '../../shared/plan/plan-document';
import { createSamplePlan } from '../../shared/plan/sample-plan';
import { reconciliationCsv } from '../../shared/reconcile/reconcile-csv';
import { reconcilePlan } from '../../shared/reconcile/reconcile-plan';
import { useTempDir } from '../support/temp-dir';

/** `reconcile PLAN --csv [-o FILE] [--force]` as a real process (node + tsx, as from a clone), issue 12 §7. */
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const inTemp = useTempDir('pixel-ledger-reconcile-csv-');
const SAMPLE = createSamplePlan('2026-11-28');

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'cli/main.ts', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  if (r.error) throw r.error;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function expected(asOf: string | null): string {
  const rec = reconcilePlan(SAMPLE, { asOf });
  if (!rec.ok) throw new Error(rec.error);
  return reconciliationCsv(rec.value, { delimiter: ',' });
}

describe('reconcile --csv', () => {
  beforeAll(() => writeFileSync(inTemp('plan.pxplan'), serializePlan(SAMPLE)));

  it('prints the table to stdout, or writes it to -o; an existing file needs --force', () => {
    const printed = cli('reconcile', inTemp('plan.pxplan'), '--csv', '--as-of', '2027-01-20');
    expect(printed.stderr).toBe('');
    expect(printed.code).toBe(0);
    expect(printed.stdout).toBe(expected('2027-01-20').replace(/\r\n/g, '\n'));

    const out = inTemp('rec.csv');
    const written = cli('reconcile', inTemp('plan.pxplan'), '--csv', '-o', out);
    expect(written.code).toBe(0);
    expect(written.stdout).toMatch(/^wrote .*rec\.csv: 4 rows, Unassigned and the total as of 2027-01-27/);
    expect(readFileSync(out, 'utf8')).toBe(expected(null));

    const again = cli('reconcile', inTemp('plan.pxplan'), '--csv', '-o', out);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already exists: add --force/);
    const forced = cli('reconcile', inTemp('plan.pxplan'), '--csv', '-o', out, '--force', '--as-of', '2027-01-14');
    expect(forced.code).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(expected('2027-01-14'));
    expect(existsSync(`${out}.bak`)).toBe(true);
  });

  it('refuses a plan file as the output, and options that do not go with --csv', () => {
    // A plan saved under a .csv name is still a plan: refused, untouched, even with --force.
    writeFileSync(inTemp('plan-copy.csv'), serializePlan(SAMPLE));
    const overPlan = cli('reconcile', inTemp('plan.pxplan'), '--csv', '-o', inTemp('plan-copy.csv'), '--force');
    expect(overPlan.code).toBe(1);
    expect(readFileSync(inTemp('plan-copy.csv'), 'utf8')).toBe(serializePlan(SAMPLE));
    expect(cli('reconcile', inTemp('plan.pxplan'), '--csv', '--json').stderr).toMatch(/either --csv or --json/);
    expect(cli('reconcile', inTemp('plan.pxplan'), '-o', inTemp('x.csv')).stderr).toMatch(/--output applies to --csv/);
  });
});
