import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { emptyActualsLedger } from '../../shared/actuals/ledger/ledger-schema';
import { parsePlanText, serializePlan } from '../../shared/plan/plan-document';
import { useTempDir } from '../support/temp-dir';
import { ActualsJson, ImportJson } from './support/actuals-json';

/**
 * import-actuals, actuals and rollback as real processes (node + tsx, as from a clone): every sample
 * export imports to the totals test/fixtures/actuals/expected.json states, and hostile files end in one
 * line and an exit code, never a crash or a half-written plan.
 */
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const FIXTURES = path.join(ROOT, 'test/fixtures/actuals');
const EXPECTED = JSON.parse(readFileSync(path.join(FIXTURES, 'expected.json'), 'utf8')) as Record<
  string,
  Record<string, unknown>
>;
const inTemp = useTempDir('pixel-ledger-actuals-process-');

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function cli(...args: string[]): Run {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'cli/main.ts', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  if (r.error) throw r.error;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function expectOneLineError(r: Run, code: number, message: RegExp): void {
  expect(r.code).toBe(code);
  expect(r.stderr.split('\n')).toHaveLength(2);
  expect(r.stderr).toMatch(message);
  expect(r.stderr).not.toMatch(/^\s+at /m);
}

function importJson(...args: string[]) {
  const r = cli('import-actuals', inTemp('plan.pxplan'), ...args, '--json');
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return ImportJson.parse(JSON.parse(r.stdout));
}

beforeAll(() => {
  // The sample plan without the sample actuals it ships with: these tests import their own.
  expect(cli('sample', '-o', inTemp('with-sample-actuals.pxplan')).code).toBe(0);
  const sample = parsePlanText(readFileSync(inTemp('with-sample-actuals.pxplan'), 'utf8'));
  if (!sample.ok) throw new Error(sample.error);
  writeFileSync(inTemp('plan.pxplan'), serializePlan({ ...sample.value, actuals: emptyActualsLedger() }));
});

describe('every sample export, imported by a real process', () => {
  it('the Costs export: 556 rows, 551 facts, 5 days without spend, the exact total', () => {
    const e = EXPECTED['openai-costs-export'] ?? {};
    const [batch] = importJson(path.join(FIXTURES, 'openai-costs-export.csv'), '-o', inTemp('costs.pxplan')).batches;
    expect(batch).toMatchObject({
      source: 'openai-costs',
      measure: 'billed',
      rowsRead: e.rows_in_file_excluding_header,
      rowsImported: e.fact_rows_kept,
      amountUsd: e.total_usd,
      periodStart: '2026-10-01',
      periodEnd: '2026-11-16',
    });
    const byProject = ActualsJson.parse(
      JSON.parse(cli('actuals', inTemp('costs.pxplan'), '--by', 'project', '--json').stdout),
    );
    expect(Object.fromEntries(byProject.groups.map((g) => [g.key, g.billedUsd]))).toEqual(e.per_project_usd);
    const byModel = ActualsJson.parse(
      JSON.parse(cli('actuals', inTemp('costs.pxplan'), '--by', 'model', '--json').stdout),
    );
    expect(Object.fromEntries(byModel.groups.map((g) => [g.key, g.billedUsd]))).toEqual(e.per_model_usd);
  });

  it('the Costs API after the Costs export: overlapping days count once, to the merged total', () => {
    const api = EXPECTED['openai-costs-api'] ?? {};
    const merged = EXPECTED['merge-csv-plus-api'] ?? {};
    const [batch] = importJson(path.join(FIXTURES, 'openai-costs-api.json'), '-o', inTemp('api.pxplan')).batches;
    expect(batch).toMatchObject({ source: 'openai-costs-api', measure: 'billed', amountUsd: api.total_usd });
    const both = cli(
      'import-actuals',
      inTemp('costs.pxplan'),
      path.join(FIXTURES, 'openai-costs-api.json'),
      '-o',
      inTemp('merged.pxplan'),
    );
    expect(both.code).toBe(0);
    const totals = ActualsJson.parse(JSON.parse(cli('actuals', inTemp('merged.pxplan'), '--json').stdout));
    expect(totals.billedUsd).toBe(merged.merged_total_usd);
  });

  it('the images usage API: usage counts, priced later, 265 images in 203 requests', () => {
    const e = EXPECTED['openai-usage-images-api'] ?? {};
    const [batch] = importJson(
      path.join(FIXTURES, 'openai-usage-images-api.json'),
      '-o',
      inTemp('images.pxplan'),
    ).batches;
    expect(batch).toMatchObject({ source: 'openai-images-usage', measure: 'usage', amountUsd: null });
    const totals = ActualsJson.parse(
      JSON.parse(cli('actuals', inTemp('images.pxplan'), '--by', 'source', '--json').stdout),
    );
    expect(totals.groups[0]).toMatchObject({ images: e.images_total, requests: e.num_model_requests_total });
    expect(totals.billedUsd).toBeNull();
  });

  it('the completions usage export: 24 rows, 23 buckets, priced from usage', () => {
    const e = EXPECTED['openai-completions-usage-export'] ?? {};
    const [batch] = importJson(
      path.join(FIXTURES, 'openai-completions-usage-export.csv'),
      '-o',
      inTemp('completions.pxplan'),
    ).batches;
    expect(batch).toMatchObject({ measure: 'usage', rowsRead: e.rows_excluding_header, rowsImported: e.data_rows });
    const totals = ActualsJson.parse(JSON.parse(cli('actuals', inTemp('completions.pxplan'), '--json').stdout));
    expect(totals.usagePricedUsd).toMatch(/^\d+\.\d+$/);
  });

  it('the LiteLLM spend log: 6 repeated requests counted once, the exact sum of the float texts', () => {
    const e = EXPECTED['litellm-spendlogs'] ?? {};
    const [batch] = importJson(path.join(FIXTURES, 'litellm-spendlogs.csv'), '-o', inTemp('litellm.pxplan')).batches;
    expect(batch).toMatchObject({
      source: 'litellm',
      measure: 'metered',
      rowsRead: e.rows_in_file_excluding_header,
      rowsImported: e.rows_kept,
      rowsDuplicate: 6,
      amountUsd: e.spend_total_usd_exact_sum_of_text_values,
    });
    const rolled = cli('rollback', inTemp('litellm.pxplan'), '--batch', batch?.id ?? '', '-o', inTemp('none.pxplan'));
    expect(rolled.code).toBe(0);
    const plan = parsePlanText(readFileSync(inTemp('none.pxplan'), 'utf8'));
    expect(plan.ok && plan.value.actuals.batches).toEqual([]);
  });
});

describe('hostile files, through a real process', () => {
  it('an empty file, a binary file and a 5 MB single line: exit 1, one line, nothing written', () => {
    writeFileSync(inTemp('empty.csv'), '');
    writeFileSync(inTemp('photo.csv'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 0xff, 0xfe, 0, 1, 2, 3]));
    writeFileSync(inTemp('one-line.csv'), 'x'.repeat(5 * 1024 * 1024));
    for (const name of ['empty.csv', 'photo.csv', 'one-line.csv']) {
      const r = cli('import-actuals', inTemp('plan.pxplan'), inTemp(name), '-o', inTemp(`${name}.pxplan`));
      expectOneLineError(r, 1, new RegExp(`${name.replace('.', '\\.')}: `));
      expect(existsSync(inTemp(`${name}.pxplan`))).toBe(false);
    }
  });

  it('an encoding it cannot read is refused by name; a plan it cannot write is not half-written', () => {
    writeFileSync(inTemp('utf32.csv'), Buffer.from([0xff, 0xfe, 0, 0, 0x44, 0, 0, 0]));
    const utf32 = cli('import-actuals', inTemp('plan.pxplan'), inTemp('utf32.csv'), '-o', inTemp('utf32.pxplan'));
    expectOneLineError(utf32, 1, /utf32\.csv: the file is UTF-32, which is not supported: save it as UTF-8/);
    expect(existsSync(inTemp('utf32.pxplan'))).toBe(false);

    const log = path.join(FIXTURES, 'litellm-spendlogs.csv');
    const noFolder = cli('import-actuals', inTemp('plan.pxplan'), log, '-o', inTemp('missing/out.pxplan'));
    expectOneLineError(noFolder, 1, /the folder does not exist/);

    // An existing output stays as it was when nothing is imported (the same file again).
    const first = cli('import-actuals', inTemp('plan.pxplan'), log, '-o', inTemp('kept.pxplan'));
    expect(first.code).toBe(0);
    const before = readFileSync(inTemp('kept.pxplan'), 'utf8');
    const again = cli('import-actuals', inTemp('kept.pxplan'), log, '-o', inTemp('kept.pxplan'));
    expect(again.code).toBe(1);
    expect(readFileSync(inTemp('kept.pxplan'), 'utf8')).toBe(before);
  });

  it('bad rows are listed and the good ones import: wrong column counts, non-numbers, credits, formulas, future days', () => {
    const rows = [
      'Date,Amount,Model',
      '2026-11-02,10.50,gpt-image-2',
      '2026-11-03,abc,gpt-image-2',
      '2026-11-04,1.25',
      '2026-11-05,-3.00,gpt-image-2',
      '2026-11-06,2,"=HYPERLINK(""http://evil.example"",""x"")"',
      '2026-11-07,1,+cmd',
      '2027-06-01,0.25,@SUM(A1)',
    ];
    // Mixed line endings, as files pasted together from several tools have them.
    writeFileSync(inTemp('hostile.csv'), rows.map((r, i) => r + ['\r\n', '\n', '\r'][i % 3]).join(''));
    const map = ['--map', 'date=Date', '--map', 'amount=Amount', '--map', 'model=Model'];
    const json = importJson(inTemp('hostile.csv'), '-o', inTemp('hostile.pxplan'), ...map);
    expect(json.batches[0]).toMatchObject({ rowsRead: 7, rowsRejected: 2, amountUsd: '10.75' });
    expect(json.rejected.map((r) => [r.line, r.reason])).toEqual([
      [3, expect.stringMatching(/abc/)],
      [4, expect.stringMatching(/column/i)],
    ]);
    const byModel = ActualsJson.parse(
      JSON.parse(cli('actuals', inTemp('hostile.pxplan'), '--by', 'model', '--json').stdout),
    );
    expect(byModel.groups.map((g) => g.key)).toEqual(
      expect.arrayContaining(['=HYPERLINK("http://evil.example","x")', '+cmd', '@SUM(A1)']),
    );
    const text = cli('import-actuals', inTemp('plan.pxplan'), inTemp('hostile.csv'), '--dry-run', ...map);
    expect(text.stdout).toMatch(/negative/i);
    expect(text.stdout).toMatch(/future/i);
  });
});
