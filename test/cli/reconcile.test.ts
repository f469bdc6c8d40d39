import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { serializePlan, parsePlanText } from '../../shared/plan/plan-document';
import { createSamplePlan } from '../../shared/plan/sample-plan';
import { emptyActualsLedger } from '../../shared/actuals/ledger/ledger-schema';
import { createMemoryIo, parseJson } from './support/memory-io';

const TODAY = '2026-11-28';

const Money = z.string().regex(/^-?\d+\.\d{2,6}$/);
const ReconcileJson = z.object({
  asOf: z.string(),
  plannedUsd: Money,
  actualUsd: Money,
  varianceUsd: Money.nullable(),
  variancePct: z.string().nullable(),
  plannedStartedUsd: Money,
  notStartedGroups: z.number(),
  unassignedUsd: Money,
  groups: z.array(
    z.object({
      key: z.string(),
      name: z.string().optional(),
      plannedUsd: Money,
      actualUsd: Money,
      actualMeasure: z.enum(['billed', 'metered', 'usage', 'mixed']).nullable(),
      varianceUsd: Money.nullable(),
      variancePct: z.string().nullable(),
      forecastUsd: Money,
      observedIterationFactor: z.string().nullable(),
    }),
  ),
});

function withSample() {
  return createMemoryIo({ 'plan.pxplan': serializePlan(createSamplePlan(TODAY)) }, TODAY);
}

function cents(text: string): number {
  return Math.round(Number(text) * 1e6);
}

describe('reconcile', () => {
  it('--json by row: the contract, with Unassigned in the totals and never a group', async () => {
    const r = await withSample().run('reconcile', 'plan.pxplan', '--json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const json = ReconcileJson.parse(parseJson(r.stdout));
    expect(json.asOf).toBe('2027-01-27');
    expect(json.groups.map((g) => [g.key, g.name, g.actualMeasure, g.observedIterationFactor])).toEqual([
      ['ecom-product-pages', 'Product page drop: 12 SKUs x 2 angles', 'billed', '3.00'],
      ['ugc-ad-hooks', 'UGC ad hooks: 5 concepts x 6 variants', 'mixed', '3.38'],
      ['saas-hero', 'SaaS landing: hero image', null, null],
      ['saas-ui-screens', 'SaaS landing: 8 UI screenshots', null, null],
    ]);
    const sum = json.groups.reduce((s, g) => s + cents(g.actualUsd), 0) + cents(json.unassignedUsd);
    expect(sum).toBe(cents(json.actualUsd));
    expect(json.unassignedUsd).toBe('0.215582');
    // The two rows not started by as-of (nothing spent) have no variance: the total leaves their plan out.
    expect(json.groups.map((g) => g.varianceUsd === null)).toEqual([false, false, true, true]);
    expect(json.notStartedGroups).toBe(2);
    const started = json.groups.filter((g) => g.varianceUsd !== null);
    expect(cents(json.plannedStartedUsd)).toBe(started.reduce((s, g) => s + cents(g.plannedUsd), 0));
    expect(cents(json.varianceUsd ?? '')).toBe(cents(json.actualUsd) - cents(json.plannedStartedUsd));
  });

  it('gen/final is blank, not 0.00, while no generation is seen (finals typed, nothing spent)', async () => {
    const cli = withSample();
    const text = (await cli.run('reconcile', 'plan.pxplan', '--as-of', '2026-12-08')).stdout;
    expect(text).not.toContain('0.00 (');
    expect(text.split('\n').find((l) => l.startsWith('ecom-product-pages'))).not.toContain('finals');
    const json = ReconcileJson.parse(
      parseJson((await cli.run('reconcile', 'plan.pxplan', '--as-of', '2026-12-08', '--json')).stdout),
    );
    expect(json.groups.map((g) => g.observedIterationFactor)).toEqual([null, null, null, null]);
  });

  it('weeks and rows not started show "not started", never a -100% saving (text, --json, --csv)', async () => {
    const cli = withSample();
    const text = (await cli.run('reconcile', 'plan.pxplan', '--by', 'week', '--as-of', '2027-01-17')).stdout;
    const line = (key: string) => text.split('\n').find((l) => l.startsWith(key)) ?? '';
    // As of Sunday 2027-01-17, the last day of 2027-W02: the weeks from 2027-W03 on have not begun.
    expect(line('2027-W02')).not.toContain('not started');
    for (const week of ['2027-W03', '2027-W04', '2027-W05', '2027-W06']) {
      expect(line(week)).toContain('not started');
      expect(line(week)).not.toContain('-100.00');
    }
    expect(text).toMatch(/^4 weeks not started by 2027-01-17 \(planned 6\.906068\): no variance yet/m);
    const json = ReconcileJson.parse(
      parseJson((await cli.run('reconcile', 'plan.pxplan', '--by', 'week', '--as-of', '2027-01-17', '--json')).stdout),
    );
    expect(json.groups.map((g) => [g.key, g.varianceUsd === null, g.variancePct])).toEqual([
      ['2027-W02', false, expect.any(String)],
      ['2027-W03', true, null],
      ['2027-W04', true, null],
      ['2027-W05', true, null],
      ['2027-W06', true, null],
    ]);
    // Before any row starts and with nothing spent: no variance anywhere, the total's included.
    const early = (await cli.run('reconcile', 'plan.pxplan', '--as-of', '2026-12-08')).stdout;
    expect(early).not.toContain('-100.00');
    expect(early.split('\n').find((l) => l.startsWith('Total'))).toContain('not started');
    const csv = (await cli.run('reconcile', 'plan.pxplan', '--as-of', '2026-12-08', '--csv')).stdout;
    const saasHero = csv.split('\n').find((l) => l.startsWith('saas-hero')) ?? '';
    // Variance $ and % (the 8th and 9th columns) blank.
    expect(saasHero.split(',').slice(7, 9)).toEqual(['', '']);
  });

  it('--by week: ISO week keys, planned is the phased plan of the week; --as-of moves the cut', async () => {
    const r = await withSample().run('reconcile', 'plan.pxplan', '--by', 'week', '--as-of', '2027-01-17', '--json');
    const json = ReconcileJson.parse(parseJson(r.stdout));
    expect(json.asOf).toBe('2027-01-17');
    expect(json.groups.map((g) => g.key)).toEqual(['2027-W02', '2027-W03', '2027-W04', '2027-W05', '2027-W06']);
    expect(json.groups.slice(2).map((g) => g.actualUsd)).toEqual(['0.00', '0.00', '0.00']);
    const planned = json.groups.reduce((s, g) => s + cents(g.plannedUsd), 0);
    expect(planned).toBe(cents(json.plannedUsd));
  });

  it.each([
    ['team', ['Ecommerce', 'Growth', 'Product marketing']],
    ['asset-type', ['Landing page', 'Product photo', 'Social ad']],
  ])(
    '--by %s --scenario NAME --json: groups by name, planned from the scenario, Unassigned apart',
    async (by, keys) => {
      const cli = withSample();
      const base = ReconcileJson.parse(parseJson((await cli.run('reconcile', 'plan.pxplan', '--json')).stdout));
      const r = await cli.run(
        'reconcile',
        'plan.pxplan',
        '--by',
        by,
        '--scenario',
        'Re-prompting from scratch',
        '--json',
      );
      expect(r.stderr).toBe('');
      const json = ReconcileJson.parse(parseJson(r.stdout));
      expect(json.groups.map((g) => g.key).sort()).toEqual(keys);
      expect(json.groups.every((g) => g.name === undefined)).toBe(true);
      expect(json.groups.reduce((s, g) => s + cents(g.plannedUsd), 0)).toBe(cents(json.plannedUsd));
      const actual = json.groups.reduce((s, g) => s + cents(g.actualUsd), 0) + cents(json.unassignedUsd);
      expect(actual).toBe(cents(json.actualUsd));
      expect(json.actualUsd).toBe(base.actualUsd);
      expect(json.plannedUsd).not.toBe(base.plannedUsd);
    },
  );

  it('--scenario names a scenario the plan has', async () => {
    const r = await withSample().run('reconcile', 'plan.pxplan', '--scenario', 'Nope', '--json');
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('Nope');
    expect(r.stderr).toContain('Strict baselines');
  });

  it('a table by team, labelling the measure and flagging the meters', async () => {
    const r = await withSample().run('reconcile', 'plan.pxplan', '--by', 'team');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Unassigned');
    expect(r.stdout).toMatch(/meters disagree by more than 1% on 1 day/);
  });

  it.each([
    [['--by', 'month'], '--by month: use one of row, team, asset-type, week'],
    [['--as-of', '17/01/2027'], '--as-of 17/01/2027: write a real date as YYYY-MM-DD'],
    [['--as-of', '2027-02-30'], '--as-of 2027-02-30: write a real date as YYYY-MM-DD'],
  ])('a bad option says what to write: %j', async (extra, message) => {
    const r = await withSample().run('reconcile', 'plan.pxplan', ...extra);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
  });
});

describe('match', () => {
  it('a rule no actual matches is still added, with a note naming the values the ledger has', async () => {
    const cli = withSample();
    const added = await cli.run(
      'match',
      'plan.pxplan',
      '--when',
      'project=proj_nope',
      '--to',
      'saas-hero',
      '-o',
      'o.pxplan',
    );
    expect(added.code).toBe(0);
    expect(added.stdout).toBe('wrote o.pxplan: rule rule-1 project = proj_nope -> saas-hero\n');
    const plan = parsePlanText(String(cli.files.get('o.pxplan')));
    expect(plan.ok && plan.value.actuals.rules.map((r) => r.when.value)).toEqual(['proj_nope']);
    expect(added.stderr).toMatch(
      /^note: no actual in plan\.pxplan has project = proj_nope; the ledger's project values: proj_\w+/,
    );
    expect(added.stderr.split('\n')).toHaveLength(2);
    // Before any actual is imported: said so, and still added.
    const empty = createMemoryIo(
      { 'plan.pxplan': serializePlan({ ...createSamplePlan(TODAY), actuals: emptyActualsLedger() }) },
      TODAY,
    );
    const early = await empty.run(
      'match',
      'plan.pxplan',
      '--when',
      'project=proj_a',
      '--to',
      'saas-hero',
      '-o',
      'o.pxplan',
    );
    expect(early.code).toBe(0);
    expect(early.stderr).toBe(
      'note: no actual in plan.pxplan has project = proj_a (the ledger has no actuals yet): the rule applies once they are imported\n',
    );
  });

  it('adds a rule that places Unassigned spend, and --list shows what it matched', async () => {
    const cli = withSample();
    const added = await cli.run(
      'match',
      'plan.pxplan',
      '--when',
      'api-key=key-marketing',
      '--to',
      'team:Growth',
      '-o',
      'out.pxplan',
    );
    expect(added.stderr).toBe('');
    expect(added.stdout).toBe('wrote out.pxplan: rule rule-1 api-key = key-marketing -> team:Growth\n');
    const plan = parsePlanText(String(cli.files.get('out.pxplan')));
    expect(plan.ok && plan.value.actuals.rules).toEqual([
      { id: 'rule-1', when: { field: 'api-key', value: 'key-marketing' }, to: { kind: 'team', team: 'Growth' } },
    ]);
    const after = ReconcileJson.parse(parseJson((await cli.run('reconcile', 'out.pxplan', '--json')).stdout));
    expect(after.unassignedUsd).toBe('0.00');
    const listed = parseJson((await cli.run('match', 'out.pxplan', '--list', '--json')).stdout);
    expect(listed).toEqual({
      asOf: '2027-01-27',
      rules: [
        {
          id: 'rule-1',
          field: 'api-key',
          value: 'key-marketing',
          to: 'team:Growth',
          buckets: 5,
          matchedUsd: '0.263774',
        },
      ],
    });
  });

  it.each([
    [['--when', 'colour=red', '--to', 'saas-hero', '-o', 'o.pxplan'], 2, '--when "colour=red": write FIELD=VALUE'],
    [
      ['--when', 'model=gpt-image-2', '--to', 'nope', '-o', 'o.pxplan'],
      1,
      '--to nope: the plan has no row with that id',
    ],
    [['--when', 'model=gpt-image-2', '--to', 'team:Legal', '-o', 'o.pxplan'], 1, 'no row has the team "Legal"'],
    [['--when', 'model=gpt-image-2'], 2, 'match needs --when FIELD=VALUE and --to'],
  ])('refuses %j with a clear message', async (extra, code, message) => {
    const r = await withSample().run('match', 'plan.pxplan', ...extra);
    expect(r.code).toBe(code);
    expect(r.stderr).toContain(message);
  });
});
