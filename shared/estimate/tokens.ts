import { fail, ok, type Result } from '../result';
import { PARTIAL_IMAGE_OUTPUT_TOKENS, type ModelSpec } from './models';
import { sizeKey, type Size } from './sizes';

export interface OutputTokens {
  /** Tokens per image, or null when the model's tokens are unknown (priced per image instead). */
  readonly tokens: number | null;
  readonly quality: string;
  readonly estimate: boolean;
  readonly basis: string;
  readonly assumptions: readonly string[];
}

/** The quality actually planned for (auto resolved), and the assumption if one was made. */
export function resolveQuality(
  model: ModelSpec,
  quality: string,
): Result<{ quality: string; assumption: string | null }> {
  if (!model.qualities.includes(quality)) {
    return fail(`quality "${quality}" is not offered by ${model.id}: use one of ${model.qualities.join(', ')}`);
  }
  if (quality === 'auto') {
    // The engine's rule: plan auto at the dearest choice the model has, so the estimate never understates.
    const planned = model.autoQuality ?? model.defaultQuality;
    return ok({ quality: planned, assumption: autoQualityAssumption(model, planned) });
  }
  return ok({ quality, assumption: null });
}

/** What `quality: auto` was planned as, and why: the dearest quality, so the estimate is an upper bound. */
export function autoQualityAssumption(model: ModelSpec, planned: string): string {
  const choices = model.qualities.filter((q) => q !== 'auto');
  return `quality auto planned as ${planned}, the dearest of ${model.id}'s qualities (${choices.join(', ')}): auto may pick a cheaper one at run time, so this is the most it costs`;
}

/**
 * gpt-image-2 output tokens (COMMUNITY formula from OpenAI's calculator), integer arithmetic throughout:
 *   L = max(w,h), S = min(w,h), saf = floor((2fS + L) / 2L), tokens = ceil(f * saf * (2,000,000 + w*h) / 4,000,000)
 */
export function gptImage2Tokens(factor: number, s: Size): number {
  return gptImage2TokensOf(factor, s.width, s.height);
}

/** gptImage2Tokens for a width and height (no Size object: the engine calls it for every row). */
export function gptImage2TokensOf(factor: number, width: number, height: number): number {
  const long = Math.max(width, height);
  const short = Math.min(width, height);
  const saf = Math.floor((2 * factor * short + long) / (2 * long));
  const numerator = factor * saf * (2_000_000 + width * height);
  return Math.ceil(numerator / 4_000_000);
}

/** Output tokens for one image (partial images included), for a legal size and a resolved quality. */
export function outputTokensPerImage(
  model: ModelSpec,
  size: Size,
  quality: string,
  partialImages: number,
): Result<OutputTokens> {
  const resolved = resolveQuality(model, quality);
  if (!resolved.ok) return resolved;
  const q = resolved.value.quality;
  const assumptions = resolved.value.assumption ? [resolved.value.assumption] : [];
  const partial = model.supportsPartialImages ? partialImages * PARTIAL_IMAGE_OUTPUT_TOKENS : 0;
  const rule = model.outputTokens;
  switch (rule.kind) {
    case 'gpt-image-2-formula': {
      const f = rule.qualityFactor[q];
      if (f === undefined) return fail(`no token factor for quality ${q} on ${model.id}`);
      return ok({
        tokens: gptImage2Tokens(f, size) + partial,
        quality: q,
        estimate: rule.estimate,
        basis: rule.basis,
        assumptions,
      });
    }
    case 'table': {
      const t = rule.tokens[q]?.[sizeKey(size)];
      if (t === undefined) return fail(`no published token count for ${model.id} at ${sizeKey(size)} ${q}`);
      return ok({ tokens: t + partial, quality: q, estimate: false, basis: rule.basis, assumptions });
    }
    case 'unknown':
      return ok({ tokens: null, quality: q, estimate: false, basis: rule.basis, assumptions });
  }
}

/** Documented rule of thumb for English prompts: about 4 characters per token, rounded up. */
export const CHARS_PER_TOKEN = 4;

export function estimatePromptTokens(chars: number): number {
  return Math.ceil(chars / CHARS_PER_TOKEN);
}

function ceilDiv(a: number, b: number): number {
  return Math.floor((a + b - 1) / b);
}

/**
 * Input tokens for one reference image, by the model's rule (labelled in the estimate's assumptions).
 * gpt-image-2 family (COMMUNITY): aspect capped at 3:1, inputs under 1024 px magnified toward a 1024 px
 * longest side (at most 2x), 32 px patches, at most 1,536 patches; one token per patch.
 * Older GPT Image models (OFFICIAL): fit within 2048x2048, shortest side scaled down to 512 px, 512 px
 * tiles, 65 + 129 tokens per tile. Gemini: a fixed count per image. Megapixel-priced models are counted
 * by their price entry (see referenceMegapixels); free and unsupported inputs count nothing.
 * Integer arithmetic only, so a spreadsheet computes the same counts.
 */
export function referenceImageTokens(model: ModelSpec, s: Size): number {
  return referenceImageTokensOf(model, s.width, s.height);
}

/** referenceImageTokens for a width and height (no Size object: counted for every row with references). */
export function referenceImageTokensOf(model: ModelSpec, width: number, height: number): number {
  const rule = model.referenceImages;
  let long = Math.max(width, height);
  const short = Math.min(width, height);
  if (short <= 0) return 0;
  switch (rule.kind) {
    case 'unsupported':
    case 'free':
    case 'megapixels':
      return 0;
    case 'fixed-tokens':
      return rule.tokens;
    case 'patches-32': {
      long = Math.min(long, 3 * short);
      let patchesLong: number;
      let patchesShort: number;
      if (long >= 1024) {
        patchesLong = ceilDiv(long, 32);
        patchesShort = ceilDiv(short, 32);
      } else if (long >= 512) {
        // magnify to a 1024 px longest side: edge * 1024 / long, in 32 px patches
        patchesLong = 32;
        patchesShort = ceilDiv(short * 32, long);
      } else {
        patchesLong = ceilDiv(2 * long, 32);
        patchesShort = ceilDiv(2 * short, 32);
      }
      return Math.min(1536, patchesLong * patchesShort);
    }
    case 'tiles-512':
      return 65 + 129 * legacyTiles(long, short);
  }
}

/**
 * 512 px tiles of an input image on the older GPT Image models. Fit within 2048x2048 first: a longest
 * side over 2048 scales to 2048, the shortest to short x 2048 / long. Then, if the shortest side is over
 * 512, scale it down to 512: the longest becomes long x 512 / short (the same ratio either way), so the
 * tiles are ceil(long / short) x 1. Otherwise count tiles as they are: with the fit, 4 x ceil(4 short / long).
 */
function legacyTiles(long: number, short: number): number {
  if (long > 2048) {
    // After the fit the shortest side is short x 2048 / long: over 512 exactly when 4 x short > long.
    if (4 * short > long) return ceilDiv(long, short);
    return 4 * ceilDiv(4 * short, long);
  }
  if (short > 512) return ceilDiv(long, short);
  return ceilDiv(long, 512) * ceilDiv(short, 512);
}

/** True when an input image counts as square for input_fidelity (long side under 1.25 x short side). */
export function isSquareForFidelity(s: Size): boolean {
  return isSquareForFidelityOf(s.width, s.height);
}

function isSquareForFidelityOf(width: number, height: number): boolean {
  return 4 * Math.max(width, height) < 5 * Math.min(width, height);
}

/** Extra input tokens `input_fidelity: high` adds to one input image on the model (0 when it adds none). */
export function inputFidelityTokens(model: ModelSpec, s: Size, fidelity: 'low' | 'high'): number {
  return inputFidelityTokensOf(model, s.width, s.height, fidelity);
}

/** inputFidelityTokens for a width and height. */
export function inputFidelityTokensOf(
  model: ModelSpec,
  width: number,
  height: number,
  fidelity: 'low' | 'high',
): number {
  const rule = model.inputFidelity;
  if (fidelity !== 'high' || rule.kind !== 'extra-tokens' || Math.min(width, height) <= 0) return 0;
  return isSquareForFidelityOf(width, height) ? rule.square : rule.other;
}

/**
 * An input image in a per-megapixel price's counted units: whole megapixels (rounded up) when the unit
 * rounds up, pixels when it is exact (the price's input rate is per 1M of these units).
 */
export function referenceMegapixelUnits(s: Size, unit: { pixels: number; rounding: 'ceil' | 'exact' }): number {
  return referenceMegapixelUnitsOf(s.width, s.height, unit);
}

/** referenceMegapixelUnits for a width and height. */
export function referenceMegapixelUnitsOf(
  width: number,
  height: number,
  unit: { pixels: number; rounding: 'ceil' | 'exact' },
): number {
  const pixels = width * height;
  if (pixels <= 0) return 0;
  return unit.rounding === 'ceil' ? Math.ceil(pixels / unit.pixels) : pixels;
}
