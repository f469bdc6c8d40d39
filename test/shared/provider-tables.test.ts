import { describe, expect, it } from 'vitest';
import { ceilToCents } from '../../shared/estimate/cost-basis';
import { estimateRow, type RowEstimate } from '../../shared/estimate/estimate-row';
import { gptImage2Tokens } from '../../shared/estimate/tokens';
import { type Exact, compare, parseExact, sub, toDecimalString } from '../../shared/money/exact';
import { roundHalfAwayFromZero } from '../../shared/money/rounding';
import type { PlanRow } from '../../shared/plan/plan-schema';
import type { BillingSurface } from '../../shared/pricing/price-entry';
import { bareRow, builtinContext } from './support/fixtures';

/**
 * Every provider's published per-image or per-megapixel table, cell by cell, against the engine's price
 * for one image (no prompt, no drafts, one generation). Two kinds of check, named in each block:
 * - EXACT: the provider bills this table (per image, per megapixel, or a reseller rounding tokens up to
 *   the cent), so the engine must give the published figure to the last digit.
 * - PUBLISHED ROUNDING: the provider bills output tokens x rate and prints the table rounded, so the
 *   engine's exact token price must round to the printed figure (at the printed precision), or, where
 *   the provider's own rounding is inconsistent, lie within one unit of its last printed digit.
 * Figures: research/prices-2026-12.md (verified against stored provider pages, 2026-12-04).
 */

const CHECK_DATE = '2026-12-04';

interface Cell {
  readonly model: string;
  readonly size: string;
  readonly quality: string;
  readonly published: string;
  readonly surface?: BillingSurface;
  readonly entryId?: string;
  readonly date?: string;
  readonly overrides?: Partial<PlanRow>;
}

function estimate(cell: Cell): RowEstimate {
  const e = estimateRow(
    bareRow({
      model: cell.model,
      size: cell.size,
      quality: cell.quality,
      surface: cell.surface ?? 'api',
      priceEntryId: cell.entryId ?? null,
      ...cell.overrides,
    }),
    builtinContext(cell.date ?? CHECK_DATE),
  );
  expect(e.errors).toEqual([]);
  return e;
}

function exact(text: string): Exact {
  const e = parseExact(text);
  if (!e) throw new Error(`not a decimal: ${text}`);
  return e;
}

/** The published figure's precision: the decimals it prints (0.25 -> 2, 0.134 -> 3). */
function printedDecimals(published: string): number {
  return published.split('.')[1]?.length ?? 0;
}

/** The engine's exact price rounded half-up at the published precision. */
function atPublishedPrecision(price: Exact, published: string): string {
  const decimals = printedDecimals(published);
  const units = roundHalfAwayFromZero(price, decimals);
  return toDecimalString({ units, scale: decimals }, decimals);
}

/** grid of quality -> [size, published] for one model. */
function cells(
  model: string,
  grid: Readonly<Record<string, Readonly<Record<string, string>>>>,
  extra: Omit<Cell, 'model' | 'size' | 'quality' | 'published'> = {},
): Cell[] {
  return Object.entries(grid).flatMap(([quality, bySize]) =>
    Object.entries(bySize).map(([size, published]) => ({ model, size, quality, published, ...extra })),
  );
}

function expectExact(cell: Cell) {
  const price = estimate(cell).costPerFinalImage;
  expect(toDecimalString(price)).toBe(toDecimalString(exact(cell.published)));
}

describe('OpenAI (PUBLISHED ROUNDING: OpenAI bills output tokens x rate and prints the table rounded)', () => {
  const gptImage2 = cells(
    'gpt-image-2',
    {
      low: { '1024x1024': '0.006', '1024x1536': '0.005', '1536x1024': '0.005' },
      medium: { '1024x1024': '0.053', '1024x1536': '0.041', '1536x1024': '0.041' },
      high: { '1024x1024': '0.211', '1024x1536': '0.165', '1536x1024': '0.165' },
    },
    { date: '2026-06-01' },
  );
  it.each(gptImage2)('gpt-image-2 $quality $size: tokens x $30/1M rounds to $published', (cell) => {
    expect(atPublishedPrecision(estimate(cell).costPerFinalImage, cell.published)).toBe(cell.published);
  });

  // The four cells of gpt-image-1 / 1.5 that differ from tokens x rate even after rounding to 3 decimals
  // (the table reuses the portrait price for landscape, and rounds gpt-image-1 high square up).
  const DIFFERING = new Set([
    'gpt-image-1 high 1024x1024',
    'gpt-image-1 high 1536x1024',
    'gpt-image-1.5 medium 1024x1536',
    'gpt-image-1.5 high 1536x1024',
  ]);
  const legacy = [
    ...cells(
      'gpt-image-1',
      {
        low: { '1024x1024': '0.011', '1024x1536': '0.016', '1536x1024': '0.016' },
        medium: { '1024x1024': '0.042', '1024x1536': '0.063', '1536x1024': '0.063' },
        high: { '1024x1024': '0.167', '1024x1536': '0.25', '1536x1024': '0.25' },
      },
      { date: '2026-06-01' },
    ),
    ...cells(
      'gpt-image-1.5',
      {
        low: { '1024x1024': '0.009', '1024x1536': '0.013', '1536x1024': '0.013' },
        medium: { '1024x1024': '0.034', '1024x1536': '0.05', '1536x1024': '0.05' },
        high: { '1024x1024': '0.133', '1024x1536': '0.2', '1536x1024': '0.2' },
      },
      { date: '2026-06-01' },
    ),
  ];
  it.each(legacy)('$model $quality $size: within 0.001 USD of the published $published (≈ as published)', (cell) => {
    const price = estimate(cell).costPerFinalImage;
    // The table prints the portrait price for landscape too: a landscape cell is compared with that.
    const printedFrom = cell.size === '1536x1024' ? estimate({ ...cell, size: '1024x1536' }).costPerFinalImage : price;
    const gap = sub(printedFrom, exact(cell.published));
    expect(compare(gap.units < 0n ? { ...gap, units: -gap.units } : gap, exact('0.001'))).toBeLessThanOrEqual(0);
    // Rounded to 3 decimals the token price is the published one, except in the four known cells.
    const rounded = atPublishedPrecision(price, cell.published.padEnd(5, '0'));
    const differs = compare(exact(rounded), exact(cell.published)) !== 0;
    expect(differs).toBe(DIFFERING.has(`${cell.model} ${cell.quality} ${cell.size}`));
  });

  // gpt-image-1-mini: the token table does not reproduce its grid, so the engine bills the grid (EXACT).
  const mini = cells(
    'gpt-image-1-mini',
    {
      low: { '1024x1024': '0.005', '1024x1536': '0.006', '1536x1024': '0.006' },
      medium: { '1024x1024': '0.011', '1024x1536': '0.015', '1536x1024': '0.015' },
      high: { '1024x1024': '0.036', '1024x1536': '0.052', '1536x1024': '0.052' },
    },
    { date: '2026-06-01' },
  );
  it.each(mini)('gpt-image-1-mini $quality $size: $published exactly (EXACT: billed from the grid)', expectExact);

  // gpt-image-2.5 tiers: OFFICIAL (derived) token counts x $30/1M, exact (EXACT: no table is printed).
  // The research's 1920x1080 column is left out: 1080 is not a multiple of 16, which OpenAI requires.
  const TIER_TOKENS: Record<string, Record<string, number>> = {
    low: { '1024x1024': 196, '1536x1024': 158, '1024x768': 134, '2048x2048': 397, '2880x2880': 659 },
    medium: {
      '1024x1024': 439,
      '1536x1024': 343,
      '1024x768': 301,
      '2048x2048': 892,
      '2880x2880': 1483,
    },
    high: {
      '1024x1024': 1756,
      '1536x1024': 1372,
      '1024x768': 1204,
      '2048x2048': 3568,
      '2880x2880': 5930,
    },
    xhigh: {
      '1024x1024': 3122,
      '1536x1024': 2459,
      '1024x768': 2140,
      '2048x2048': 6343,
      '2880x2880': 10542,
    },
    max: {
      '1024x1024': 7024,
      '1536x1024': 5488,
      '1024x768': 4815,
      '2048x2048': 14272,
      '2880x2880': 23719,
    },
  };
  const tierCells = Object.entries(TIER_TOKENS).flatMap(([quality, bySize]) =>
    Object.entries(bySize).map(([size, tokens]) => ({ quality, size, tokens })),
  );
  it.each(tierCells)(
    'gpt-image-2.5 $quality $size: $tokens tokens, exactly tokens x 30 USD/1M',
    ({ quality, size, tokens }) => {
      const e = estimate({ model: 'gpt-image-2.5-flare', size, quality, published: '0' });
      expect(e.outputTokensPerFinal).toBe(tokens);
      expect(toDecimalString(e.costPerFinalImage)).toBe(toDecimalString({ units: BigInt(tokens * 30), scale: 6 }));
    },
  );
});

describe('fal.ai gpt-image-2 (EXACT: fal prints tokens x $30/1M rounded up to the cent, and is priced so)', () => {
  const fal = cells(
    'gpt-image-2',
    {
      low: {
        '1024x768': '0.01',
        '1024x1024': '0.01',
        '1024x1536': '0.01',
        '1920x1080': '0.01',
        '2560x1440': '0.01',
        '3840x2160': '0.02',
      },
      medium: {
        '1024x768': '0.04',
        '1024x1024': '0.06',
        '1024x1536': '0.05',
        '1920x1080': '0.04',
        '2560x1440': '0.06',
        '3840x2160': '0.11',
      },
      high: {
        '1024x768': '0.15',
        '1024x1024': '0.22',
        '1024x1536': '0.17',
        '1920x1080': '0.16',
        '2560x1440': '0.23',
        '3840x2160': '0.41',
      },
    },
    { surface: 'reseller', entryId: 'fal/gpt-image-2@2026-04-21' },
  );
  const listed = fal.filter((c) => c.size !== '1920x1080');
  it.each(listed)('fal gpt-image-2 $quality $size: $published', expectExact);

  // fal lists 1920x1080, which OpenAI's rule (edges multiples of 16) refuses, so the engine does too; the
  // cell still follows fal's rule from the formula's tokens.
  it.each(fal.filter((c) => c.size === '1920x1080'))(
    'fal gpt-image-2 $quality $size: $published by the rule',
    (cell) => {
      const factor = { low: 16, medium: 48, high: 96 }[cell.quality] ?? 0;
      const tokens = gptImage2Tokens(factor, { width: 1920, height: 1080 });
      const price = ceilToCents({ units: BigInt(tokens * 30), scale: 6 }, 1);
      expect(toDecimalString(price)).toBe(toDecimalString(exact(cell.published)));
    },
  );
});

describe('Google Gemini (PUBLISHED ROUNDING: tokens x rate, printed to 3 decimals)', () => {
  const gemini: (Cell & { exactPrice: string })[] = [
    { model: 'gemini-3-pro-image', size: '1024x1024', quality: 'standard', published: '0.134', exactPrice: '0.1344' },
    { model: 'gemini-3-pro-image', size: '2048x2048', quality: 'standard', published: '0.134', exactPrice: '0.1344' },
    { model: 'gemini-3-pro-image', size: '4096x4096', quality: 'standard', published: '0.24', exactPrice: '0.24' },
    {
      model: 'gemini-3.1-flash-image',
      size: '512x512',
      quality: 'standard',
      published: '0.045',
      exactPrice: '0.04482',
    },
    {
      model: 'gemini-3.1-flash-image',
      size: '1024x1024',
      quality: 'standard',
      published: '0.067',
      exactPrice: '0.0672',
    },
    {
      model: 'gemini-3.1-flash-image',
      size: '2048x2048',
      quality: 'standard',
      published: '0.101',
      exactPrice: '0.1008',
    },
    {
      model: 'gemini-3.1-flash-image',
      size: '4096x4096',
      quality: 'standard',
      published: '0.151',
      exactPrice: '0.1512',
    },
    // Batch at 50%: Google prints $0.067 and $0.12 for Pro.
    {
      model: 'gemini-3-pro-image',
      size: '1024x1024',
      quality: 'standard',
      published: '0.067',
      exactPrice: '0.0672',
      surface: 'batch',
    },
    {
      model: 'gemini-3-pro-image',
      size: '4096x4096',
      quality: 'standard',
      published: '0.12',
      exactPrice: '0.12',
      surface: 'batch',
    },
    {
      model: 'gemini-3.1-flash-image',
      size: '1024x1024',
      quality: 'standard',
      published: '0.034',
      exactPrice: '0.0336',
      surface: 'batch',
    },
  ];
  it.each(gemini)('$model $size on $surface: exactly $exactPrice, printed $published', (cell) => {
    const price = estimate(cell).costPerFinalImage;
    expect(toDecimalString(price)).toBe(cell.exactPrice);
    expect(atPublishedPrecision(price, cell.published)).toBe(cell.published);
  });

  it('Gemini 3.1 Flash Image at 512 / 1K / 2K / 4K bills 747 / 1,120 / 1,680 / 2,520 output tokens', () => {
    const tokens = ['512x512', '1024x1024', '2048x2048', '4096x4096'].map(
      (size) =>
        estimate({ model: 'gemini-3.1-flash-image', size, quality: 'standard', published: '0' }).outputTokensPerFinal,
    );
    expect(tokens).toEqual([747, 1120, 1680, 2520]);
  });

  it('Gemini 3 Pro Image bills text input at $2/1M (not 0)', () => {
    const e = estimate({
      model: 'gemini-3-pro-image',
      size: '1024x1024',
      quality: 'standard',
      published: '0',
      overrides: { promptTokens: 1000 },
    });
    expect(toDecimalString(e.inputCostPerImage)).toBe('0.002');
  });
});

describe('Black Forest Labs FLUX.2 (EXACT: BFL bills credits per megapixel; megapixel = 1024x1024 px rounded up, assumed)', () => {
  const output: Cell[] = [
    // BFL's "from" prices: one megapixel of output.
    { model: 'flux-2-klein-4b', size: '1024x1024', quality: 'standard', published: '0.014' },
    { model: 'flux-2-klein-9b', size: '1024x1024', quality: 'standard', published: '0.015' },
    { model: 'flux-2-pro', size: '1024x1024', quality: 'standard', published: '0.03' },
    { model: 'flux-2-max', size: '1024x1024', quality: 'standard', published: '0.07' },
    { model: 'flux-2-flex', size: '1024x1024', quality: 'standard', published: '0.05' },
    // BFL's klein example: a 2 MP image with Klein 4B costs $0.014 + $0.001.
    { model: 'flux-2-klein-4b', size: '2048x1024', quality: 'standard', published: '0.015' },
    // Worked cells (research §3), credits / 100.
    { model: 'flux-2-flex', size: '1920x1080', quality: 'standard', published: '0.1' },
    { model: 'flux-2-flex', size: '2048x2048', quality: 'standard', published: '0.2' },
    { model: 'flux-2-max', size: '2048x2048', quality: 'standard', published: '0.16' },
    { model: 'flux-2-pro', size: '1920x1080', quality: 'standard', published: '0.045' },
    { model: 'flux-2-pro', size: '2048x2048', quality: 'standard', published: '0.075' },
    { model: 'flux-2-klein-4b', size: '2048x2048', quality: 'standard', published: '0.017' },
    { model: 'flux-2-klein-9b', size: '2048x2048', quality: 'standard', published: '0.021' },
    // Before 2026-01-28 flex was 6 credits a megapixel.
    { model: 'flux-2-flex', size: '2048x2048', quality: 'standard', published: '0.24', date: '2026-01-01' },
  ];
  it.each(output)('$model $size: $published', expectExact);

  // BFL's formula for an edit: 1 MP out + 1 MP in at the extra rate.
  const edits: Cell[] = [
    ['flux-2-klein-4b', '0.015'],
    ['flux-2-klein-9b', '0.017'],
    ['flux-2-pro', '0.045'],
    ['flux-2-max', '0.1'],
    ['flux-2-flex', '0.1'],
  ].map(([model = '', published = '']) => ({
    model,
    size: '1024x1024',
    quality: 'standard',
    published,
    overrides: { referenceImages: 1, referenceSize: '1024x1024' },
  }));
  it.each(edits)('$model edit, 1 MP in and 1 MP out: $published by the formula', expectExact);

  it('the credits surface shows the same figure in credits', () => {
    const e = estimate({
      model: 'flux-2-flex',
      size: '2048x2048',
      quality: 'standard',
      published: '0',
      surface: 'credits',
    });
    expect(e.creditsPerFinalImage && toDecimalString(e.creditsPerFinalImage)).toBe('20');
  });
});

describe('per-image providers (EXACT: billed per output image at the published price)', () => {
  const perImage: Cell[] = [
    // FLUX.1 (credits at $0.01) and FLUX 3 Klein (third-party figures).
    { model: 'flux-kontext-pro', size: '1024x1024', quality: 'standard', published: '0.04' },
    { model: 'flux-kontext-max', size: '1248x832', quality: 'standard', published: '0.08' },
    { model: 'flux-1.1-pro', size: '1024x768', quality: 'standard', published: '0.04' },
    { model: 'flux-1.1-pro-ultra', size: '2752x1536', quality: 'standard', published: '0.06' },
    { model: 'flux-3-klein', size: '1360x768', quality: 'standard', published: '0.009' },
    { model: 'flux-3-klein', size: '768x768', quality: 'standard', published: '0.009' },
    { model: 'flux-3-klein', size: '2048x2048', quality: 'standard', published: '0.014' },
    { model: 'flux-3-klein', size: '5456x3072', quality: 'standard', published: '0.036' },
    // Ideogram, by quality tier (4.5) and rendering speed (4.0, 3.0); 1K and 2K alike.
    ...cells('ideogram-4.5', {
      low: { '1024x1024': '0.03' },
      medium: { '1312x736': '0.06' },
      high: { '2048x2048': '0.10' },
    }),
    ...cells('ideogram-4.0', {
      turbo: { '1024x1024': '0.03' },
      default: { '1024x1024': '0.06' },
      quality: { '2560x1440': '0.10' },
    }),
    ...cells('ideogram-3.0', {
      turbo: { '1024x1024': '0.03' },
      default: { '1248x832': '0.06' },
      quality: { '1024x1024': '0.09' },
    }),
    // Recraft (1,000 API units = $1).
    { model: 'recraft-v4.1', size: '1024x1024', quality: 'standard', published: '0.035' },
    { model: 'recraft-v4.1-pro', size: '2048x2048', quality: 'standard', published: '0.21' },
    { model: 'recraft-v4.1-vector', size: '1024x1024', quality: 'standard', published: '0.08' },
    { model: 'recraft-v4.1-pro-vector', size: '2048x2048', quality: 'standard', published: '0.30' },
    // Seedream 4.5 by provider.
    ...[
      ['fal/seedream-4.5@2025-11-28', 'reseller', '0.04'],
      ['vercel/seedream-4.5@2025-11-28', 'reseller', '0.04'],
      ['replicate/seedream-4.5@2025-11-28', 'reseller', '0.045'],
      ['byteplus/seedream-4.5@2025-11-28', 'api', '0.045'],
    ].map(([entryId = '', surface = '', published = '']) => ({
      model: 'seedream-4.5',
      size: '2048x2048',
      quality: 'standard',
      published,
      entryId,
      surface: surface as BillingSurface,
    })),
    { model: 'qwen-image-2.0-pro', size: '2048x2048', quality: 'standard', published: '0.075', surface: 'reseller' },
    // Imagen 4, history: priced on a date before the 2026-08-17 shutdown.
    { model: 'imagen-4-fast', size: '1024x1024', quality: 'standard', published: '0.02', date: '2026-06-01' },
    { model: 'imagen-4', size: '1408x768', quality: 'standard', published: '0.04', date: '2026-06-01' },
    { model: 'imagen-4-ultra', size: '2048x2048', quality: 'standard', published: '0.06', date: '2026-06-01' },
    // DALL·E, history.
    ...cells(
      'dall-e-3',
      {
        standard: { '1024x1024': '0.04', '1024x1792': '0.08', '1792x1024': '0.08' },
        hd: { '1024x1024': '0.08', '1024x1792': '0.12', '1792x1024': '0.12' },
      },
      { date: '2026-01-01' },
    ),
    ...cells(
      'dall-e-2',
      { standard: { '256x256': '0.016', '512x512': '0.018', '1024x1024': '0.02' } },
      { date: '2026-01-01' },
    ),
  ];
  it.each(perImage)('$model $quality $size: $published', expectExact);

  it('Ideogram edits cost what a generation costs, whatever the references', () => {
    const e = estimate({
      model: 'ideogram-4.0',
      size: '1024x1024',
      quality: 'default',
      published: '0',
      overrides: { referenceImages: 3, referenceSize: '2048x2048' },
    });
    expect(toDecimalString(e.costPerFinalImage)).toBe('0.06');
    expect(e.warnings).toEqual([]);
  });
});

describe('Qwen Image on fal (EXACT: $0.02 per megapixel; megapixel = 1024x1024 px rounded up, assumed)', () => {
  const qwen: Cell[] = [
    ['1024x1024', '0.02'],
    ['1920x1080', '0.04'],
    ['2048x2048', '0.08'],
    ['1024x1040', '0.04'],
  ].map(([size = '', published = '']) => ({
    model: 'qwen-image',
    size,
    quality: 'standard',
    published,
    surface: 'reseller' as const,
  }));
  it.each(qwen)('qwen-image $size: $published', expectExact);
});
