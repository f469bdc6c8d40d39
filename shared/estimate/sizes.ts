import { fail, ok, type Result } from '../result';
import type { ModelSpec, SizeRule } from './models';

export interface Size {
  readonly width: number;
  readonly height: number;
}

export const ASPECT_PRESETS = ['1:1', '4:5', '2:3', '3:2', '16:9', '9:16'] as const;
export type AspectPreset = (typeof ASPECT_PRESETS)[number];

/** Recommended gpt-image-2 sizes for each preset: exact aspect, multiples of 16, near one megapixel. */
const FLEXIBLE_PRESET_SIZES: Record<AspectPreset, string> = {
  '1:1': '1024x1024',
  '4:5': '1024x1280',
  '2:3': '1024x1536',
  '3:2': '1536x1024',
  '16:9': '1536x864',
  '9:16': '864x1536',
};

export function sizeKey(s: Size): string {
  return `${s.width}x${s.height}`;
}

const SIZE_PATTERN = /^\s*(\d{1,6})\s*[xX×*]\s*(\d{1,6})\s*$/;

/** Reads "1536x1024" (also "1536 × 1024", "1536*1024"). Null when it is not two whole numbers. */
export function parseSizeText(text: string): Size | null {
  const m = SIZE_PATTERN.exec(text);
  if (!m) return null;
  return { width: Number(m[1]), height: Number(m[2]) };
}

export function isAspectPreset(text: string): text is AspectPreset {
  return (ASPECT_PRESETS as readonly string[]).includes(text.trim());
}

/** The recommended legal size for an aspect preset on a model. */
export function presetSize(model: ModelSpec, preset: AspectPreset): Size {
  const [aw = 1, ah = 1] = preset.split(':').map(Number);
  if (model.sizes.kind === 'flexible') {
    const fixed = parseSizeText(FLEXIBLE_PRESET_SIZES[preset]);
    // Tested without checkSize's message: its first use of toLocaleString loads ICU (8 ms, cold).
    if (fixed && isLegalFlexibleSize(model.sizes, fixed.width, fixed.height)) return fixed;
    return nearestValidSizes(model.sizes, { width: aw * 256, height: ah * 256 }, 1)[0] ?? { width: 1024, height: 1024 };
  }
  // Fixed lists: the listed size whose aspect is closest to the preset's; among equally close ones, the
  // one nearest one megapixel (the size price tables list), not merely the first (dall-e-2's 256x256).
  const target = Math.log(aw / ah);
  const megapixelDistance = (s: Size) => Math.abs(Math.log((s.width * s.height) / (1024 * 1024)));
  let best: Size = parseSizeText(model.sizes.sizes[0] ?? '1024x1024') ?? { width: 1024, height: 1024 };
  let bestDistance = Infinity;
  for (const text of model.sizes.sizes) {
    const s = parseSizeText(text);
    if (!s) continue;
    const d = Math.abs(Math.log(s.width / s.height) - target);
    const tie = Math.abs(d - bestDistance) <= 1e-12;
    if (d < bestDistance - 1e-12 || (tie && megapixelDistance(s) < megapixelDistance(best))) {
      best = s;
      bestDistance = d;
    }
  }
  return best;
}

/** Why a size breaks a flexible rule, or null when it is legal. */
export function checkSize(rule: SizeRule, s: Size): string | null {
  if (rule.kind === 'fixed') {
    return rule.sizes.includes(sizeKey(s))
      ? null
      : `it is not one of the sizes this model accepts (${rule.sizes.join(', ')})`;
  }
  const { width: w, height: h } = s;
  if (w <= 0 || h <= 0) return 'both edges must be positive';
  if (w % rule.multipleOf !== 0 || h % rule.multipleOf !== 0)
    return `both edges must be multiples of ${rule.multipleOf}`;
  if (Math.max(w, h) > rule.maxEdge) return `the longest edge must be at most ${rule.maxEdge} px`;
  if (rule.minEdge !== undefined && Math.min(w, h) < rule.minEdge)
    return `the shortest edge must be at least ${rule.minEdge} px`;
  if (Math.max(w, h) > rule.maxAspect * Math.min(w, h))
    return `the long:short ratio must be at most ${rule.maxAspect}:1`;
  const pixels = w * h;
  if (pixels < rule.minPixels)
    return `it has ${pixels.toLocaleString('en-US')} pixels; at least ${rule.minPixels.toLocaleString('en-US')} are needed`;
  if (pixels > rule.maxPixels)
    return `it has ${pixels.toLocaleString('en-US')} pixels; at most ${rule.maxPixels.toLocaleString('en-US')} are allowed`;
  return null;
}

/** The warning for a size above the pixels OpenAI calls experimental: the size, then EXPERIMENTAL_SIZE_NOTE. */
export function experimentalSizeWarning(width: number, height: number): string {
  return `${width}x${height} ${EXPERIMENTAL_SIZE_NOTE}`;
}

/** What experimentalSizeWarning says after the size. */
export const EXPERIMENTAL_SIZE_NOTE = 'is above 2560x1440 pixels: OpenAI calls such sizes experimental';

/** checkSize(rule, size) === null for a flexible rule, without building the size or a message. */
export function isLegalFlexibleSize(rule: Extract<SizeRule, { kind: 'flexible' }>, w: number, h: number): boolean {
  const long = w > h ? w : h;
  const short = w > h ? h : w;
  const pixels = w * h;
  return (
    w > 0 &&
    h > 0 &&
    w % rule.multipleOf === 0 &&
    h % rule.multipleOf === 0 &&
    long <= rule.maxEdge &&
    (rule.minEdge === undefined || short >= rule.minEdge) &&
    long <= rule.maxAspect * short &&
    pixels >= rule.minPixels &&
    pixels <= rule.maxPixels
  );
}

/** Valid sizes closest to the requested one (by edge distance), best first. Every suggestion is legal. */
export function nearestValidSizes(rule: SizeRule, requested: Size, count = 3): Size[] {
  const distance = (s: Size) => Math.abs(s.width - requested.width) + Math.abs(s.height - requested.height);
  if (rule.kind === 'fixed') {
    return rule.sizes
      .map((t) => parseSizeText(t))
      .filter((s): s is Size => s !== null)
      .sort((a, b) => distance(a) - distance(b) || a.width - b.width)
      .slice(0, count);
  }
  const step = rule.multipleOf;
  const w0 = Math.max(requested.width, 1);
  const h0 = Math.max(requested.height, 1);
  // Aim at the requested aspect (clamped to the legal ratio) and pixel count (clamped to the legal range).
  const aspect = Math.min(Math.max(w0 / h0, 1 / rule.maxAspect), rule.maxAspect);
  const pixels = Math.min(Math.max(w0 * h0, rule.minPixels), rule.maxPixels);
  const centres: Size[] = [
    { width: Math.sqrt(pixels * aspect), height: Math.sqrt(pixels / aspect) },
    { width: Math.min(w0, rule.maxEdge), height: Math.min(h0, rule.maxEdge) },
  ];
  // Up to 1,250 candidates for each row with an illegal size: tested without a size object or a message
  // made for each (checkSize wrote one, grouping the pixel counts through ICU, for every illegal one), and
  // only the nearest `count` kept in order (sorting every legal one cost 16 µs a row in error).
  const nearest: Size[] = [];
  let first: { cw: number; ch: number } | null = null;
  for (const c of centres) {
    const cw = Math.round(c.width / step);
    const ch = Math.round(c.height / step);
    for (let dw = -WINDOW; dw <= WINDOW; dw++) {
      for (let dh = -WINDOW; dh <= WINDOW; dh++) {
        // The second centre's window may overlap the first's: those candidates were seen already.
        if (first !== null && Math.abs(cw + dw - first.cw) <= WINDOW && Math.abs(ch + dh - first.ch) <= WINDOW)
          continue;
        const width = (cw + dw) * step;
        const height = (ch + dh) * step;
        if (isLegalFlexibleSize(rule, width, height)) keepNearest(nearest, count, requested, width, height);
      }
    }
    first ??= { cw, ch };
  }
  if (nearest.length === 0 && count > 0) nearest.push({ width: 1024, height: 1024 });
  return nearest;
}

/** Candidates nearestValidSizes tries either side of each centre, in steps of the rule's multiple. */
const WINDOW = 12;

/**
 * Puts width x height into `nearest` (kept in order of edge distance from `requested`, then width, then
 * height: a total order, so the first `count` are those a sort of every candidate would give) if it is
 * among the first `count`.
 */
function keepNearest(nearest: Size[], count: number, requested: Size, width: number, height: number): void {
  const distance = Math.abs(width - requested.width) + Math.abs(height - requested.height);
  let at = nearest.length;
  while (at > 0) {
    const before = nearest[at - 1] as Size;
    const d = Math.abs(before.width - requested.width) + Math.abs(before.height - requested.height);
    if (
      d < distance ||
      (d === distance && (before.width < width || (before.width === width && before.height < height)))
    )
      break;
    at -= 1;
  }
  if (at >= count) return;
  nearest.splice(at, 0, { width, height });
  if (nearest.length > count) nearest.pop();
}

/** The size `auto` is planned at on a model (the dearest it may choose), or null when it has no auto size. */
export function autoSizeOf(model: ModelSpec): Size | null {
  return model.autoSize === null ? null : parseSizeText(model.autoSize);
}

/** What `size: auto` was planned as, and why. */
export function autoSizeAssumption(model: ModelSpec, planned: string): string {
  return `size auto planned as ${planned}, the dearest of the sizes auto can choose on ${model.id} (${model.autoSizes.join(', ')}): the API picks at run time, so this is the most it costs`;
}

export interface ResolvedSize {
  readonly size: Size;
  /** The text the plan stores (presets and `auto` resolved). */
  readonly key: string;
  readonly assumptions: readonly string[];
  readonly warnings: readonly string[];
}

/**
 * Turns what a user typed ("1536x1024", "16:9", "auto") into a legal size for the model, or a message
 * naming what is wrong and the nearest valid sizes.
 */
export function resolveSize(model: ModelSpec, text: string): Result<ResolvedSize> {
  const trimmed = text.trim();
  if (trimmed.toLowerCase() === 'auto') {
    const size = autoSizeOf(model);
    if (size === null || model.autoSize === null) {
      return fail(
        `${model.id} has no auto size: give WIDTHxHEIGHT or an aspect preset (${ASPECT_PRESETS.join(', ')}); e.g. ${model.sizes.kind === 'fixed' ? (model.sizes.sizes[0] ?? '1024x1024') : '1024x1024'}`,
      );
    }
    return ok({ size, key: 'auto', assumptions: [autoSizeAssumption(model, model.autoSize)], warnings: [] });
  }
  if (isAspectPreset(trimmed)) {
    const size = presetSize(model, trimmed);
    return ok({
      size,
      key: sizeKey(size),
      assumptions: [`aspect ${trimmed} mapped to ${sizeKey(size)}`],
      warnings: [],
    });
  }
  const size = parseSizeText(trimmed);
  if (!size) {
    return fail(
      `"${text}" is not a size: write WIDTHxHEIGHT (e.g. 1536x1024), an aspect preset (${ASPECT_PRESETS.join(', ')}) or auto`,
    );
  }
  const problem = checkSize(model.sizes, size);
  if (problem !== null) {
    const nearest = nearestValidSizes(model.sizes, size).map(sizeKey).join(', ');
    return fail(`${sizeKey(size)} is not a valid size for ${model.id}: ${problem}. Nearest valid: ${nearest}`);
  }
  const warnings: string[] = [];
  if (
    model.sizes.kind === 'flexible' &&
    model.sizes.experimentalAbovePixels !== null &&
    size.width * size.height > model.sizes.experimentalAbovePixels
  ) {
    warnings.push(experimentalSizeWarning(size.width, size.height));
  }
  return ok({ size, key: sizeKey(size), assumptions: [], warnings });
}

/**
 * How far a size is from a wanted one for comparing models: aspect first (log of the ratio of ratios),
 * then pixel count at half weight, so a wide request maps to a wide size of about the same area.
 */
function mappingDistance(s: Size, wanted: Size): number {
  const aspect = Math.abs(Math.log((s.width / s.height) * (wanted.height / wanted.width)));
  const area = Math.abs(Math.log((s.width * s.height) / (wanted.width * wanted.height)));
  return aspect + area / 2;
}

/** The model's legal size closest to a wanted one by mappingDistance (ties: the larger, then the wider). */
function closestLegal(rule: SizeRule, wanted: Size): Size | null {
  const candidates =
    rule.kind === 'fixed'
      ? rule.sizes.map((t) => parseSizeText(t)).filter((x): x is Size => x !== null)
      : nearestValidSizes(rule, wanted, 200);
  let best: Size | null = null;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = mappingDistance(c, wanted);
    const tie = best !== null && Math.abs(d - bestDistance) <= 1e-12;
    const larger = best !== null && c.width * c.height > best.width * best.height;
    if (d < bestDistance - 1e-12 || (tie && larger)) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}

/**
 * How a requested size maps onto a model, for comparing models: a size the model accepts stays; an
 * aspect preset takes the model's size for it; `auto` stays auto where the model has it, else becomes
 * the model's size closest to 1024x1024; any other size becomes the closest legal one (same aspect as
 * near as can be, then about the same pixels). Null when the text is not a size at all.
 */
export function nearestLegalSize(model: ModelSpec, text: string): { key: string; mapped: boolean } | null {
  const trimmed = text.trim();
  if (trimmed.toLowerCase() === 'auto') {
    if (model.autoSize !== null) return { key: 'auto', mapped: false };
    const square = closestLegal(model.sizes, { width: 1024, height: 1024 });
    return square ? { key: sizeKey(square), mapped: true } : null;
  }
  if (isAspectPreset(trimmed)) return { key: sizeKey(presetSize(model, trimmed)), mapped: false };
  const size = parseSizeText(trimmed);
  if (!size || size.width <= 0 || size.height <= 0) return null;
  if (checkSize(model.sizes, size) === null) return { key: sizeKey(size), mapped: false };
  const nearest = closestLegal(model.sizes, size);
  return nearest ? { key: sizeKey(nearest), mapped: true } : null;
}

/** The width and height scanSizeText read last (kept here so reading a size allocates nothing). */
export const scanned = { width: 0, height: 0 };

/**
 * Reads "1536x1024" (also "1536 x 1024", "1536X1024", "1536×1024", "1536*1024") into `scanned`, true on
 * success. It accepts a subset of what parseSizeText accepts, with the same numbers: a text it refuses is
 * read the slow way, never rejected here.
 *
 * One loop reading one character per step, through the parts in turn: this runs for every row of every
 * estimate, often before V8 has optimised it, and the time V8 takes to optimise it grows with each place
 * a character is read (each was compiled as its own copy of the string access).
 */
export function scanSizeText(text: string): boolean {
  let part = BEFORE_WIDTH;
  let width = 0;
  let height = 0;
  let widthDigits = 0;
  let heightDigits = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      if (part <= IN_WIDTH) {
        part = IN_WIDTH;
        width = width * 10 + (c - 48);
        widthDigits++;
      } else if (part === AFTER_SEPARATOR || part === IN_HEIGHT) {
        part = IN_HEIGHT;
        height = height * 10 + (c - 48);
        heightDigits++;
      } else return false;
    } else if (c === 32 || c === 9) {
      if (part === IN_WIDTH) part = AFTER_WIDTH;
      else if (part === IN_HEIGHT) part = AFTER_HEIGHT;
    } else if (c === 120 || c === 88 || c === 215 || c === 42) {
      // x X × *
      if (part !== IN_WIDTH && part !== AFTER_WIDTH) return false;
      part = AFTER_SEPARATOR;
    } else return false;
  }
  if (part < IN_HEIGHT || widthDigits > 6 || heightDigits > 6) return false;
  scanned.width = width;
  scanned.height = height;
  return true;
}
// scanSizeText's parts of a size text, in the order they come.
const BEFORE_WIDTH = 0;
const IN_WIDTH = 1;
const AFTER_WIDTH = 2;
const AFTER_SEPARATOR = 3;
const IN_HEIGHT = 4;
const AFTER_HEIGHT = 5;
