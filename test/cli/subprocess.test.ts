import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { estimatePlan } from '../../shared/estimate/estimate-plan';
import { microToDecimalString } from '../../shared/money/format';
import { parsePlanText, serializePlan } from '../../shared/plan/plan-document';
import { generatePlan } from '../../shared/plan/plan-generator';
import { useTempDir } from '../support/temp-dir';

/** Real processes, as a user or a finance script runs the CLI. */
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const BUNDLE = path.join(ROOT, 'out/cli/pixel-ledger.mjs');

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function run(command: string, args: readonly string[]): Run {
  const r = spawnSync(command, args, { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  if (r.error) throw r.error;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The bundle's files loaded when it starts: the entry and the chunks it imports statically, transitively. */
function staticImports(entry: string, seen = new Set<string>()): string[] {
  if (seen.has(entry)) return [];
  seen.add(entry);
  const text = readFileSync(entry, 'utf8');
  // The bundle is minified (statements run together on one line): `from"./x.mjs"` only ends a static
  // import or export, and `import"./x.mjs"` is a static import for its effects (a dynamic one has a paren).
  for (const match of text.matchAll(/\bfrom\s*"(\.[^"]+)"/g))
    staticImports(path.resolve(path.dirname(entry), match[1] ?? ''), seen);
  for (const match of text.matchAll(/\bimport\s*"(\.[^"]+)"/g))
    staticImports(path.resolve(path.dirname(entry), match[1] ?? ''), seen);
  return [...seen];
}

/** From a clone, no build: node runs the TypeScript entry through tsx. */
function cli(...args: string[]): Run {
  return run(process.execPath, ['--import', 'tsx', 'cli/main.ts', ...args]);
}

const QuoteJson = z.object({
  outputTokens: z.number().nullable(),
  costPerImageUsd: z.string(),
  cheaperSizes: z.array(z.object({ size: z.string() })),
});
const EstimateJson = z.object({
  rows: z.array(z.object({ costUsd: z.string() })),
  totals: z.object({ costUsd: z.string() }),
});

function expectOneLineError(r: Run, code: number, message: string): void {
  expect(r.code).toBe(code);
  expect(r.stdout).toBe('');
  expect(r.stderr.split('\n')).toHaveLength(2);
  expect(r.stderr).toContain(message);
  expect(r.stderr).not.toMatch(/^\s+at /m);
}

const inTemp = useTempDir('pixel-ledger-cli-');

describe('CLI as a process (tsx, no build)', () => {
  it("quote --json prints the engine's numbers: gpt-image-2 1024x1024 high = 7024 tokens, $0.21072", () => {
    const r = cli('quote', '--model', 'gpt-image-2', '--size', '1024x1024', '--quality', 'high', '--json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const q = QuoteJson.parse(JSON.parse(r.stdout));
    expect(q.outputTokens).toBe(7024);
    expect(q.costPerImageUsd).toBe('0.21072');
    expect(q.cheaperSizes[0]?.size).toBe('1008x1056');
  });

  it('npm run --silent cli -- <command> works from the clone', () => {
    const r = run('npm', [
      'run',
      '--silent',
      'cli',
      '--',
      'quote',
      '--model',
      'gpt-image-2',
      '--size',
      '1536x1024',
      '--quality',
      'medium',
      '--json',
    ]);
    expect(r.code).toBe(0);
    const q = QuoteJson.parse(JSON.parse(r.stdout));
    expect(q.outputTokens).toBe(1372);
    expect(q.costPerImageUsd).toBe('0.04116');
  });

  it('sample writes a plan; estimate and validate read it; sample will not overwrite it', () => {
    const file = inTemp('sample.pxplan');
    const written = cli('sample', '-o', file);
    expect(written.code).toBe(0);
    expect(written.stdout).toMatch(/^wrote .*sample\.pxplan: "Q1 launch imagery \(sample\)", 4 rows, 2 scenarios/);
    const text = readFileSync(file, 'utf8');
    const plan = parsePlanText(text);
    if (!plan.ok) throw new Error(plan.error);

    const estimate = cli('estimate', file, '--json');
    expect(estimate.code).toBe(0);
    const json = EstimateJson.parse(JSON.parse(estimate.stdout));
    const engine = estimatePlan(plan.value);
    if (!engine.ok) throw new Error(engine.error);
    expect(json.rows.map((r) => r.costUsd)).toEqual(
      engine.value.rows.map((r) => microToDecimalString(r.estimate.totalCost)),
    );
    expect(json.totals.costUsd).toBe(microToDecimalString(engine.value.totals.totalCost));

    const table = cli('estimate', file, '--scenario', 'Strict baselines');
    expect(table.code).toBe(0);
    expect(table.stdout).toContain('scenario "Strict baselines"');

    expect(cli('validate', file)).toEqual({ code: 0, stdout: 'ok: 4 rows\n', stderr: '' });

    expectOneLineError(cli('sample', '-o', file), 1, 'already exists: add --force to overwrite it');
    expect(readFileSync(file, 'utf8')).toBe(text);
  });

  it('bad input: non-zero exit and one line on stderr, never a stack trace', () => {
    const corrupt = inTemp('corrupt.pxplan');
    writeFileSync(corrupt, '{"schemaVersion": 1, "rows": [');
    expectOneLineError(
      cli('estimat', 'x.pxplan'),
      2,
      'pixel-ledger: unknown command "estimat" (did you mean estimate?)',
    );
    expectOneLineError(
      cli('quote', '--model', 'gpt-image-2', '--size', '1000x1000', '--quality', 'high'),
      2,
      'Nearest valid: 992x992',
    );
    expectOneLineError(
      cli('quote', '--model', 'nano', '--size', '1024x1024', '--quality', 'high'),
      2,
      '--model "nano" is not a known model',
    );
    expectOneLineError(
      cli('quote', '--model', 'gpt-image-2', '--size', '1024x1024', '--quality', 'high', '--n', 'many'),
      2,
      '--n expects a whole number',
    );
    expectOneLineError(
      cli('estimate', inTemp('missing.pxplan')),
      1,
      'missing.pxplan: the file does not exist (check the path)',
    );
    expectOneLineError(cli('estimate', corrupt), 1, 'corrupt.pxplan: the file is not valid JSON');
    expectOneLineError(cli('validate'), 2, 'validate needs a plan file');
  });
});

describe('the bundled bin (node scripts/build.mjs cli)', () => {
  it('builds out/cli/pixel-ledger.mjs, which answers like the tsx entry', () => {
    // A chunk an earlier build of other code left behind (chunk names carry a hash of their content).
    const leftover = path.join(path.dirname(BUNDLE), 'chunks', 'chunk-LEFTOVER.mjs');
    mkdirSync(path.dirname(leftover), { recursive: true });
    writeFileSync(leftover, 'export {};\n');
    // Run from the folder above the checkout, as `node checkout/scripts/build.mjs cli` may be.
    const build = spawnSync(process.execPath, [path.join(ROOT, 'scripts/build.mjs'), 'cli'], {
      cwd: path.dirname(ROOT),
      encoding: 'utf8',
    });
    expect(build.stderr).toBe('');
    expect(build.status).toBe(0);
    expect(existsSync(leftover)).toBe(false);
    const args = [
      'quote',
      '--model',
      'gpt-image-2',
      '--size',
      '16:9',
      '--quality',
      'high',
      '--n',
      '3',
      '--prompt-tokens',
      '120',
      '--json',
    ];
    const bundled = run(process.execPath, [BUNDLE, ...args]);
    expect(bundled.code).toBe(0);
    expect(JSON.parse(bundled.stdout)).toEqual(JSON.parse(cli(...args).stdout));
    expect(readFileSync(BUNDLE, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);

    const file = inTemp('bundled.pxplan');
    expect(run(process.execPath, [BUNDLE, 'sample', '-o', file]).code).toBe(0);
    expect(run(process.execPath, [BUNDLE, 'validate', file]).stdout).toBe('ok: 4 rows\n');
    expectOneLineError(run(process.execPath, [BUNDLE, 'quote', '--size', '1024x1024']), 2, 'quote needs --model');

    // `--help` and every command but export load no exceljs: only the export chunk imports it.
    expect(run(process.execPath, [BUNDLE, '--help']).code).toBe(0);
    const startup = staticImports(BUNDLE);
    expect(startup.length).toBeGreaterThan(1);
    const loadsExceljs = /from\s*"exceljs"|import\(\s*"exceljs"\s*\)/;
    for (const file of startup) expect(readFileSync(file, 'utf8')).not.toMatch(loadsExceljs);
    // ...while the export command's chunk, which the bin loads when asked, does (the pattern finds it).
    const exportChunk = /import\("(\.\/chunks\/export-[^"]+\.mjs)"\)/.exec(readFileSync(BUNDLE, 'utf8'))?.[1];
    expect(exportChunk).toBeDefined();
    expect(readFileSync(path.resolve(path.dirname(BUNDLE), exportChunk ?? ''), 'utf8')).toMatch(loadsExceljs);
  });

  it('a reader that stops early (`estimate PLAN | head`) ends the CLI quietly: exit 0, no stack trace', async () => {
    // The bundle built by the test above; 5,000 rows print far more than a pipe holds.
    const file = inTemp('long.pxplan');
    writeFileSync(file, serializePlan(generatePlan({ rows: 5000, seed: 7 })));
    for (const format of [[], ['--json']]) {
      const child = spawn(process.execPath, [BUNDLE, 'estimate', file, ...format], { cwd: ROOT });
      let stderr = '';
      child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
      // Read the first chunk, then close the pipe as `head` does.
      const first = await new Promise<string>((resolve) =>
        child.stdout.once('data', (b: Buffer) => resolve(String(b))),
      );
      child.stdout.destroy();
      const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
      expect(first.length).toBeGreaterThan(0);
      expect(stderr).toBe('');
      expect(code).toBe(0);
    }
  });
});

describe('reconcile and match as processes', () => {
  it('match writes a rule, reconcile --by week --json prints exact money and ISO weeks', () => {
    const plan = inTemp('reconcile-sample.pxplan');
    const matched = inTemp('reconcile-matched.pxplan');
    expect(cli('sample', '-o', plan).code).toBe(0);
    const added = cli('match', plan, '--when', 'project=proj_marketing', '--to', 'team:Growth', '-o', matched);
    expect(added.stderr).toBe('');
    expect(added.code).toBe(0);
    const r = cli('reconcile', matched, '--by', 'week', '--json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const json = z
      .object({ unassignedUsd: z.string(), groups: z.array(z.object({ key: z.string(), actualUsd: z.string() })) })
      .parse(JSON.parse(r.stdout));
    expect(json.unassignedUsd).toBe('0.00');
    expect(json.groups[0]?.key).toBe('2027-W02');
    expectOneLineError(
      cli('reconcile', plan, '--by', 'month'),
      2,
      '--by month: use one of row, team, asset-type, week',
    );
  });
});
