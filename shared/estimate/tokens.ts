import { fail, ok, type Result } from '../result';
import { AUTO_ASSUMPTIONS, PARTIAL_IMAGE_OUTPUT_TOKENS, type ModelSpec } from './models';
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
    const planned = model.qualities.includes(AUTO_ASSUMPTIONS.quality)
      ? AUTO_ASSUMPTIONS.quality
      : model.defaultQuality;
    return ok({ quality: planned, assumption: `quality auto planned as ${planned}` });
  }
  return ok({ quality, assumption: null });
}

/**
 * gpt-image-2 output tokens (COMMUNITY formula from OpenAI's calculator), integer arithmetic throughout:
 *   L = max(w,h), S = min(w,h), saf = floor((2fS + L) / 2L), tokens = ceil(f * saf * (2,000,000 + w*h) / 4,000,000)
 */
export function gptImage2Tokens(factor: number, s: Size): number {
  const long = Math.max(s.width, s.height);
  const short = Math.min(s.width, s.height);
  const saf = Math.floor((2 * factor * short + long) / (2 * long));
  const numerator = factor * saf * (2_000_000 + s.width * s.height);
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
 * Input tokens for one reference image (COMMUNITY estimates, labelled as such in the UI).
 * gpt-image-2 family: aspect capped at 3:1, inputs under 1024 px magnified toward a 1024 px longest side
 * (at most 2x), 32 px patches, at most 1,536 patches; one token per patch.
 * Older GPT Image models: shortest side scaled down to 512 px, 512 px tiles, 65 + 129 tokens per tile.
 * Integer arithmetic only, so a spreadsheet computes the same counts.
 */
export function referenceImageTokens(model: ModelSpec, s: Size): number {
  const rule = model.referenceImages;
  let long = Math.max(s.width, s.height);
  const short = Math.min(s.width, s.height);
  if (rule.kind === 'unsupported' || short <= 0) return 0;
  if (rule.kind === 'patches-32') {
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
  // tiles-512
  let tilesLong: number;
  let tilesShort: number;
  if (short > 512) {
    tilesLong = ceilDiv(long, short);
    tilesShort = 1;
  } else {
    tilesLong = ceilDiv(long, 512);
    tilesShort = ceilDiv(short, 512);
  }
  return 65 + 129 * tilesLong * tilesShort;
}
