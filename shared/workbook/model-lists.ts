import { AUTO_ASSUMPTIONS, MODEL_SPECS, type ModelSpec } from '../estimate/models';
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
export type ReferenceRuleCode = 'patches' | 'tiles' | 'none';

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
    case 'unsupported':
      return 'none';
  }
}

function autoQualityOf(model: ModelSpec): string {
  return model.qualities.includes(AUTO_ASSUMPTIONS.quality) ? AUTO_ASSUMPTIONS.quality : model.defaultQuality;
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
    lines.push({
      key: `${m.id}/partial`,
      value: m.supportsPartialImages ? 1 : 0,
      about: '1 when streamed partial images are billed (+100 output tokens each)',
    });
    lines.push({ key: `${m.id}/auto-quality`, value: autoQualityOf(m), about: 'quality planned for auto' });
    lines.push({ key: `${m.id}/draft-quality`, value: m.draftQuality, about: 'draft quality when the row names none' });
  }
  return lines;
}

export function listsTable(lineCount: number): KeyTable {
  return { sheet: LISTS_SHEET, keyColumn: 'A', valueColumn: 'B', lastRow: Math.max(2, lineCount + 1) };
}
