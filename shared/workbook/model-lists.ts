import { MODEL_SPECS, type ModelSpec } from '../estimate/models';
import { ASPECT_PRESETS, parseSizeText, presetSize } from '../estimate/sizes';
import type { KeyTable } from './lookup-formula';

/**
 * The hidden Lists sheet: what each model is (token rule, quality factors, published token tables,
 * reference-image rule, partial-image support, what auto quality means). Plan formulas look these up by
 * the row's model, so a changed model or quality in Excel still counts tokens right.
 */

export const LISTS_SHEET = 'Lists';

export interface ListLine {
  readonly key: string;
  readonly value: string | number;
  readonly about: string;
}

export type TokenRuleCode = 'formula' | 'table' | 'unknown';
export type ReferenceRuleCode = 'patches' | 'tiles' | 'fixed' | 'mp' | 'free' | 'none';

function tokenRuleCode(model: ModelSpec): TokenRuleCode {
  switch (model.outputTokens.kind) {
    case 'gpt-image-2-formula':
      return 'formula';
    case 'table':
      return 'table';
    case 'unknown':
      return 'unknown';
  }
}

function referenceRuleCode(model: ModelSpec): ReferenceRuleCode {
  switch (model.referenceImages.kind) {
    case 'patches-32':
      return 'patches';
    case 'tiles-512':
      return 'tiles';
    case 'fixed-tokens':
      return 'fixed';
    case 'megapixels':
      return 'mp';
    case 'free':
      return 'free';
    case 'unsupported':
      return 'none';
  }
}

export function buildListLines(models: readonly ModelSpec[] = MODEL_SPECS): ListLine[] {
  const lines: ListLine[] = [];
  for (const m of models) {
    lines.push({ key: `${m.id}/rule`, value: tokenRuleCode(m), about: 'output token rule' });
    const rule = m.outputTokens;
    if (rule.kind === 'gpt-image-2-formula') {
      for (const [q, f] of Object.entries(rule.qualityFactor))
        lines.push({ key: `${m.id}/factor/${q}`, value: f, about: `token factor f at ${q} quality` });
    } else if (rule.kind === 'table') {
      for (const [q, sizes] of Object.entries(rule.tokens)) {
        for (const [s, t] of Object.entries(sizes))
          lines.push({ key: `${m.id}/tokens/${q}/${s}`, value: t, about: `published output tokens at ${q} ${s}` });
      }
    }
    lines.push({ key: `${m.id}/ref-rule`, value: referenceRuleCode(m), about: 'reference image token rule' });
    const ref = m.referenceImages;
    lines.push({
      key: `${m.id}/ref-tokens`,
      value: ref.kind === 'fixed-tokens' ? ref.tokens : 0,
      about: 'input tokens per reference image (fixed rule)',
    });
    const fidelity = m.inputFidelity;
    lines.push({
      key: `${m.id}/fidelity-square`,
      value: fidelity.kind === 'extra-tokens' ? fidelity.square : 0,
      about: 'tokens input_fidelity high adds to a square reference image',
    });
    lines.push({
      key: `${m.id}/fidelity-other`,
      value: fidelity.kind === 'extra-tokens' ? fidelity.other : 0,
      about: 'tokens input_fidelity high adds to a portrait or landscape reference image',
    });
    lines.push({
      key: `${m.id}/partial`,
      value: m.supportsPartialImages ? 1 : 0,
      about: '1 when streamed partial images are billed (+100 output tokens each)',
    });
    lines.push({
      key: `${m.id}/auto-quality`,
      value: m.autoQuality ?? m.defaultQuality,
      about: 'quality planned for auto (the dearest)',
    });
    const auto = m.autoSize === null ? null : parseSizeText(m.autoSize);
    lines.push({
      key: `${m.id}/auto-width`,
      value: auto?.width ?? 0,
      about: 'width planned for size auto (the dearest)',
    });
    lines.push({ key: `${m.id}/auto-height`, value: auto?.height ?? 0, about: 'height planned for size auto' });
    for (const preset of ASPECT_PRESETS) {
      const size = presetSize(m, preset);
      lines.push({ key: `${m.id}/${preset}-width`, value: size.width, about: `width aspect ${preset} maps to` });
      lines.push({ key: `${m.id}/${preset}-height`, value: size.height, about: `height aspect ${preset} maps to` });
    }
    lines.push({ key: `${m.id}/draft-quality`, value: m.draftQuality, about: 'draft quality when the row names none' });
  }
  return lines;
}

export function listsTable(lineCount: number): KeyTable {
  return { sheet: LISTS_SHEET, keyColumn: 'A', valueColumn: 'B', lastRow: Math.max(2, lineCount + 1) };
}
