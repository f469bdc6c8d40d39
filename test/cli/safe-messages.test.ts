import { describe, expect, it } from 'vitest';
import { serializePlan } from '../../shared/plan/plan-document';
import type { PlanDocument } from '../../shared/plan/plan-schema';
import { createSamplePlan } from '../../shared/plan/sample-plan';
import { readPlanText } from '../../node/files/plan-file';
import { changeRow } from '../shared/support/fixtures';
import { createMemoryIo } from './support/memory-io';

/** Issue 13 §6: messages are bounded, show control characters escaped and name the real cause. */

const TODAY = '2026-11-28';
const sample = createSamplePlan(TODAY);

function withPlan(plan: unknown) {
  return createMemoryIo({ 'plan.pxplan': typeof plan === 'string' ? plan : JSON.stringify(plan) }, TODAY);
}

describe('CLI messages', () => {
  it('never echoes terminal escape sequences from a plan name, in tables or errors', async () => {
    const name = 'Hero \u001b[2J\u001b]0;owned\u0007 shots';
    const plan = changeRow(sample, 0, { name, finals: -3 });
    const cli = withPlan(serializePlan(plan));
    const estimated = await cli.run('estimate', 'plan.pxplan');
    const validated = await cli.run('validate', 'plan.pxplan');
    for (const out of [estimated.stdout, estimated.stderr, validated.stdout, validated.stderr])
      // eslint-disable-next-line no-control-regex -- no raw control character may reach the terminal
      expect(out).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    expect(validated.stderr).toContain('Hero \\u001b[2J\\u001b]0;owned\\u0007 shots');
  });

  it('bounds every line, however long the value that went wrong', async () => {
    const plan = changeRow(sample, 0, { name: 'n'.repeat(3_000_000), model: 'm'.repeat(2_000_000) });
    const result = await withPlan(serializePlan(plan)).run('validate', 'plan.pxplan');
    expect(result.code).toBe(1);
    const lines = result.stderr.split('\n').filter((l) => l !== '');
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(520);
    expect(result.stderr).toMatch(/more characters/);
  });

  it('names the real minimum of a whole-number field, not the safe-integer limit', async () => {
    const plan = changeRow(sample, 0, { finals: -1e20 });
    const result = await withPlan(serializePlan(plan)).run('validate', 'plan.pxplan');
    expect(result.stderr).not.toMatch(/9007199254740991/);
    expect(result.stderr).toMatch(/finals: .*use 0 to/);
  });

  it('gives the same schema problem in many rows once; --verbose lists at most 50, then how many more', async () => {
    const rows = Array.from({ length: 120 }, (_, i) => ({ ...sample.rows[0], id: `r${i}`, finals: -1 }));
    const io = withPlan(serializePlan({ ...sample, rows } as PlanDocument));
    const grouped = (await io.run('validate', 'plan.pxplan')).stderr.trim().split('\n');
    expect(grouped).toEqual([expect.stringMatching(/^plan\.pxplan: 120 rows \(rows 1, 2, 3, …\), finals: /)]);
    const lines = (await io.run('validate', 'plan.pxplan', '--verbose')).stderr.trim().split('\n');
    expect(lines).toHaveLength(51);
    expect(lines[0]).toMatch(/^plan\.pxplan: row 1 "[^"]*", finals: /);
    expect(lines.at(-1)).toBe('plan.pxplan: … and 70 more problems');
  });

  it('says what a value of the wrong type should be and how to fix it, grouped over the rows', async () => {
    const rows = Array.from({ length: 30 }, (_, i) => ({ ...sample.rows[0], id: `r${i}`, finals: String(i + 1) }));
    const io = withPlan(serializePlan({ ...sample, rows } as unknown as PlanDocument));
    expect((await io.run('validate', 'plan.pxplan')).stderr).toBe(
      'plan.pxplan: 30 rows (rows 1, 2, 3, …), finals: expected a number, found a number in quotes (text): write it without the quotes\n',
    );
    // The summary other commands (and the app's open) give: one problem, and how many rows more have it.
    expect((await io.run('estimate', 'plan.pxplan')).stderr).toBe(
      'pixel-ledger: plan.pxplan: the plan is not valid: rows[0].finals: expected a number, found a number in quotes (text): write it without the quotes (and 29 more like it)\n',
    );
  });
});

describe('file messages', () => {
  it('refuses /dev/zero as the device it is, not as a folder', async () => {
    const read = await readPlanText('/dev/zero');
    expect(read.ok).toBe(false);
    if (!read.ok) expect(read.error.reason).toMatch(/a device .*not a file/);
  });
});
