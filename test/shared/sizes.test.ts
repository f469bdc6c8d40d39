import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { estimateRow } from '../../shared/estimate/estimate-row';
import { findModel, MODEL_SPECS, type ModelSpec } from '../../shared/estimate/models';
import {
  ASPECT_PRESETS,
  checkSize,
  isLegalFlexibleSize,
  nearestValidSizes,
  parseSizeText,
  presetSize,
  resolveSize,
  type Size,
  sizeKey,
} from '../../shared/estimate/sizes';
import { BUILTIN_CATALOG } from '../../shared/pricing/builtin-catalog';
import { bareRow, builtinContext } from './support/fixtures';

type FlexibleRule = Extract<ModelSpec['sizes'], { kind: 'flexible' }>;

function model(id: string): ModelSpec {
  const m = findModel(id);
  if (!m) throw new Error(`model ${id} missing`);
  return m;
}
const gptImage2 = model('gpt-image-2');

/** The sizes an error message suggests after "Nearest valid:". */
function suggestions(message: string): string[] {
  const tail = /Nearest valid: (.+)$/.exec(message)?.[1];
  return tail ? tail.split(', ') : [];
}

describe('gpt-image-2 size rules (OFFICIAL)', () => {
  it.each([
    '1024x1024',
    '1536x1024',
    '1024x1536',
    '1024x640',
    '3840x2160',
    '3840x1280',
    '1280x3840',
    '2048x2048',
    '1536x864',
  ])('%s is legal', (text) => {
    const s = parseSizeText(text);
    expect(s && checkSize(gptImage2.sizes, s)).toBeNull();
  });

  it.each([
    ['1000x1000', 'both edges must be multiples of 16'],
    ['1024x1000', 'both edges must be multiples of 16'],
    ['4096x1536', 'the longest edge must be at most 3840 px'],
    ['3840x1264', 'the long:short ratio must be at most 3:1'],
    ['800x800', 'it has 640,000 pixels; at least 655,360 are needed'],
    ['3840x2176', 'it has 8,355,840 pixels; at most 8,294,400 are allowed'],
    ['0x1024', 'both edges must be positive'],
  ])('%s is rejected: %s', (text, why) => {
    const r = resolveSize(gptImage2, text);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toContain(`${text} is not a valid size for gpt-image-2: ${why}. Nearest valid: `);
    const named = suggestions(r.error);
    expect(named.length).toBeGreaterThan(0);
    for (const n of named) {
      const s = parseSizeText(n);
      expect(s && checkSize(gptImage2.sizes, s), n).toBeNull();
    }
  });

  it('suggests the nearest legal sizes first', () => {
    expect(nearestValidSizes(gptImage2.sizes, { width: 1000, height: 1000 }).map(sizeKey)).toEqual([
      '992x992',
      '992x1008',
      '1008x992',
    ]);
    expect(nearestValidSizes(gptImage2.sizes, { width: 3840, height: 2176 }, 1).map(sizeKey)).toEqual(['3840x2160']);
  });

  it('suggests what sorting every legal candidate around the two centres would, for any size and count', () => {
    // The plain way: both windows of 25 x 25 multiples, legal ones (checkSize) deduplicated, all sorted.
    function reference(rule: FlexibleRule, requested: Size, count: number): Size[] {
      const distance = (s: Size) => Math.abs(s.width - requested.width) + Math.abs(s.height - requested.height);
      const w0 = Math.max(requested.width, 1);
      const h0 = Math.max(requested.height, 1);
      const aspect = Math.min(Math.max(w0 / h0, 1 / rule.maxAspect), rule.maxAspect);
      const pixels = Math.min(Math.max(w0 * h0, rule.minPixels), rule.maxPixels);
      const centres = [
        { width: Math.sqrt(pixels * aspect), height: Math.sqrt(pixels / aspect) },
        { width: Math.min(w0, rule.maxEdge), height: Math.min(h0, rule.maxEdge) },
      ];
      const found = new Map<string, Size>();
      for (const c of centres)
        for (let dw = -12; dw <= 12; dw++)
          for (let dh = -12; dh <= 12; dh++) {
            const size = {
              width: (Math.round(c.width / rule.multipleOf) + dw) * rule.multipleOf,
              height: (Math.round(c.height / rule.multipleOf) + dh) * rule.multipleOf,
            };
            if (checkSize(rule, size) === null) found.set(sizeKey(size), size);
          }
      const sorted = [...found.values()].sort(
        (a, b) => distance(a) - distance(b) || a.width - b.width || a.height - b.height,
      );
      if (sorted.length === 0) sorted.push({ width: 1024, height: 1024 });
      return sorted.slice(0, count);
    }
    const rules = MODEL_SPECS.map((m) => m.sizes).filter((r): r is FlexibleRule => r.kind === 'flexible');
    const edge = fc.oneof(
      fc.integer({ min: 0, max: 9_000 }),
      fc.integer({ min: 0, max: 400 }).map((n) => n * 16),
    );
    fc.assert(
      fc.property(
        fc.constantFrom(...rules),
        edge,
        edge,
        fc.constantFrom(0, 1, 3, 7, 200),
        (rule, width, height, count) => {
          expect(nearestValidSizes(rule, { width, height }, count)).toEqual(reference(rule, { width, height }, count));
        },
      ),
      { numRuns: 1_500 },
    );
  });

  it('tells a legal size of every flexible model as checkSize does, without its message', () => {
    // nearestValidSizes tests its candidates with isLegalFlexibleSize: the same answer, every rule.
    const rules = MODEL_SPECS.map((m) => m.sizes).filter((r) => r.kind === 'flexible');
    expect(rules.length).toBeGreaterThan(0);
    const edge = fc.oneof(
      fc.integer({ min: -64, max: 9_000 }),
      fc.integer({ min: 0, max: 600 }).map((n) => n * 16),
    );
    fc.assert(
      fc.property(fc.constantFrom(...rules), edge, edge, (rule, width, height) => {
        expect(isLegalFlexibleSize(rule, width, height)).toBe(checkSize(rule, { width, height }) === null);
      }),
      { numRuns: 5_000 },
    );
  });

  it('warns that sizes above 2560x1440 are experimental', () => {
    const big = resolveSize(gptImage2, '3840x2160');
    expect(big.ok && big.value.warnings).toEqual([
      '3840x2160 is above 2560x1440 pixels: OpenAI calls such sizes experimental',
    ]);
    const edge = resolveSize(gptImage2, '2560x1440');
    expect(edge.ok && edge.value.warnings).toEqual([]);
  });

  it('reads sizes written with ×, * or spaces, and explains text that is not a size', () => {
    expect(parseSizeText('1536 × 1024')).toEqual({ width: 1536, height: 1024 });
    expect(parseSizeText('1536*1024')).toEqual({ width: 1536, height: 1024 });
    expect(parseSizeText('1536X1024')).toEqual({ width: 1536, height: 1024 });
    const r = resolveSize(gptImage2, 'large');
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.error).toBe(
        '"large" is not a size: write WIDTHxHEIGHT (e.g. 1536x1024), an aspect preset (1:1, 4:5, 2:3, 3:2, 16:9, 9:16) or auto',
      );
  });
});

describe('fixed size lists for older models', () => {
  it.each([
    ['gpt-image-1', ['1024x1024', '1024x1536', '1536x1024']],
    ['gpt-image-1.5', ['1024x1024', '1024x1536', '1536x1024']],
    ['gpt-image-1-mini', ['1024x1024', '1024x1536', '1536x1024']],
    ['dall-e-3', ['1024x1024', '1024x1792', '1792x1024']],
    ['dall-e-2', ['256x256', '512x512', '1024x1024']],
  ] as const)('%s accepts exactly its listed sizes', (id, listed) => {
    const m = model(id);
    for (const text of listed) expect(resolveSize(m, text).ok, text).toBe(true);
    const r = resolveSize(m, '1536x1536');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toContain(
      `1536x1536 is not a valid size for ${id}: it is not one of the sizes this model accepts (${listed.join(', ')})`,
    );
    expect(suggestions(r.error).every((s) => (listed as readonly string[]).includes(s))).toBe(true);
  });

  it('gpt-image-1 refuses a gpt-image-2 size and names its nearest listed ones', () => {
    const r = resolveSize(model('gpt-image-1'), '1536x864');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(suggestions(r.error)[0]).toBe('1536x1024');
  });
});

describe('aspect presets', () => {
  it.each(
    Object.entries({
      '1:1': '1024x1024',
      '4:5': '1024x1280',
      '2:3': '1024x1536',
      '3:2': '1536x1024',
      '16:9': '1536x864',
      '9:16': '864x1536',
    }),
  )('gpt-image-2 %s -> %s (exact aspect, legal)', (preset, expected) => {
    const r = resolveSize(gptImage2, preset);
    expect(r.ok && r.value.key).toBe(expected);
    expect(r.ok && r.value.assumptions).toEqual([`aspect ${preset} mapped to ${expected}`]);
  });

  const modelPresets = MODEL_SPECS.flatMap((m) => ASPECT_PRESETS.map((preset) => ({ model: m.id, preset })));
  it.each(modelPresets)(
    '$model $preset maps to a legal size that the built-in catalog can price',
    ({ model: id, preset }) => {
      const m = model(id);
      const size = presetSize(m, preset);
      expect(checkSize(m.sizes, size)).toBeNull();
      const entry =
        BUILTIN_CATALOG.find((e) => e.model === id && e.surfaces.includes('api')) ??
        BUILTIN_CATALOG.find((e) => e.model === id && e.surfaces.includes('reseller'));
      if (!entry) throw new Error(`no api or reseller entry for ${id}`);
      const surface = entry.surfaces.includes('api') ? 'api' : 'reseller';
      const e = estimateRow(
        bareRow({ model: id, size: preset, quality: m.defaultQuality, surface }),
        builtinContext(entry.effectiveFrom),
      );
      expect(e.errors).toEqual([]);
      expect(e.sizeKey).toBe(sizeKey(size));
    },
  );

  it('older models map a preset to the listed size of the closest aspect', () => {
    expect(sizeKey(presetSize(model('gpt-image-1'), '16:9'))).toBe('1536x1024');
    expect(sizeKey(presetSize(model('gpt-image-1'), '9:16'))).toBe('1024x1536');
    expect(sizeKey(presetSize(model('dall-e-3'), '16:9'))).toBe('1792x1024');
    expect(sizeKey(presetSize(model('imagen-4-fast'), '16:9'))).toBe('1408x768');
  });

  it('square-only lists map every preset to the size nearest one megapixel', () => {
    expect(sizeKey(presetSize(model('dall-e-2'), '1:1'))).toBe('1024x1024');
    expect(sizeKey(presetSize(model('gemini-3.1-flash-image'), '16:9'))).toBe('1024x1024');
  });
});

describe('auto size', () => {
  it('is planned at the dearest size auto can choose, and says which (1024x1024 on gpt-image-2)', () => {
    const r = resolveSize(gptImage2, 'auto');
    expect(r.ok && r.value).toEqual({
      size: { width: 1024, height: 1024 },
      key: 'auto',
      assumptions: [
        'size auto planned as 1024x1024, the dearest of the sizes auto can choose on gpt-image-2 (1024x1024, 1536x1024, 1024x1536): the API picks at run time, so this is the most it costs',
      ],
      warnings: [],
    });
    const e = estimateRow(bareRow({ size: 'auto', quality: 'auto' }), builtinContext());
    expect(e.sizeKey).toBe('auto');
    expect(e.quality).toBe('high');
    expect(e.outputTokensPerFinal).toBe(7024);
    expect(e.assumptions.join(' ')).toMatch(/size auto planned as 1024x1024/);
    expect(e.assumptions.join(' ')).toMatch(/quality auto planned as high/);
  });

  it('plans portrait on the older GPT Image models: 1024x1536 is their dearest size (6,240 tokens at high)', () => {
    for (const id of ['gpt-image-1', 'gpt-image-1.5', 'chatgpt-image-latest']) {
      const e = estimateRow(bareRow({ model: id, size: 'auto', quality: 'auto' }), builtinContext());
      expect(e.errors, id).toEqual([]);
      expect(e.outputTokensPerFinal, id).toBe(6240);
      expect(e.assumptions.join(' '), id).toMatch(/size auto planned as 1024x1536/);
    }
  });

  it('is refused, with what to write instead, on models that have no auto size', () => {
    const r = resolveSize(model('flux-2-pro'), 'auto');
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error).toBe(
      'flux-2-pro has no auto size: give WIDTHxHEIGHT or an aspect preset (1:1, 4:5, 2:3, 3:2, 16:9, 9:16); e.g. 1024x1024',
    );
  });
});
