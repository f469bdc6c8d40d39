import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { estimatePlan } from '../../shared/estimate/estimate-plan';
import { microToDecimalString } from '../../shared/money/format';
import { toDecimalString } from '../../shared/money/exact';
import { parsePlanText, serializePlan } from '../../shared/plan/plan-document';
import type { PlanDocument } from '../../shared/plan/plan-schema';
import { createSamplePlan } from '../../shared/plan/sample-plan';
import { BUILTIN_CATALOG } from '../../shared/pricing/builtin-catalog';
import { changeRow } from '../shared/support/fixtures';
import { createMemoryIo, parseJson } from './support/memory-io';

const TODAY = '2026-11-28';
const sample = createSamplePlan(TODAY);

const EstimateJson = z.object({
  plan: z.object({ name: z.string(), priceBookAsOf: z.string() }),
  scenario: z.object({ id: z.string(), name: z.string() }).nullable(),
  rows: z.array(
    z.object({
      index: z.number(),
      id: z.string(),
      name: z.string(),
      ok: z.boolean(),
      outputTokensPerImage: z.number().nullable(),
      costPerImageUsd: z.string(),
      costUsd: z.string(),
      budgetRemainingUsd: z.string().nullable(),
      errors: z.array(z.object({ field: z.string(), message: z.string() })),
      warnings: z.array(z.string()),
    }),
  ),
  totals: z.object({
    costUsd: z.string(),
    finalCostUsd: z.string(),
    draftCostUsd: z.string(),
    rowsWithErrors: z.number(),
    finals: z.number(),
  }),
});

function withPlan(plan: PlanDocument = sample) {
  return createMemoryIo({ 'plan.pxplan': serializePlan(plan) }, TODAY);
}

describe('sample', () => {
  it('writes the sample plan as of today, readable by the plan parser', async () => {
    const cli = createMemoryIo({}, TODAY);
    const r = await cli.run('sample', '-o', 'out/sample.pxplan');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      'wrote out/sample.pxplan: "Q1 launch imagery (sample)", 4 rows, 2 scenarios, prices as of 2026-11-28\n',
    );
    const text = cli.files.get('out/sample.pxplan');
    expect(typeof text).toBe('string');
    expect(text).toBe(serializePlan(createSamplePlan(TODAY)));
    expect(parsePlanText(String(text)).ok).toBe(true);
  });

  it('refuses to overwrite an existing file unless --force', async () => {
    const cli = createMemoryIo({ 'mine.pxplan': 'precious' }, TODAY);
    const refused = await cli.run('sample', '-o', 'mine.pxplan');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe(
      'pixel-ledger: mine.pxplan already exists: add --force to overwrite it, or choose another path\n',
    );
    expect(cli.files.get('mine.pxplan')).toBe('precious');
    const forced = await cli.run('sample', '--output', 'mine.pxplan', '--force');
    expect(forced.code).toBe(0);
    expect(cli.files.get('mine.pxplan')).toBe(serializePlan(sample));
    // Written through the atomic writer: no temporary file is left beside it.
    expect(cli.files.names()).toEqual([path.resolve('mine.pxplan')]);
  });

  it.each([
    [[], 2, 'sample needs an output file: pixel-ledger sample -o sample.pxplan'],
    [['-o'], 2, '--output (-o) needs a value'],
    [['-o', 'plan.json'], 2, '-o plan.json: plan files end in .pxplan, e.g. -o sample.pxplan'],
    [
      ['-o', '/missing-folder/s.pxplan'],
      1,
      '/missing-folder/s.pxplan: could not create a temporary file in the folder: the folder does not exist',
    ],
  ])('%j fails clearly', async (argv, code, message) => {
    const r = await createMemoryIo({}, TODAY).run('sample', ...argv);
    expect(r.code).toBe(code);
    expect(r.stderr).toContain(`pixel-ledger: ${message}`);
  });
});

describe('estimate', () => {
  it("--json: per-row costUsd and totals.costUsd are the engine's exact values", async () => {
    const r = await withPlan().run('estimate', 'plan.pxplan', '--json');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const json = EstimateJson.parse(parseJson(r.stdout));
    const engine = estimatePlan(sample);
    if (!engine.ok) throw new Error(engine.error);
    expect(json.scenario).toBeNull();
    expect(json.rows.map((row) => row.costUsd)).toEqual(
      engine.value.rows.map((row) => microToDecimalString(row.estimate.totalCost)),
    );
    expect(json.rows.map((row) => row.costPerImageUsd)).toEqual(
      engine.value.rows.map((row) => toDecimalString(row.estimate.costPerFinalImage)),
    );
    expect(json.rows.map((row) => row.outputTokensPerImage)).toEqual(
      engine.value.rows.map((row) => row.estimate.outputTokensPerFinal),
    );
    expect(json.totals.costUsd).toBe(microToDecimalString(engine.value.totals.totalCost));
    expect(json.totals.rowsWithErrors).toBe(0);
  });

  it("--scenario by name or id applies the scenario's overrides", async () => {
    const cli = withPlan();
    const byName = EstimateJson.parse(
      parseJson((await cli.run('estimate', 'plan.pxplan', '--scenario', 're-prompting from scratch', '--json')).stdout),
    );
    const byId = EstimateJson.parse(
      parseJson((await cli.run('estimate', 'plan.pxplan', '--scenario', 'from-scratch', '--json')).stdout),
    );
    const engine = estimatePlan(sample, { scenario: 'from-scratch' });
    if (!engine.ok) throw new Error(engine.error);
    expect(byName.scenario).toEqual({ id: 'from-scratch', name: 'Re-prompting from scratch' });
    expect(byName.totals.costUsd).toBe(microToDecimalString(engine.value.totals.totalCost));
    expect(byId.totals).toEqual(byName.totals);
    const base = EstimateJson.parse(parseJson((await cli.run('estimate', 'plan.pxplan', '--json')).stdout));
    expect(Number(byName.totals.costUsd)).toBeGreaterThan(Number(base.totals.costUsd));
  });

  it('--on-model prices the base plan with every row on that model and prints what was mapped', async () => {
    const cli = withPlan();
    const json = EstimateJson.extend({ mappings: z.array(z.string()) }).parse(
      parseJson((await cli.run('estimate', 'plan.pxplan', '--on-model', 'gpt-image-1.5', '--json')).stdout),
    );
    expect(json.scenario?.name).toBe('On gpt-image-1.5');
    expect(json.mappings.some((m) => m.includes('Size 1024x1280 → 1024x1536'))).toBe(true);
    const text = await cli.run('estimate', 'plan.pxplan', '--on-model', 'gpt-image-1.5');
    // One line per change made alike, the size left out where the rows had different ones.
    expect(text.stdout).toMatch(
      /^Every row on gpt-image-1\.5, mapped to the nearest it offers:\n {2}2 rows \(rows 1, 2\): Size → 1024x1536: .*\n {2}2 rows \(rows 3, 4\): Size 1536x864 → 1536x1024: .*\n\n/,
    );
    const verbose = await cli.run('estimate', 'plan.pxplan', '--on-model', 'gpt-image-1.5', '--verbose');
    expect(verbose.stdout).toMatch(
      /^Every row on gpt-image-1\.5, mapped to the nearest it offers:\n {2}Product page drop: 12 SKUs x 2 angles: Size 1024x1280 → 1024x1536/,
    );
    const refused = await cli.run('estimate', 'plan.pxplan', '--on-model', 'no-such-model');
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('"no-such-model" is not a known model');
  });

  it('prints a readable table with totals equal to the rows', async () => {
    const r = await withPlan().run('estimate', 'plan.pxplan');
    expect(r.code).toBe(0);
    const engine = estimatePlan(sample);
    if (!engine.ok) throw new Error(engine.error);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('Q1 launch imagery (sample): prices as of 2026-11-28, base plan');
    expect(lines[2]).toMatch(/^# +name +finals +generations +tokens\/image +cost\/image +total +budget left +errors$/);
    expect(r.stdout).toContain('Product page drop: 12 SKUs x 2 angles');
    expect(r.stdout).toContain('28.8 + 24 drafts');
    expect(r.stdout).toMatch(
      new RegExp(`Total .*\\$${microToDecimalString(engine.value.totals.totalCost).replace('.', '\\.')}`),
    );
  });

  it('reports rows with errors, leaves them out of the totals, and exits 1', async () => {
    const broken = changeRow(sample, 1, { size: '1000x1000' });
    const cli = withPlan(broken);
    const text = await cli.run('estimate', 'plan.pxplan');
    expect(text.code).toBe(1);
    expect(text.stdout).toContain('1 error');
    expect(text.stdout).toContain(
      'error: row 2 "UGC ad hooks: 5 concepts x 6 variants", size: 1000x1000 is not a valid size for gpt-image-2',
    );
    expect(text.stderr).toBe(
      'pixel-ledger: 1 of 4 rows has errors and is left out of the totals: fix them (see "pixel-ledger validate plan.pxplan")\n',
    );
    const json = EstimateJson.parse(parseJson((await cli.run('estimate', 'plan.pxplan', '--json')).stdout));
    expect(json.rows[1]?.ok).toBe(false);
    expect(json.rows[1]?.errors[0]?.field).toBe('size');
    expect(json.totals.rowsWithErrors).toBe(1);
  });

  it.each([
    [['estimate'], 2, 'estimate needs a plan file, e.g. pixel-ledger estimate plan.pxplan'],
    [['estimate', 'nope.pxplan'], 1, 'nope.pxplan: the file does not exist (check the path)'],
    [['estimate', 'folder/'], 1, 'folder/: it is a folder, not a plan file'],
    [['estimate', 'corrupt.pxplan'], 1, 'corrupt.pxplan: the file is not valid JSON'],
    [
      ['estimate', 'foreign.pxplan'],
      1,
      'foreign.pxplan: this is not a Pixel Ledger plan: the document has no schemaVersion',
    ],
    [['estimate', 'newer.pxplan'], 1, 'newer.pxplan: this plan was saved by a newer Pixel Ledger (schema version 99'],
    [
      ['estimate', 'plan.pxplan', '--scenario', 'nope'],
      1,
      'plan.pxplan: there is no scenario "nope" in this plan: choose one of "Strict baselines", "Re-prompting from scratch"',
    ],
    [
      ['estimate', 'plan.pxplan', '--scenario', 'Strict baselines', '--base'],
      1,
      'give either --scenario or --base, not both',
    ],
    [['estimate', 'plan.pxplan', '--jsn'], 2, 'unknown option --jsn for estimate'],
  ])('%j fails with one clear line', async (argv, code, message) => {
    const cli = createMemoryIo(
      {
        'plan.pxplan': serializePlan(sample),
        'corrupt.pxplan': '{"schemaVersion": 1, "meta": ',
        'foreign.pxplan': '{"hello": "world"}',
        'newer.pxplan': '{"schemaVersion": 99}',
        'folder/': '',
      },
      TODAY,
    );
    const r = await cli.run(...argv);
    expect(r.code).toBe(code);
    expect(r.stdout).toBe('');
    expect(r.stderr.split('\n')).toHaveLength(2);
    expect(r.stderr).toContain(`pixel-ledger: ${message}`);
  });
});

describe('validate', () => {
  it('prints "ok: N rows" for a good plan', async () => {
    const r = await withPlan().run('validate', 'plan.pxplan');
    expect(r).toEqual({ code: 0, stdout: 'ok: 4 rows\n', stderr: '' });
  });

  it('passes a plan with warnings, printing them on stderr', async () => {
    const r = await withPlan(changeRow(sample, 0, { cachedSharePct: 50 })).run('validate', 'plan.pxplan');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('ok: 4 rows\n');
    expect(r.stderr).toBe(
      'warning: row 1 "Product page drop: 12 SKUs x 2 angles": cached input rates apply only through the Responses API: the cached share is ignored on this surface\n',
    );
  });

  it('names the row (number and name) and the field of every engine problem', async () => {
    let plan = changeRow(sample, 0, { quality: 'ultra' });
    plan = changeRow(plan, 2, { model: 'gpt-image-9' });
    plan = changeRow(plan, 3, { size: '5000x1000' });
    const r = await withPlan(plan).run('validate', 'plan.pxplan');
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toBe(
      'plan.pxplan: row 1 "Product page drop: 12 SKUs x 2 angles", quality: quality "ultra" is not offered by gpt-image-2: use one of low, medium, high, auto',
    );
    expect(lines[1]).toBe('plan.pxplan: row 3 "SaaS landing: hero image", model: unknown model "gpt-image-9"');
    expect(lines[2]).toMatch(
      /^plan\.pxplan: row 4 "SaaS landing: 8 UI screenshots", size: 5000x1000 is not a valid size for gpt-image-2: .* Nearest valid: /,
    );
  });

  it('lists every schema problem on its own line, naming the row and field', async () => {
    const raw = JSON.parse(serializePlan(sample)) as { rows: Record<string, unknown>[] };
    const [first, second] = raw.rows;
    if (!first || !second) throw new Error('sample has rows');
    first.finals = 2.5;
    second.nPerRequest = 'four';
    const cli = createMemoryIo({ 'bad.pxplan': JSON.stringify(raw) }, TODAY);
    const r = await cli.run('validate', 'bad.pxplan');
    expect(r.code).toBe(1);
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines).toEqual([
      'bad.pxplan: row 1 "Product page drop: 12 SKUs x 2 angles", finals: finals must be a whole number',
      expect.stringMatching(/^bad\.pxplan: row 2 "UGC ad hooks: 5 concepts x 6 variants", nPerRequest: /),
    ]);
  });

  it('checks scenarios too: a scenario that breaks a row is named', async () => {
    const plan: PlanDocument = {
      ...sample,
      scenarios: [
        ...sample.scenarios,
        {
          id: 'huge',
          name: 'Huge',
          description: '',
          overrides: [{ rowId: 'saas-hero', field: 'size', value: '9999x9999' }],
        },
      ],
    };
    const r = await withPlan(plan).run('validate', 'plan.pxplan');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /^plan\.pxplan: scenario "Huge": row 3 "SaaS landing: hero image", size: 9999x9999 is not a valid size/,
    );
  });

  it('reports an unreadable or foreign file in one line', async () => {
    const cli = createMemoryIo({ 'x.pxplan': 'not json' }, TODAY);
    const r = await cli.run('validate', 'x.pxplan');
    expect(r.code).toBe(1);
    expect(r.stderr.split('\n')).toHaveLength(2);
    expect(r.stderr).toMatch(/^x\.pxplan: the file is not valid JSON/);
    const missing = await cli.run('validate', 'missing.pxplan');
    expect(missing.stderr).toBe('pixel-ledger: missing.pxplan: the file does not exist (check the path)\n');
  });
});

describe('prices', () => {
  it('lists every catalog entry with dates and sources', async () => {
    const r = await createMemoryIo({}, TODAY).run('prices');
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe(`${BUILTIN_CATALOG.length} price entries`);
    for (const entry of BUILTIN_CATALOG) expect(r.stdout).toContain(entry.id);
    expect(r.stdout).toContain(
      'USD per 1M tokens: text in 5.00 (cached 1.25), image in 8.00 (cached 2.00), image out 30.00',
    );
    expect(r.stdout).toContain('effective from 2026-04-21, open-ended');
    expect(r.stdout).toContain('source: https://developers.openai.com/api/docs/pricing');
    expect(r.stdout).toMatch(/shutdown 2026-05-12/);
  });

  it('--model and --date keep the entries in force for that model', async () => {
    const r = await createMemoryIo({}, TODAY).run('prices', '--model', 'gpt-image-2', '--date', '2026-11-01', '--json');
    const json = z
      .object({
        date: z.string(),
        model: z.string(),
        entries: z.array(
          z.object({ id: z.string(), model: z.string(), sourceClass: z.string(), effectiveFrom: z.string() }),
        ),
      })
      .parse(parseJson(r.stdout));
    expect(json.entries.length).toBeGreaterThan(0);
    expect(json.entries.every((e) => e.model === 'gpt-image-2' && e.effectiveFrom <= '2026-11-01')).toBe(true);
    expect(json.entries.map((e) => e.id)).toContain('openai/gpt-image-2@2026-04-21');
  });

  it("--plan includes the plan's own entries", async () => {
    const r = await withPlan().run('prices', '--plan', 'plan.pxplan', '--model', 'gpt-image-2');
    expect(r.stdout).toContain('plan/studio-credits-gpt-image-2  gpt-image-2  [credits]  user');
  });

  it('labels a token-billed published table "≈ as published" with the token price beside each cell', async () => {
    const r = await createMemoryIo({}, TODAY).run('prices', '--model', 'gpt-image-1', '--date', '2026-06-01');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('per-image output ≈ as published (the estimate bills tokens x rate):');
    expect(r.stdout).toContain('1536x1024 ≈0.25 (tokens: 0.24832)');
    expect(r.stdout).toContain('1024x1024 ≈0.167 (tokens: 0.1664)');
    // gpt-image-1-mini has no token counts: its grid is what the estimate bills, and it says so.
    const mini = await createMemoryIo({}, TODAY).run('prices', '--model', 'gpt-image-1-mini', '--date', '2026-06-01');
    expect(mini.stdout).toContain('per-image output as published (the estimate bills these: output tokens unknown):');
  });

  it("shows each entry's age against --date (or today) and flags checks older than 90 days", async () => {
    const recent = await createMemoryIo({}, TODAY).run('prices', '--model', 'gpt-image-2', '--date', '2026-12-16');
    expect(recent.stdout).toContain('checked 2026-12-04, 12 days before 2026-12-16');
    expect(recent.stdout).not.toContain('STALE');
    const later = await createMemoryIo({}, TODAY).run('prices', '--model', 'gpt-image-2', '--date', '2027-04-01');
    expect(later.stdout).toContain(
      'STALE: checked 2026-12-04, 118 days before 2027-04-01: older than 90 days, check the sources again',
    );
    expect(later.stdout.split('\n')[0]).toBe(
      '2 price entries for gpt-image-2 in force on 2027-04-01 (2 with sources checked over 90 days before 2027-04-01)',
    );
  });

  it('shows a per-megapixel entry with its megapixel unit and input charge', async () => {
    const r = await createMemoryIo({}, TODAY).run('prices', '--model', 'flux-2-flex', '--date', '2026-12-04');
    expect(r.stdout).toContain(
      'per megapixel: first 5 credits, each further 5 credits; each input-image megapixel 5 credits',
    );
    expect(r.stdout).toContain('megapixel = 1024x1024 px, each image rounded up to whole megapixels (UNVERIFIED');
  });

  it.each([
    [['--model', 'gpt-image-9'], '--model "gpt-image-9" has no price entries: use one of'],
    [['--model', 'gpt-image-2', '--date', '2025-01-01'], 'no price entry for gpt-image-2 is in force on 2025-01-01'],
    [['--date', 'yesterday'], '--date "yesterday" is not a date'],
  ])('%j fails clearly', async (argv, message) => {
    const r = await createMemoryIo({}, TODAY).run('prices', ...argv);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain(`pixel-ledger: ${message}`);
  });
});

describe('help and dispatch', () => {
  it.each([[[]], [['help']], [['--help']], [['-h']]])('%j lists the commands', async (argv) => {
    const r = await createMemoryIo({}, TODAY).run(...argv);
    expect(r.code).toBe(0);
    for (const name of ['quote', 'estimate', 'sample', 'prices', 'validate', 'help'])
      expect(r.stdout).toMatch(new RegExp(`^  ${name} +\\S`, 'm'));
  });

  it('help <command> and <command> --help show its usage and options', async () => {
    const cli = createMemoryIo({}, TODAY);
    const a = await cli.run('help', 'quote');
    const b = await cli.run('quote', '--help');
    expect(a.stdout).toBe(b.stdout);
    expect(a.stdout).toContain('Usage: pixel-ledger quote --model M --size WxH|preset|auto --quality Q [options]');
    expect(a.stdout).toContain('--prompt-chars C');
  });

  it.each([
    [['qoute'], 'unknown command "qoute" (did you mean quote?): run "pixel-ledger help" for the list of commands'],
    [['frobnicate'], 'unknown command "frobnicate": run "pixel-ledger help" for the list of commands'],
    [['help', 'nope'], 'unknown command "nope"'],
    [['--model', 'gpt-image-2'], '"--model" is not a command: put the command first'],
  ])('%j is a usage error', async (argv, message) => {
    const r = await createMemoryIo({}, TODAY).run(...argv);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`pixel-ledger: ${message}`);
  });

  it('an unexpected failure is one line, not a stack trace', async () => {
    const cli = withPlan();
    cli.io.fs.readFile = () => Promise.reject(new TypeError('boom\n    at somewhere (file.ts:1:1)'));
    const r = await cli.run('estimate', 'plan.pxplan');
    expect(r.code).toBe(1);
    expect(r.stderr.split('\n')).toHaveLength(2);
    expect(r.stderr).not.toMatch(/\n\s+at /);

    const broken = createMemoryIo({}, TODAY);
    broken.io.stdout = () => {
      throw new TypeError('stdout closed');
    };
    const bug = await broken.run('quote', '--model', 'gpt-image-2', '--size', '1024x1024', '--quality', 'high');
    expect(bug.code).toBe(1);
    expect(bug.stderr).toBe(
      'pixel-ledger: unexpected error: stdout closed (this is a bug: please report it with the command you ran)\n',
    );
  });
});

describe('export never costs a plan (issue 9 §1)', () => {
  it('refuses, even with --force, an output that is a plan, and keeps an earlier export as .bak', async () => {
    const cli = createMemoryIo({ 'plan.pxplan': serializePlan(sample), 'other.csv': serializePlan(sample) }, TODAY);
    const overPlan = await cli.run('export', 'plan.pxplan', '-o', 'other.csv', '--force');
    expect(overPlan.code).not.toBe(0);
    expect(overPlan.stderr).toContain('“other.csv” is a Pixel Ledger plan, which the export would replace');
    expect(cli.files.get('other.csv')).toBe(serializePlan(sample));

    expect((await cli.run('export', 'plan.pxplan', '-o', 'out.csv')).code).toBe(0);
    const first = cli.files.get('out.csv');
    expect((await cli.run('export', 'plan.pxplan', '-o', 'out.csv', '--force', '--delimiter', ';')).code).toBe(0);
    expect(cli.files.get('out.csv.bak')).toBe(first);
    expect(cli.files.get('out.csv')).not.toBe(first);
  });
});
