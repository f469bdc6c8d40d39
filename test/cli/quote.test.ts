import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { cheaperNearbySizes } from '../../shared/estimate/cheaper-sizes';
import { estimateRow } from '../../shared/estimate/estimate-row';
import { toDecimalString } from '../../shared/money/exact';
import { microToDecimalString } from '../../shared/money/format';
import { blankRow } from '../../shared/plan/new-plan';
import { createSamplePlan } from '../../shared/plan/sample-plan';
import { serializePlan } from '../../shared/plan/plan-document';
import { createPriceBook } from '../../shared/pricing/price-book';
import { createMemoryIo, parseJson } from './support/memory-io';

const TODAY = '2026-11-28';

const QuoteJson = z.object({
  model: z.string(),
  surface: z.string(),
  date: z.string(),
  size: z.string(),
  width: z.number(),
  height: z.number(),
  quality: z.string().nullable(),
  n: z.number(),
  outputTokens: z.number().int().nullable(),
  costPerImageUsd: z.string(),
  outputCostPerImageUsd: z.string(),
  inputCostPerImageUsd: z.string(),
  inputTokens: z.object({ text: z.number(), image: z.number() }),
  costPerRequestUsd: z.string(),
  creditsPerImage: z.string().nullable(),
  priceEntryIds: z.array(z.string()),
  priceEntries: z.array(z.object({ id: z.string(), sourceClass: z.string(), sources: z.array(z.string()) })),
  assumptions: z.array(z.string()),
  warnings: z.array(z.string()),
  cheaperSizes: z.array(
    z.object({
      size: z.string(),
      pixels: z.number(),
      outputTokens: z.number().nullable(),
      costPerImageUsd: z.string(),
      savingPerImageUsd: z.string(),
    }),
  ),
});

async function quoteJson(...argv: string[]) {
  const cli = createMemoryIo({}, TODAY);
  const result = await cli.run('quote', ...argv, '--json');
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return QuoteJson.parse(parseJson(result.stdout));
}

/** What the engine says for the same question, to compare the CLI against. */
function engine(overrides: Parameters<typeof blankRow>[1]) {
  const row = blankRow('q', {
    finals: 1,
    iterationFactor: '1',
    draftsPerFinal: '0',
    promptTokens: null,
    promptChars: null,
    ...overrides,
  });
  const ctx = { priceBook: createPriceBook(), asOf: TODAY };
  return { estimate: estimateRow(row, ctx), cheaper: cheaperNearbySizes(row, ctx) };
}

describe('quote --json', () => {
  it('gpt-image-2 1024x1024 high: 7024 output tokens, $0.21072 per image, official entry', async () => {
    const q = await quoteJson('--model', 'gpt-image-2', '--size', '1024x1024', '--quality', 'high');
    expect(q).toMatchObject({
      model: 'gpt-image-2',
      surface: 'api',
      date: TODAY,
      size: '1024x1024',
      quality: 'high',
      n: 1,
      outputTokens: 7024,
      costPerImageUsd: '0.21072',
      outputCostPerImageUsd: '0.21072',
      inputCostPerImageUsd: '0',
      costPerRequestUsd: '0.21072',
      priceEntryIds: ['openai/gpt-image-2@2026-04-21'],
    });
    expect(q.priceEntries[0]?.sourceClass).toBe('official');
    expect(q.cheaperSizes[0]).toEqual({
      size: '1008x1056',
      pixels: 1064448,
      outputTokens: 6767,
      costPerImageUsd: '0.20301',
      savingPerImageUsd: '0.00771',
    });
  });

  it.each([
    ['gpt-image-2', '1536x1024', 'high'],
    ['gpt-image-2', '1024x1536', 'medium'],
    ['gpt-image-2', '3840x2160', 'low'],
    ['gpt-image-2.5-flare', '1024x1024', 'max'],
    ['gpt-image-1.5', '1024x1536', 'high'],
    ['chatgpt-image-latest', '1536x1024', 'low'],
    ['gpt-image-1-mini', '1024x1024', 'medium'],
    ['gemini-3.1-flash-image', '1024x1024', 'standard'],
  ])('%s %s %s equals the engine', async (model, size, quality) => {
    const q = await quoteJson('--model', model, '--size', size, '--quality', quality);
    const { estimate, cheaper } = engine({ model, size, quality });
    expect(estimate.ok).toBe(true);
    expect(q.outputTokens).toBe(estimate.outputTokensPerFinal);
    expect(q.costPerImageUsd).toBe(toDecimalString(estimate.costPerFinalImage));
    expect(q.priceEntryIds).toEqual(estimate.priceEntryIds);
    expect(q.cheaperSizes.map((c) => [c.size, c.costPerImageUsd])).toEqual(
      cheaper.map((c) => [c.key, toDecimalString(c.costPerImage)]),
    );
  });

  it('gpt-image-1-mini has no published tokens: outputTokens is null, price from the per-image grid', async () => {
    const q = await quoteJson('--model', 'gpt-image-1-mini', '--size', '1024x1024', '--quality', 'medium');
    expect(q.outputTokens).toBeNull();
    expect(Number(q.costPerImageUsd)).toBeGreaterThan(0);
  });

  it('adds inputs, n per request, partial images and their assumptions exactly as the engine does', async () => {
    const q = await quoteJson(
      '--model',
      'gpt-image-2',
      '--size',
      '16:9',
      '--quality',
      'medium',
      '--n',
      '4',
      '--prompt-chars',
      '900',
      '--refs',
      '2',
      '--ref-size',
      '1440x900',
      '--partials',
      '2',
    );
    const { estimate } = engine({
      model: 'gpt-image-2',
      size: '16:9',
      quality: 'medium',
      finals: 4,
      nPerRequest: 4,
      promptChars: 900,
      referenceImages: 2,
      referenceSize: '1440x900',
      partialImages: 2,
    });
    expect(q.size).toBe('1536x864');
    expect(q.outputTokens).toBe(estimate.outputTokensPerFinal);
    expect(q.inputTokens).toEqual({ text: 225, image: estimate.imageInputTokensPerImage });
    expect(q.costPerImageUsd).toBe(toDecimalString(estimate.costPerFinalImage));
    expect(q.inputCostPerImageUsd).toBe(toDecimalString(estimate.inputCostPerImage));
    expect(q.costPerRequestUsd).toBe(microToDecimalString(estimate.totalCost));
    expect(q.assumptions).toContain('aspect 16:9 mapped to 1536x864');
    expect(q.assumptions).toContain('prompt tokens estimated as 900 characters / 4 = 225');
  });

  it('auto size and quality are planned at the dearest choice and say so (square and high on gpt-image-2)', async () => {
    const q = await quoteJson('--model', 'gpt-image-2', '--size', 'auto', '--quality', 'auto');
    expect(q).toMatchObject({ size: 'auto', width: 1024, height: 1024, quality: 'high', outputTokens: 7024 });
    expect(q.assumptions.join(' ')).toMatch(/size auto planned as 1024x1024, the dearest of the sizes auto can choose/);
    expect(q.assumptions.join(' ')).toMatch(/quality auto planned as high, the dearest/);
  });

  it('auto on gpt-image-2.5 plans max (4x high at 1024x1024), and on gpt-image-1 plans portrait', async () => {
    const flare = await quoteJson('--model', 'gpt-image-2.5-flare', '--size', '1024x1024', '--quality', 'auto');
    expect(flare).toMatchObject({ quality: 'max', outputTokens: 7024, costPerImageUsd: '0.21072' });
    const legacy = await quoteJson(
      '--model',
      'gpt-image-1',
      '--size',
      'auto',
      '--quality',
      'auto',
      '--date',
      '2026-06-01',
    );
    expect(legacy).toMatchObject({
      width: 1024,
      height: 1536,
      quality: 'high',
      outputTokens: 6240,
      costPerImageUsd: '0.2496',
    });
  });

  it('prices the Batch surface at half, with the disputed-support warning', async () => {
    const q = await quoteJson(
      '--model',
      'gpt-image-2',
      '--size',
      '1024x1024',
      '--quality',
      'high',
      '--surface',
      'batch',
    );
    expect(q.costPerImageUsd).toBe('0.10536');
    expect(q.warnings.join(' ')).toMatch(/Batch/);
  });

  it('warns that cached input applies only to the Responses API', async () => {
    const q = await quoteJson(
      '--model',
      'gpt-image-2',
      '--size',
      '1024x1024',
      '--quality',
      'low',
      '--prompt-tokens',
      '1000',
      '--cached-pct',
      '50',
    );
    expect(q.warnings.join(' ')).toMatch(/Responses API/);
    const r = await quoteJson(
      '--model',
      'gpt-image-2',
      '--size',
      '1024x1024',
      '--quality',
      'low',
      '--prompt-tokens',
      '1000',
      '--cached-pct',
      '50',
      '--surface',
      'responses',
    );
    expect(r.warnings).toEqual([]);
    expect(Number(r.inputCostPerImageUsd)).toBeLessThan(Number(q.inputCostPerImageUsd));
  });

  it("--date picks the entry in force that day; --plan adds the plan's own entries and its as-of date", async () => {
    const plan = createSamplePlan('2026-10-01');
    const cli = createMemoryIo({ 'plan.pxplan': serializePlan(plan) }, TODAY);
    const credits = await cli.run(
      'quote',
      '--model',
      'gpt-image-2',
      '--size',
      '1024x1024',
      '--quality',
      'high',
      '--surface',
      'credits',
      '--plan',
      'plan.pxplan',
      '--json',
    );
    expect(credits.code).toBe(0);
    const q = QuoteJson.parse(parseJson(credits.stdout));
    expect(q.date).toBe('2026-10-01');
    expect(q.priceEntryIds[0]).toBe('plan/studio-credits-gpt-image-2');
    expect(q.creditsPerImage).not.toBeNull();
  });
});

describe('quote text output', () => {
  it('shows tokens, exact cost, the entry and cheaper sizes', async () => {
    const cli = createMemoryIo({}, TODAY);
    const r = await cli.run('quote', '--model', 'gpt-image-2', '--size', '1024x1024', '--quality', 'high');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('output tokens / image   7,024');
    expect(r.stdout).toContain('cost / image            $0.21072');
    expect(r.stdout).toContain('openai/gpt-image-2@2026-04-21 (official)');
    expect(r.stdout).toMatch(/1008x1056 {2}6,767 tokens {2}\$0\.20301 {2}\(saves \$0\.00771 per image\)/);
  });

  it('a per-megapixel price: output by megapixel, input images counted in megapixels, credits', async () => {
    const cli = createMemoryIo({}, TODAY);
    const r = await cli.run(
      'quote',
      ...['--model', 'flux-2-flex', '--size', '2048x2048', '--quality', 'standard'],
      ...['--refs', '2', '--ref-size', '1500x1000', '--date', '2026-12-04'],
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('output tokens / image   none (priced per megapixel)');
    expect(r.stdout).toContain('cost / image            $0.4');
    expect(r.stdout).toContain('input                 $0.2  (4 input-image megapixels)');
    expect(r.stdout).toContain('credits / image         40');
  });

  it('says when there is no cheaper nearby size', async () => {
    const cli = createMemoryIo({}, TODAY);
    const r = await cli.run('quote', '--model', 'gpt-image-1.5', '--size', '1024x1024', '--quality', 'high');
    expect(r.stdout).toContain('cheaper nearby sizes: none');
  });
});

describe('quote errors: one line, non-zero exit', () => {
  it('suggests another --date for a missing price only when the date was left to default', async () => {
    const cli = createMemoryIo({}, TODAY);
    const defaulted = await cli.run('quote', '--model', 'dall-e-3', '--size', '1024x1024', '--quality', 'hd');
    expect(defaulted.stderr).toContain('(or price another day with --date YYYY-MM-DD)');
    const dated = await cli.run(
      'quote',
      '--model',
      'gpt-image-2',
      '--size',
      '1024x1024',
      '--quality',
      'high',
      '--date',
      '2026-01-01',
    );
    expect(dated.stderr).not.toContain('another day');
  });

  it.each([
    [['--size', '1024x1024', '--quality', 'high'], 2, 'quote needs --model, e.g. --model gpt-image-2'],
    [['--model', 'gpt-image-2', '--quality', 'high'], 2, 'quote needs --size, e.g. --size 1024x1024'],
    [['--model', 'gpt-image-2', '--size', '1024x1024'], 2, 'quote needs --quality, e.g. --quality high'],
    [
      ['--model', 'gpt-image-9', '--size', '1024x1024', '--quality', 'high'],
      2,
      '--model "gpt-image-9" is not a known model: use one of gpt-image-2,',
    ],
    [
      ['--model', 'gpt-image-2', '--size', '1000x1000', '--quality', 'high'],
      2,
      '--size: 1000x1000 is not a valid size for gpt-image-2: both edges must be multiples of 16. Nearest valid: 992x992',
    ],
    [
      ['--model', 'gpt-image-2', '--size', 'big', '--quality', 'high'],
      2,
      '--size: "big" is not a size: write WIDTHxHEIGHT',
    ],
    [
      ['--model', 'gpt-image-2', '--size', '1024x1024', '--quality', 'ultra'],
      2,
      '--quality: quality "ultra" is not offered by gpt-image-2: use one of low, medium, high, auto',
    ],
    [
      ['--model', 'gpt-image-2', '--size', '1024x1024', '--quality', 'high', '--n', 'x'],
      2,
      '--n expects a whole number from 1 to 10, got "x"',
    ],
    [
      ['--model', 'gpt-image-2', '--size', '1024x1024', '--quality', 'high', '--surface', 'web'],
      2,
      '--surface "web" is not a billing surface: use one of api, responses, batch, credits, reseller',
    ],
    [
      ['--model', 'gpt-image-2', '--size', '1024x1024', '--quality', 'high', '--date', '28/11/2026'],
      2,
      '--date "28/11/2026" is not a date: write YYYY-MM-DD',
    ],
    [
      ['--model', 'gpt-image-2', '--size', '1024x1024', '--quality', 'high', '--date', '2026-01-01'],
      1,
      'no price for gpt-image-2 on the api surface on 2026-01-01',
    ],
    [
      [
        '--model',
        'gpt-image-2',
        '--size',
        '1024x1024',
        '--quality',
        'high',
        '--prompt-tokens',
        '5',
        '--prompt-chars',
        '20',
      ],
      2,
      'give either --prompt-tokens or --prompt-chars, not both',
    ],
    [
      ['--model', 'gpt-image-2', '--size', '1024x1024', '--quality', 'high', '--ref-size', '512x512'],
      2,
      '--ref-size needs --refs N',
    ],
    [
      ['--model', 'gpt-image-2', '--size', '1024x1024', '--quality', 'high', '--refs', '1', '--ref-size', 'huge'],
      2,
      '--ref-size: "huge" is not a size',
    ],
    [
      ['--model', 'dall-e-3', '--size', '1024x1024', '--quality', 'hd'],
      1,
      'no price for dall-e-3 on the api surface on 2026-11-28; dall-e-3 was shut down on 2026-05-12',
    ],
    [
      ['--model', 'gpt-image-2', '--size', '1024x1024', '--quality', 'high', 'extra'],
      2,
      'quote takes no arguments besides its options, got "extra"',
    ],
    [
      ['--model', 'gpt-image-2', '--size', '1024x1024', '--quality', 'high', '--n', '11'],
      2,
      '--n must be a whole number from 1 to 10, got 11',
    ],
    [
      ['--model', 'dall-e-3', '--size', '1024x1024', '--quality', 'hd', '--n', '2', '--date', '2026-01-01'],
      2,
      '--n: dall-e-3 allows at most 1 images per request',
    ],
    [
      ['--model', 'gpt-image-2', '--surface', 'reseller', '--size', '1024x1024', '--quality', 'high', '--n', '5'],
      2,
      '--n: fal.ai takes at most 4 images per request for gpt-image-2',
    ],
    [['--model', 'flux-2-pro', '--size', 'auto', '--quality', 'standard'], 2, '--size: flux-2-pro has no auto size'],
    [
      ['--model', 'gpt-image-1', '--size', '1024x1024', '--quality', 'high', '--input-fidelity', 'max'],
      2,
      '--input-fidelity',
    ],
    [
      ['--compare', '--model', 'gpt-image-2', '--size', '1024x1024', '--quality', 'high'],
      2,
      '--compare prices every model and entry: leave out --model',
    ],
    [['--compare', '--size', 'big', '--quality', 'high'], 2, '--size: "big" is not a size'],
    [
      ['--compare', '--size', '1024x1024', '--quality', 'ultra'],
      2,
      '--quality "ultra" is not a quality any model offers',
    ],
    [
      ['--compare', '--size', '1024x1024', '--quality', 'high', '--date', '2020-01-01'],
      1,
      'no model has a price for this request on 2020-01-01',
    ],
  ])('%j', async (argv, code, message) => {
    const cli = createMemoryIo({}, TODAY);
    const r = await cli.run('quote', ...argv);
    expect(r.code).toBe(code);
    expect(r.stdout).toBe('');
    expect(r.stderr.split('\n')).toHaveLength(2); // one line, then the final newline
    expect(r.stderr).toContain(`pixel-ledger: ${message}`);
  });
});

describe('quote --compare', () => {
  const CompareJson = z.object({
    date: z.string(),
    surfaces: z.array(z.string()),
    options: z.array(
      z.object({
        model: z.string(),
        surface: z.string(),
        size: z.string(),
        sizeMapped: z.boolean(),
        quality: z.string(),
        qualityMapped: z.boolean(),
        costPerImageUsd: z.string(),
        costPerRequestUsd: z.string(),
        priceEntryIds: z.array(z.string()),
        sourceClass: z.string(),
      }),
    ),
    unpriced: z.array(z.object({ model: z.string(), priceEntryId: z.string().nullable(), reason: z.string() })),
  });

  it('--json prices the request on every model, cheapest first, in exact decimal strings', async () => {
    const cli = createMemoryIo({}, TODAY);
    const r = await cli.run(
      'quote',
      '--compare',
      '--size',
      '1024x1024',
      '--quality',
      'high',
      '--date',
      '2026-12-04',
      '--json',
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const json = CompareJson.parse(parseJson(r.stdout));
    expect(json.surfaces).toEqual(['api', 'reseller']);
    const costs = json.options.map((o) => Number(o.costPerImageUsd));
    expect(costs).toEqual([...costs].sort((a, b) => a - b));
    expect(json.options.find((o) => o.priceEntryIds[0] === 'openai/gpt-image-2@2026-04-21')).toMatchObject({
      size: '1024x1024',
      quality: 'high',
      costPerImageUsd: '0.21072',
    });
    expect(json.options.find((o) => o.priceEntryIds[0] === 'fal/gpt-image-2@2026-04-21')?.costPerImageUsd).toBe('0.22');
    expect(json.options.find((o) => o.model === 'flux-2-flex')).toMatchObject({
      costPerImageUsd: '0.05',
      sourceClass: 'official',
    });
    for (const o of json.options) expect(o.costPerImageUsd).toMatch(/^\d+(\.\d+)?$/);
  });

  it('text: one line per model and entry, mapped sizes and qualities starred, unpriced ones listed', async () => {
    const cli = createMemoryIo({}, TODAY);
    const r = await cli.run(
      'quote',
      '--compare',
      '--size',
      '1536x1024',
      '--quality',
      'high',
      '--n',
      '5',
      '--date',
      '2026-12-04',
    );
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toMatch(
      /^1536x1024 high, 5 images per request: \d+ prices on 2026-12-04 \(api, reseller\), cheapest first$/,
    );
    expect(r.stdout).toMatch(
      /ideogram-4\.0 +1248x832\* +quality\* +\$0\.1 +\$0\.50 +ideogram\/ideogram-4\.0@2026-06-01 \(official\)/,
    );
    expect(r.stdout).toContain('  not priced:');
    expect(r.stdout).toContain('gpt-image-2 (fal/gpt-image-2@2026-04-21): fal.ai takes at most 4 images per request');
  });
});
