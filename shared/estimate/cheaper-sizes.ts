import { type Exact, compare, sub } from '../money/exact';
import type { RowInputs } from '../plan/plan-schema';
import { type EstimateContext, estimateRow } from './estimate-row';
import { findModel, type SizeRule } from './models';
import { checkSize, parseSizeText, resolveSize, sizeKey, type Size } from './sizes';

/** A legal size that costs less per image than the one asked for, at the same quality. */
export interface CheaperSize {
  readonly size: Size;
  readonly key: string;
  readonly pixels: number;
  /** Null where the model's output tokens are unknown (priced per image). */
  readonly outputTokens: number | null;
  /** Exact USD per image, from the engine. */
  readonly costPerImage: Exact;
  /** Exact USD saved per image compared with the requested size. */
  readonly savingPerImage: Exact;
  /**
   * Why a size with at least as many pixels costs less, in one line, so it reads as a finding and not a
   * bug: "fewer output tokens at this aspect ratio (5,824 vs 6,119)".
   */
  readonly reason: string;
}

/** The one-line reason a cheaper size is cheaper, from its output tokens against the requested size's. */
export function cheaperSizeReason(tokens: number | null, requestedTokens: number | null): string {
  if (tokens !== null && requestedTokens !== null && tokens < requestedTokens)
    return `fewer output tokens at this aspect ratio (${tokens.toLocaleString('en-US')} vs ${requestedTokens.toLocaleString('en-US')})`;
  if (tokens === null) return 'a lower per-image price at this size';
  return 'less input billed at this size';
}

export interface CheaperSizeOptions {
  /** At most this many hints (default 5). */
  readonly limit?: number;
  /** How far the aspect ratio may stray, as a fraction (default 0.05 = ±5%). */
  readonly aspectTolerance?: number;
  /** Flexible sizes: search up to this many times the requested pixel count (default 2), to stay nearby. */
  readonly maxPixelFactor?: number;
}

/**
 * Cheaper-nearby-size hints for a row: legal sizes of the same aspect (within ±5%) with at least as many
 * pixels as the requested size that cost less per image at the same quality, cheapest first, a handful
 * at most. Every cost comes from `estimateRow` with only the size changed, so the hints use exactly the
 * engine's prices (including the row's surface, inputs and price entry).
 *
 * Why such sizes exist: gpt-image-2 counts output tokens from the short:long ratio rounded to whole quality
 * steps, so a size a few percent less square can need fewer tokens for more pixels.
 *
 * Pure. An invalid row (bad size, unknown model, no price) has no hints: it returns [].
 */
export function cheaperNearbySizes(
  inputs: RowInputs,
  ctx: EstimateContext,
  options: CheaperSizeOptions = {},
): CheaperSize[] {
  const limit = options.limit ?? 5;
  const tolerance = Math.min(Math.max(options.aspectTolerance ?? 0.05, 0), 0.5);
  const maxPixelFactor = options.maxPixelFactor ?? 2;
  const model = findModel(inputs.model);
  if (!model || limit <= 0) return [];
  const requested = resolveSize(model, inputs.size);
  if (!requested.ok) return [];
  const base = estimateRow({ ...inputs, size: sizeKey(requested.value.size) }, ctx);
  if (!base.ok) return [];

  const target = requested.value.size;
  const targetPixels = target.width * target.height;
  const candidates = candidateSizes(model.sizes, target, tolerance, maxPixelFactor).filter(
    (s) => s.width * s.height >= targetPixels && !(s.width === target.width && s.height === target.height),
  );

  const found: CheaperSize[] = [];
  for (const size of candidates) {
    const key = sizeKey(size);
    const estimate = estimateRow({ ...inputs, size: key }, ctx);
    if (!estimate.ok || compare(estimate.costPerFinalImage, base.costPerFinalImage) >= 0) continue;
    found.push({
      size,
      key,
      pixels: size.width * size.height,
      outputTokens: estimate.outputTokensPerFinal,
      costPerImage: estimate.costPerFinalImage,
      savingPerImage: sub(base.costPerFinalImage, estimate.costPerFinalImage),
      reason: cheaperSizeReason(estimate.outputTokensPerFinal, base.outputTokensPerFinal),
    });
  }
  const aspect = target.width / target.height;
  const aspectDistance = (s: Size) => Math.abs(Math.log(s.width / s.height / aspect));
  found.sort(
    (a, b) =>
      compare(a.costPerImage, b.costPerImage) ||
      b.pixels - a.pixels ||
      aspectDistance(a.size) - aspectDistance(b.size) ||
      a.size.width - b.size.width,
  );
  return found.slice(0, limit);
}

function withinAspect(s: Size, aspect: number, tolerance: number): boolean {
  return Math.abs(s.width / s.height / aspect - 1) <= tolerance;
}

/** Legal sizes whose aspect is within the tolerance of the target's (flexible rules: bounded search). */
function candidateSizes(rule: SizeRule, target: Size, tolerance: number, maxPixelFactor: number): Size[] {
  const aspect = target.width / target.height;
  if (rule.kind === 'fixed') {
    return rule.sizes
      .map((t) => parseSizeText(t))
      .filter((s): s is Size => s !== null && checkSize(rule, s) === null && withinAspect(s, aspect, tolerance));
  }
  const step = rule.multipleOf;
  const minPixels = target.width * target.height;
  const maxPixels = Math.min(rule.maxPixels, minPixels * maxPixelFactor);
  const out: Size[] = [];
  // width = sqrt(pixels x aspect): walk the widths that can reach the pixel range at an aspect in range.
  const minWidth = Math.floor(Math.sqrt(minPixels * aspect * (1 - tolerance)) / step) * step;
  const maxWidth = Math.min(rule.maxEdge, Math.ceil(Math.sqrt(maxPixels * aspect * (1 + tolerance)) / step) * step);
  for (let width = Math.max(step, minWidth); width <= maxWidth; width += step) {
    // Heights giving an aspect within tolerance: width / (aspect (1 ± t)).
    const lowHeight = Math.ceil(width / (aspect * (1 + tolerance)) / step) * step;
    const highHeight = Math.floor(width / (aspect * (1 - tolerance)) / step) * step;
    for (let height = Math.max(step, lowHeight); height <= highHeight; height += step) {
      const s = { width, height };
      const pixels = width * height;
      if (pixels < minPixels || pixels > maxPixels) continue;
      if (withinAspect(s, aspect, tolerance) && checkSize(rule, s) === null) out.push(s);
    }
  }
  return out;
}
