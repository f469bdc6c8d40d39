import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parsePlanText, serializePlan } from '../../shared/plan/plan-document';
import { emptyActualsLedger } from '../../shared/actuals/ledger/ledger-schema';
import { createSamplePlan } from '../../shared/plan/sample-plan';
import { useTempDir } from '../support/temp-dir';
import { ActualsJson, ImportJson } from './support/actuals-json';
import { createMemoryIo, parseJson } from './support/memory-io';

/**
 * import-actuals, actuals and rollback in-process: plans live in memory, the actuals files are read from
 * disk in chunks (the fixtures, and files written to a temporary folder), as the real command reads them.
 */
const TODAY = '2026-12-01';

/** The sample plan's rows and prices, without the sample actuals it ships with: these tests import their own. */
function samplePlanWithoutActuals() {
  return { ...createSamplePlan(TODAY), actuals: emptyActualsLedger() };
}
const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/actuals');
const fixture = (name: string) => path.join(FIXTURES, name);
const inTemp = useTempDir('pixel-ledger-actuals-cli-');

function withPlan() {
  return createMemoryIo({ 'plan.pxplan': serializePlan(samplePlanWithoutActuals()) }, TODAY);
}

function expectOneLine(run: { code: number; stderr: string }, code: number, text: string | RegExp): void {
  expect(run.code).toBe(code);
  expect(run.stderr.split('\n')).toHaveLength(2);
  expect(run.stderr).toMatch(text);
}

describe('import-actuals', () => {
  it('imports every sample export into one plan: each batch in its measure, totals to the sample figures', async () => {
    const cli = withPlan();
    const files = [
      'openai-costs-export.csv',
      'openai-costs-api.json',
      'openai-usage-images-api.json',
      'openai-completions-usage-export.csv',
      'litellm-spendlogs.csv',
    ].map(fixture);
    const run = await cli.run('import-actuals', 'plan.pxplan', ...files, '-o', 'out.pxplan', '--json');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const json = ImportJson.parse(parseJson(run.stdout));
    expect(json.rejected).toEqual([]);
    expect(json.batches.map((b) => [b.source, b.measure, b.rowsRead, b.amountUsd])).toEqual([
      ['openai-costs', 'billed', 556, '132.940732775'],
      ['openai-costs-api', 'billed', 95, '24.7872685'],
      ['openai-images-usage', 'usage', 58, null],
      ['openai-completions-usage', 'usage', 24, null],
      ['litellm', 'metered', 622, '56.6149570000000028533'],
    ]);
    expect(json.batches[4]).toMatchObject({ rowsImported: 616, rowsDuplicate: 6, periodStart: '2026-10-19' });
    const plan = parsePlanText(cli.files.get('out.pxplan') ?? '');
    if (!plan.ok) throw new Error(plan.error);
    expect(plan.value.actuals.batches).toHaveLength(5);

    const totals = ActualsJson.parse(parseJson((await cli.run('actuals', 'out.pxplan', '--json')).stdout));
    // The Costs CSV and the Costs API overlap: each (day, project, line item) counts once.
    expect(totals).toMatchObject({ billedUsd: '148.70262285', meteredUsd: '56.6149570000000028533' });
    const bySource = ActualsJson.parse(
      parseJson((await cli.run('actuals', 'out.pxplan', '--by', 'source', '--json')).stdout),
    );
    expect(bySource.groups.find((g) => g.key === 'litellm')).toMatchObject({
      billedUsd: null,
      meteredUsd: '56.6149570000000028533',
      requests: 616,
    });
    expect(bySource.groups.find((g) => g.key === 'openai-images-usage')).toMatchObject({ images: 265, requests: 203 });
  });

  it("imports the README's LiteLLM daily roll-up query output as metered, keyed by day, key, team, tag and model", async () => {
    const file = inTemp('litellm-daily-2026-11.csv');
    const header =
      'date,api_key,team_id,model,custom_llm_provider,tag,spend,api_requests,successful_requests,failed_requests,prompt_tokens,completion_tokens';
    writeFileSync(
      file,
      [
        header,
        '2026-11-02,sk-a,growth,gpt-image-2,openai,campaign:spring-catalog,1.0580000000000001,20,19,1,920,35000',
        '2026-11-02,sk-a,growth,gpt-image-2,openai,,0.2116,4,4,0,184,7000',
        '2026-11-03,sk-b,brand,gpt-image-2,openai,campaign:saas-hero,0.5,10,10,0,460,17500',
      ].join('\n') + '\n',
    );
    const cli = withPlan();
    const run = await cli.run('import-actuals', 'plan.pxplan', file, '-o', 'daily.pxplan', '--json');
    const [batch] = ImportJson.parse(parseJson(run.stdout)).batches;
    expect(batch).toMatchObject({ source: 'litellm-daily', measure: 'metered', rowsImported: 3 });
    expect(batch?.amountUsd).toBe('1.7696000000000001');
    const byCampaign = ActualsJson.parse(
      parseJson((await cli.run('actuals', 'daily.pxplan', '--by', 'campaign', '--json')).stdout),
    );
    expect(byCampaign.groups.map((g) => [g.key, g.meteredUsd, g.requests, g.failedRequests])).toEqual([
      ['(unattributed)', '0.2116', 4, 0],
      ['saas-hero', '0.5', 10, 0],
      ['spring-catalog', '1.0580000000000001', 20, 1],
    ]);
  });

  it('the same file again adds nothing: exit 1, nothing written', async () => {
    const cli = withPlan();
    const file = fixture('openai-costs-export.csv');
    expect((await cli.run('import-actuals', 'plan.pxplan', file, '-o', 'once.pxplan')).code).toBe(0);
    const again = await cli.run('import-actuals', 'once.pxplan', file, '-o', 'twice.pxplan');
    expectOneLine(
      again,
      1,
      /nothing was imported: openai-costs-export\.csv was imported before \(batch 2fbf7413a4ed\)/,
    );
    expect(again.stdout).toContain('already imported as batch 2fbf7413a4ed');
    expect(cli.files.get('twice.pxplan')).toBeUndefined();
  });

  it('a file imported with a row rejected for its rate: the way out is named, and it works', async () => {
    const file = inTemp('mixed.csv');
    writeFileSync(file, 'Date,Amount,Currency\n2026-11-02,1.00,USD\n2026-11-03,9.20,EUR\n');
    const map = ['--map', 'date=Date', '--map', 'amount=Amount', '--map', 'currency=Currency'];
    const cli = withPlan();
    const first = await cli.run('import-actuals', 'plan.pxplan', file, '-o', 'once.pxplan', ...map);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(
      'rejected line 3, Amount: the amount is in EUR and no rate was given: give a rate for EUR (units per USD), e.g. --rate EUR=0.92',
    );
    const batchId = /batch ([0-9a-f]{12})/.exec(first.stdout)?.[1] ?? '';
    const again = await cli.run(
      'import-actuals',
      'once.pxplan',
      file,
      '-o',
      'twice.pxplan',
      ...map,
      '--rate',
      'EUR=0.92',
    );
    const wayOut = `remove batch ${batchId} first (pixel-ledger rollback once.pxplan --batch ${batchId} -o OUT.pxplan), then import again`;
    expectOneLine(again, 1, `nothing was imported: mixed.csv was imported before (batch ${batchId}): ${wayOut}`);
    expect(again.stdout).toContain(`to import it again (after fixing rates or mapping), ${wayOut}`);
    // Following it: the batch out, the file in again with its rate, both rows now.
    expect((await cli.run('rollback', 'once.pxplan', '--batch', batchId, '-o', 'out.pxplan')).code).toBe(0);
    const fixed = await cli.run(
      'import-actuals',
      'out.pxplan',
      file,
      '-o',
      'fixed.pxplan',
      ...map,
      '--rate',
      'EUR=0.92',
      '--json',
    );
    expect(fixed.code).toBe(0);
    expect(ImportJson.parse(parseJson(fixed.stdout)).batches[0]).toMatchObject({ rowsImported: 2, amountUsd: '11' });
  });

  it('--dry-run previews without writing', async () => {
    const cli = withPlan();
    const run = await cli.run('import-actuals', 'plan.pxplan', fixture('litellm-spendlogs.csv'), '--dry-run');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('622 rows read, 616 to import, 0 rejected, 6 duplicate');
    expect(run.stdout).toContain('dry run: nothing written');
    expect(cli.files.names().filter((n) => n.endsWith('.pxplan'))).toHaveLength(1);
  });

  it('maps any other CSV with --map (columns with spaces and brackets), saves the mapping, and loads it again', async () => {
    const file = inTemp('Buchhaltung.csv');
    writeFileSync(file, 'Datum;Kosten (USD);Anbieter\n2026-11-02;12,50;Acme\n2026-11-03;1.234,75;Acme\n');
    const cli = withPlan();
    const mapped = await cli.run(
      'import-actuals',
      'plan.pxplan',
      file,
      '-o',
      'mapped.pxplan',
      '--map',
      'date=Datum',
      '--map',
      'amount=Kosten (USD)',
      '--map',
      'vendor=Anbieter',
      '--save-profile',
      inTemp('finance'),
      '--json',
    );
    expect(mapped.stderr).toBe('');
    const json = ImportJson.parse(parseJson(mapped.stdout));
    expect(json.batches[0]).toMatchObject({ source: 'csv', measure: 'billed', amountUsd: '1247.25', rowsImported: 2 });
    const profile = cli.files.get(inTemp('finance.json'));
    expect(JSON.parse(profile ?? '{}')).toMatchObject({ name: 'finance', columns: { amount: 'Kosten (USD)' } });

    const again = createMemoryIo(
      { 'plan.pxplan': serializePlan(samplePlanWithoutActuals()), 'finance.json': profile ?? '' },
      TODAY,
    );
    const loaded = await again.run(
      'import-actuals',
      'plan.pxplan',
      file,
      '-o',
      'o.pxplan',
      '--profile',
      'finance.json',
      '--json',
    );
    expect(ImportJson.parse(parseJson(loaded.stdout)).batches[0]?.amountUsd).toBe('1247.25');
  });

  it('asks for the date format when dates read both ways, and imports once it is given', async () => {
    const file = inTemp('invoices.csv');
    writeFileSync(file, 'Date,Amount\n03/04/2026,10\n05/06/2026,2.5\n');
    const cli = withPlan();
    const map = ['--map', 'date=Date', '--map', 'amount=Amount'];
    const asked = await cli.run('import-actuals', 'plan.pxplan', file, '-o', 'a.pxplan', ...map);
    expectOneLine(asked, 1, /invoices\.csv: .*choose the date format \(--date-format DMY or MDY\)/);
    const given = await cli.run(
      'import-actuals',
      'plan.pxplan',
      file,
      '-o',
      'a.pxplan',
      ...map,
      '--date-format',
      'DMY',
      '--json',
    );
    expect(ImportJson.parse(parseJson(given.stdout)).batches[0]).toMatchObject({
      periodStart: '2026-04-03',
      periodEnd: '2026-06-05',
      amountUsd: '12.5',
    });
  });

  it('a CSV without a mapping says which columns to map, with a suggestion', async () => {
    const file = inTemp('other.csv');
    writeFileSync(file, 'Date,Cost,Model\n2026-11-02,1.5,gpt-image-2\n');
    const run = await withPlan().run('import-actuals', 'plan.pxplan', file, '-o', 'a.pxplan');
    expectOneLine(run, 1, /other\.csv: .*--map "date=Date"/);
  });

  it('amounts in another currency need a rate: refused rows without it, converted with it', async () => {
    const file = inTemp('eur.csv');
    writeFileSync(file, 'Date,Amount,Currency\n2026-11-02,9.20,EUR\n');
    const map = ['--map', 'date=Date', '--map', 'amount=Amount', '--map', 'currency=Currency'];
    const cli = withPlan();
    const without = await cli.run('import-actuals', 'plan.pxplan', file, '-o', 'a.pxplan', ...map, '--json');
    expect(without.code).toBe(1);
    expect(ImportJson.parse(parseJson(without.stdout)).rejected[0]?.reason).toMatch(/EUR/);
    const withRate = await cli.run(
      'import-actuals',
      'plan.pxplan',
      file,
      '-o',
      'a.pxplan',
      ...map,
      '--rate',
      'EUR=0.92',
      '--json',
    );
    expect(withRate.code).toBe(0);
    expect(ImportJson.parse(parseJson(withRate.stdout)).batches[0]?.amountUsd).toBe('10');
  });

  it.each([
    [['plan.pxplan', '-o', 'a.pxplan'], /needs a plan and at least one file/],
    [['plan.pxplan', 'x.csv'], /needs an output plan/],
    [['plan.pxplan', 'x.csv', '-o', 'a.json'], /plan files end in \.pxplan/],
    [['plan.pxplan', 'x.csv', '-o', 'a.pxplan', '--source', 'excel'], /--source "excel" is not a source/],
    [['plan.pxplan', 'x.csv', '-o', 'a.pxplan', '--date-format', 'YMD'], /choose ISO, DMY or MDY/],
    [['plan.pxplan', 'x.csv', '-o', 'a.pxplan', '--map', 'price=Cost'], /--map takes FIELD=COLUMN/],
    [['plan.pxplan', 'x.csv', '-o', 'a.pxplan', '--rate', 'EUR'], /--rate takes CUR=PER_USD/],
    [['plan.pxplan', 'x.csv', '-o', 'a.pxplan', '--rate', 'EUR=abc'], /--rate: the rate for EUR must be a positive/],
    [['plan.pxplan', 'x.csv', '-o', 'a.pxplan', '--rate', 'EUR=0'], /--rate: the rate for EUR must be a positive/],
    [['plan.pxplan', 'x.csv', '-o', 'a.pxplan', '--map'], /--map/],
    [['plan.pxplan', 'x.csv', '-o', 'a.pxplan', '--map', 'amount='], /--map takes FIELD=COLUMN/],
    [['plan.pxplan', 'x.csv', '-o', 'a.pxplan', '--date-format'], /--date-format/],
    [['plan.pxplan', 'x.csv', '-o', 'a.pxplan', '--save-profile', 'p'], /--save-profile keeps a --map mapping/],
  ])('bad arguments exit 2 with one line: %j', async (argv, message) => {
    expectOneLine(await withPlan().run('import-actuals', ...argv), 2, message);
  });

  it('a file with nothing valid: exit 1, the --json contract with no batch and every rejected row, nothing written', async () => {
    writeFileSync(inTemp('bad.csv'), 'Date,Amount\n2026-11-03,abc\n2026-11-04,12,5\n');
    const cli = withPlan();
    const map = ['--map', 'date=Date', '--map', 'amount=Amount'];
    const run = await cli.run('import-actuals', 'plan.pxplan', inTemp('bad.csv'), '-o', 'a.pxplan', ...map, '--json');
    expect(run.code).toBe(1);
    expect(run.stderr.split('\n')).toHaveLength(2);
    const json = ImportJson.parse(parseJson(run.stdout));
    expect(json.batches).toEqual([]);
    expect(json.rejected.map((r) => [r.file, r.line])).toEqual([
      ['bad.csv', 2],
      ['bad.csv', 3],
    ]);
    expect(cli.files.get('a.pxplan')).toBeUndefined();
  });

  it('a cost export with its header only: no dates and no billed amount, not "priced from usage"', async () => {
    const firstLine = readFileSync(fixture('openai-costs-export.csv'), 'utf8').split('\n')[0] ?? '';
    writeFileSync(inTemp('header-only.csv'), `${firstLine}\n`);
    const cli = withPlan();
    const run = await cli.run('import-actuals', 'plan.pxplan', inTemp('header-only.csv'), '--dry-run');
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('header-only.csv: openai-costs (billed)');
    expect(run.stdout).toContain('  no dates; no billed amount');
    expect(run.stdout).not.toContain('priced from usage');
    expect(run.stderr).toMatch(/nothing was imported: .*header-only\.csv has no row that can be imported/);
  });

  it('rejected rows are listed one line per problem, with the count and the first lines', async () => {
    // The sample cost export, 600 lines: most fifth amounts "n/a" (those with a decimal point), and every
    // seventh date a word of its own.
    const [header = '', ...body] = readFileSync(fixture('openai-costs-export.csv'), 'utf8').trim().split('\n');
    const lines = Array.from({ length: 600 }, (_, i) => {
      const line = body[i % body.length] ?? '';
      if (i % 5 === 1) return line.replace(/,(\d+\.\d+),usd,/, ',n/a,usd,');
      if (i % 7 === 2) return line.replace(/^\d+,/, `day${i},`);
      return line;
    });
    const file = inTemp('bad-costs.csv');
    writeFileSync(file, [header, ...lines].join('\n') + '\n');
    const run = await withPlan().run('import-actuals', 'plan.pxplan', file, '-o', 'out.pxplan', '--dry-run');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('600 rows read, 408 to import, 186 rejected');
    // The same reason on every row as it is; values that differ left out, the first row's as the example.
    expect(run.stdout.split('\n').filter((l) => l.startsWith('  rejected '))).toEqual([
      '  rejected 117 lines (lines 3, 8, 13, …), amount_value: "n/a" is not a number',
      '  rejected 69 lines (lines 4, 11, 25, …), start_time: the value is not a date (expected ISO YYYY-MM-DD, unix time, DD/MM/YYYY or MM/DD/YYYY); e.g. line 4: "day2"',
    ]);
  });

  it('reconcile names the models whose usage it could not price, with why, not only how many buckets', async () => {
    // The sample usage export with its models renamed to ones no price book lists.
    const [header = '', ...body] = readFileSync(fixture('openai-completions-usage-export.csv'), 'utf8')
      .trim()
      .split('\n');
    const renamed = body.map((line, i) => line.replace(/,gpt-[^,]*,(TRUE|FALSE),/, `,studio-model-${i % 3},$1,`));
    const file = inTemp('usage-own-models.csv');
    writeFileSync(file, [header, ...renamed].join('\n') + '\n');
    const cli = withPlan();
    // The import's preview says so first, with the same count and models reconcile gives below.
    const dryRun = await cli.run('import-actuals', 'plan.pxplan', file, '-o', 'out.pxplan', '--dry-run', '--json');
    const previewed = (parseJson(dryRun.stdout) as { batches: { unpricedUsageByModel: unknown[] }[] }).batches[0];
    const imported = await cli.run('import-actuals', 'plan.pxplan', file, '-o', 'out.pxplan');
    expect(imported.code).toBe(0);
    expect(imported.stdout).toMatch(
      /\n {2}note: \d+ usage buckets in this file cannot be priced with the plan's price book, from 3 models:\n( {4}studio-model-\d, .*\n){3} {4}reconcile counts usage it cannot price as \$0\n/,
    );
    const text = (await cli.run('reconcile', 'out.pxplan')).stdout.split('\n');
    const at = text.findIndex((l) => l.includes('could not be priced'));
    expect(text[at]).toMatch(/^\d+ usage buckets could not be priced and count \$0, from 3 models:$/);
    expect(text.slice(at + 1, at + 4)).toEqual([
      expect.stringMatching(
        /^ {2}studio-model-\d, \d+ usage buckets?(; the first)?: no price for studio-model-\d on the api surface on /,
      ),
      expect.stringMatching(/^ {2}studio-model-\d, /),
      expect.stringMatching(/^ {2}studio-model-\d, /),
    ]);
    const json = parseJson((await cli.run('reconcile', 'out.pxplan', '--json')).stdout) as {
      unpricedUsageByModel: { model: string; buckets: number }[];
    };
    expect(json.unpricedUsageByModel.map((m) => m.model).sort()).toEqual([
      'studio-model-0',
      'studio-model-1',
      'studio-model-2',
    ]);
    expect(previewed?.unpricedUsageByModel).toEqual(json.unpricedUsageByModel);
  });

  it('a missing file or plan exits 1 with one line and writes nothing', async () => {
    const cli = withPlan();
    expectOneLine(
      await cli.run('import-actuals', 'plan.pxplan', inTemp('none.csv'), '-o', 'a.pxplan'),
      1,
      /does not exist/,
    );
    expectOneLine(
      await cli.run('import-actuals', 'nope.pxplan', fixture('litellm-spendlogs.csv'), '-o', 'a.pxplan'),
      1,
      /nope\.pxplan/,
    );
    expect(cli.files.get('a.pxplan')).toBeUndefined();
  });
});

describe('actuals and rollback', () => {
  it('rollback removes a batch and the facts it replaced come back', async () => {
    const cli = withPlan();
    const csv = fixture('openai-costs-export.csv');
    const api = fixture('openai-costs-api.json');
    expect((await cli.run('import-actuals', 'plan.pxplan', csv, api, '-o', 'both.pxplan')).code).toBe(0);
    const run = await cli.run('rollback', 'both.pxplan', '--batch', 'c86fae78b5b3', '-o', 'csv-only.pxplan');
    expect(run.stdout).toContain('removed batch c86fae78b5b3 (openai-costs-api, openai-costs-api.json), 1 batch left');
    const after = ActualsJson.parse(parseJson((await cli.run('actuals', 'csv-only.pxplan', '--json')).stdout));
    expect(after.billedUsd).toBe('132.940732775');
    const unknown = await cli.run('rollback', 'both.pxplan', '--batch', 'nope', '-o', 'x.pxplan');
    expectOneLine(unknown, 1, /there is no actuals batch "nope" \(its batches: 2fbf7413a4ed, c86fae78b5b3\)/);
    expectOneLine(await cli.run('rollback', 'both.pxplan', '-o', 'x.pxplan'), 2, /needs the batch to remove/);
  });

  it('actuals of a plan without any: null measures, and a hint in text', async () => {
    const cli = withPlan();
    const json = ActualsJson.parse(parseJson((await cli.run('actuals', 'plan.pxplan', '--json')).stdout));
    expect(json).toEqual({ billedUsd: null, meteredUsd: null, usagePricedUsd: null, groups: [] });
    expect((await cli.run('actuals', 'plan.pxplan')).stdout).toContain('has no actuals yet');
    expectOneLine(await cli.run('actuals', 'plan.pxplan', '--by', 'month'), 2, /--by "month" is not a grouping/);
  });

  it('groups by ISO week in text, with each measure in its own column', async () => {
    const cli = withPlan();
    await cli.run('import-actuals', 'plan.pxplan', fixture('openai-costs-export.csv'), '-o', 'a.pxplan');
    const run = await cli.run('actuals', 'a.pxplan', '--by', 'week');
    // Rounded to the micro-dollar as reconcile prints money; --json keeps the exact 8.5655575 and 132.940732775.
    expect(run.stdout).toMatch(/^a\.pxplan: actuals by week, 1 batch$/m);
    expect(run.stdout).toMatch(/2026-W40\s+\$8\.565558\s+-\s+-/);
    expect(run.stdout).toMatch(/total\s+\$132\.940733\s/);
    const json = ActualsJson.parse(parseJson((await cli.run('actuals', 'a.pxplan', '--by', 'week', '--json')).stdout));
    expect(json.billedUsd).toBe('132.940732775');
    expect(json.groups[0]?.billedUsd).toBe('8.5655575');
  });

  it('--by batch lists every batch: one a later export replaced at $0.00, superseded by it', async () => {
    const header = readFileSync(fixture('openai-costs-export.csv'), 'utf8').split('\n')[0] ?? '';
    const line = (amount: string) =>
      `1790812800,1790899200,2026-10-01T00:00:00+00:00,2026-10-02T00:00:00+00:00,${amount},usd,"gpt-image-2 image, output",proj_a,org-x,Org`;
    writeFileSync(inTemp('c1.csv'), `${header}\n${line('4.13616')}\n`);
    writeFileSync(inTemp('c2.csv'), `${header}\n${line('5.00')}\n`);
    const cli = withPlan();
    const first = await cli.run('import-actuals', 'plan.pxplan', inTemp('c1.csv'), '-o', 'one.pxplan');
    expect(first.stdout).toContain('1 row read, 1 to import');
    expect((await cli.run('import-actuals', 'one.pxplan', inTemp('c2.csv'), '-o', 'two.pxplan')).code).toBe(0);
    const plan = parsePlanText(cli.files.get('two.pxplan') ?? '');
    if (!plan.ok) throw new Error(plan.error);
    const [old, latest] = plan.value.actuals.batches.map((b) => b.id);
    const text = (await cli.run('actuals', 'two.pxplan', '--by', 'batch')).stdout;
    expect(text).toMatch(/^two\.pxplan: actuals by batch, 2 batches$/m);
    expect(text).toMatch(new RegExp(`^${old}\\s+\\$0\\.00\\s+-`, 'm'));
    expect(text).toMatch(new RegExp(`^${latest}\\s+\\$5\\.00\\s+-`, 'm'));
    expect(text).toContain(`${old}: superseded by ${latest} (adds nothing now)`);
    const json = parseJson((await cli.run('actuals', 'two.pxplan', '--by', 'batch', '--json')).stdout) as {
      groups: { key: string; billedUsd: string; supersededBy: string[] }[];
    };
    expect(json.groups.find((g) => g.key === old)).toMatchObject({ billedUsd: '0', supersededBy: [latest] });
    // The id listed is the one rollback takes.
    expect((await cli.run('rollback', 'two.pxplan', '--batch', old ?? '', '-o', 'back.pxplan')).code).toBe(0);
  });

  it('money in text has no float noise from the export; counts read in the right number', async () => {
    const cli = withPlan();
    const imported = await cli.run('import-actuals', 'plan.pxplan', fixture('litellm-spendlogs.csv'), '-o', 'l.pxplan');
    // The gateway's spend adds up to 56.6149570000000028533 exactly (its floats): shown to the micro-dollar.
    expect(imported.stdout).toContain(
      '622 rows read, 616 to import, 0 rejected, 6 duplicates, 0 replacing earlier imports',
    );
    expect(imported.stdout).toContain('; $56.614957 metered');
    expect(imported.stdout).toContain('wrote l.pxplan: 1 batch added, 1 in the ledger');
    const byDay = (await cli.run('actuals', 'l.pxplan', '--by', 'day')).stdout;
    expect(byDay).not.toMatch(/\d{7,}/);
    expect(byDay).toMatch(/total\s+-\s+\$56\.614957\s/);
    const json = ActualsJson.parse(parseJson((await cli.run('actuals', 'l.pxplan', '--json')).stdout));
    expect(json.meteredUsd).toBe('56.6149570000000028533');
    const costs = await cli.run('import-actuals', 'plan.pxplan', fixture('openai-costs-export.csv'), '-o', 'c.pxplan');
    expect(costs.stdout).toContain('0 rejected, 0 duplicates, 0 replacing');
  });
});

describe('a gateway log beside the bill (match --link-project)', () => {
  const team = 'e446e707-e57d-421f-bf35-24c64a88954d';
  const storefront = 'proj_pcP8Bl3r8uiQGjUd9BSv40CQ';

  it('reconcile warns that the LiteLLM spend is counted beside the bill, names the project, and a link counts it once', async () => {
    const cli = withPlan();
    const files = ['openai-costs-export.csv', 'openai-costs-api.json', 'litellm-spendlogs.csv'].map(fixture);
    const imported = await cli.run('import-actuals', 'plan.pxplan', ...files, '-o', 'in.pxplan');
    expect(imported.code).toBe(0);
    // Said at import already, with the link that fixes it; and by reconcile, as long as it is not linked.
    expect(imported.stdout).toContain(
      `\nwarning: metered spend of project "${team}" ($56.614957 on 25 days) is counted beside billed cost of the same model`,
    );
    expect(imported.stdout).toContain(
      `pixel-ledger match in.pxplan --link-project ${team}=${storefront} -o OUT.pxplan\n`,
    );

    const before = await cli.run('reconcile', 'in.pxplan');
    expect(before.code).toBe(0);
    expect(before.stdout).toContain(
      `warning: metered spend of project "${team}" ($56.614957 on 25 days) is counted beside billed cost of the same model: if its requests are on the bill, they are counted twice. Its daily spend agrees with billed project "${storefront}" on 25 of 25 days: link the two: pixel-ledger match in.pxplan --link-project ${team}=${storefront} -o OUT.pxplan`,
    );
    const actualOf = async (file: string) =>
      (parseJson((await cli.run('reconcile', file, '--json')).stdout) as { actualUsd: string }).actualUsd;
    expect(await actualOf('in.pxplan')).toBe('205.317593');

    const linked = await cli.run(
      'match',
      'in.pxplan',
      '--link-project',
      `${team}=${storefront}`,
      '-o',
      'linked.pxplan',
    );
    expect(linked.stderr).toBe('');
    expect(linked.stdout).toBe(
      `wrote linked.pxplan: metered project ${team} is billed under ${storefront}; reconcile counts it once, as billed\n`,
    );
    // The bill alone, split by the gateway's campaigns: no warning left.
    expect(await actualOf('linked.pxplan')).toBe('148.702636');
    expect((await cli.run('reconcile', 'linked.pxplan')).stdout).not.toContain('warning: metered spend');
    expect((await cli.run('match', 'linked.pxplan', '--list')).stdout).toContain(
      `metered project ${team} is billed under ${storefront} (counted once, as billed)`,
    );

    expect((await cli.run('match', 'linked.pxplan', '--unlink-project', team, '-o', 'unlinked.pxplan')).code).toBe(0);
    expect(await actualOf('unlinked.pxplan')).toBe('205.317593');
  });

  it('a project the actuals do not have is refused with the choices', async () => {
    const cli = withPlan();
    expect(
      (await cli.run('import-actuals', 'plan.pxplan', fixture('litellm-spendlogs.csv'), '-o', 'in.pxplan')).code,
    ).toBe(0);
    expectOneLine(
      await cli.run('match', 'in.pxplan', '--link-project', `teem=${storefront}`, '-o', 'x.pxplan'),
      1,
      `pixel-ledger: --link-project teem=${storefront}: no metered actual has the project "teem": metered projects (gateway teams) in the ledger: ${team}`,
    );
    expectOneLine(
      await cli.run('match', 'in.pxplan', '--link-project', 'no-equals-sign', '-o', 'x.pxplan'),
      2,
      /--link-project "no-equals-sign": write METERED=BILLED/,
    );
  });
});
