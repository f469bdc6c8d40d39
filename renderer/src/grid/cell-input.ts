import { MODEL_SPECS, findModel } from '../../../shared/estimate/models';
import { parseSizeText, resolveSize } from '../../../shared/estimate/sizes';
import { ITERATION_PRESETS } from '../../../shared/plan/iteration-presets';
import { PlanRow } from '../../../shared/plan/plan-schema';
import { BILLING_SURFACES } from '../../../shared/pricing/price-entry';
import { fail, ok, type Result } from '../../../shared/result';
import type { CellValue, EditableField } from '../state/commands';
import {
  evaluateNumberExpression,
  type Fraction,
  fractionPreview,
  fractionToDecimalText,
} from '../../../shared/plan/number-expression';

interface IntegerRule {
  readonly min: number;
  readonly max: number;
  readonly nullable: boolean;
}

const INTEGER_FIELDS: Partial<Record<EditableField, IntegerRule>> = {
  finals: { min: 0, max: 10_000_000, nullable: false },
  nPerRequest: { min: 1, max: 10, nullable: false },
  promptTokens: { min: 0, max: 1_000_000, nullable: true },
  promptChars: { min: 0, max: 32_000, nullable: true },
  referenceImages: { min: 0, max: 16, nullable: false },
  cachedSharePct: { min: 0, max: 100, nullable: false },
  partialImages: { min: 0, max: 3, nullable: false },
};

const TEXT_LIMITS: Partial<Record<EditableField, number>> = { name: 200, team: 100, assetType: 100, notes: 32_767 };

function asText(raw: unknown): string {
  if (raw === null || raw === undefined) return '';
  return typeof raw === 'string' ? raw : String(raw);
}

function integerValue(text: string, rule: IntegerRule): Result<CellValue> {
  const cleaned = text.trim().replace(/%$/, '');
  if (cleaned === '') return rule.nullable ? ok(null) : fail('a number is needed here');
  const value = evaluateNumberExpression(cleaned);
  if (!value.ok) return fail(`"${text.trim()}" is not a number: ${value.error}`);
  const f = value.value;
  if (f.num % f.den !== 0n) return fail(`${fractionPreview(f)} is not a whole number`);
  const n = Number(f.num / f.den);
  if (n < rule.min || n > rule.max)
    return fail(`${n} is out of range: use ${rule.min} to ${rule.max.toLocaleString('en-US')}`);
  return ok(n);
}

function decimalText(f: Fraction, maxDecimals: number, what: string): Result<string> {
  if (f.num < 0n) return fail(`${what} cannot be negative`);
  const text = fractionToDecimalText(f, maxDecimals);
  if (text === null)
    return fail(`${fractionPreview(f)} has too many decimals for ${what}: round it to at most ${maxDecimals}`);
  return ok(text);
}

function factorValue(text: string, what: string, presets: boolean): Result<CellValue> {
  const t = text.trim().toLowerCase();
  if (presets) {
    const preset = ITERATION_PRESETS.find((p) => p.id === t || p.label.toLowerCase() === t || t.startsWith(`${p.id} `));
    if (preset) return ok(preset.factor);
  }
  const value = evaluateNumberExpression(t.replace(/^custom\s*/, ''));
  if (!value.ok)
    return fail(
      `"${text.trim()}" is not a number${presets ? ' or a preset (strict, exploring, scratch)' : ''}: ${value.error}`,
    );
  const out = decimalText(value.value, 4, what);
  if (!out.ok) return out;
  if (Number(out.value) >= 10_000) return fail(`${out.value} is too large for ${what}`);
  return out;
}

function moneyValue(text: string): Result<CellValue> {
  const t = text
    .trim()
    .replace(/^\$|^USD\s*/i, '')
    .replace(/\s*(USD|\$)$/i, '');
  if (t === '') return ok(null);
  const value = evaluateNumberExpression(t);
  if (!value.ok) return fail(`"${text.trim()}" is not an amount: ${value.error}`);
  const out = decimalText(value.value, 6, 'a budget in USD');
  if (!out.ok) return out;
  return out.value.replace('.', '').length > 24 ? fail('the amount is too large') : out;
}

function dateValue(text: string): Result<CellValue> {
  const t = text.trim();
  if (t === '') return ok(null);
  const parsed = PlanRow.shape.startDate.safeParse(t);
  if (!parsed.success) return fail(`"${t}" is not a date: write YYYY-MM-DD, e.g. 2027-01-31`);
  return ok(parsed.data);
}

function choice(text: string, options: readonly string[], what: string): Result<string> {
  const t = text.trim().toLowerCase();
  const found = options.find((o) => o.toLowerCase() === t);
  return found ? ok(found) : fail(`"${text.trim()}" is not a ${what}: use one of ${options.join(', ')}`);
}

/**
 * Reads what a user typed or pasted into a cell as the value the plan stores, the same way for the cell
 * editors and for pasted blocks. Fields that depend on the row (quality, size) check against its model.
 */
export function parseCellInput(field: EditableField, raw: unknown, row: PlanRow): Result<CellValue> {
  const text = asText(raw);
  const integerRule = INTEGER_FIELDS[field];
  if (integerRule) return integerValue(text, integerRule);
  const textLimit = TEXT_LIMITS[field];
  if (textLimit !== undefined) {
    return text.length > textLimit
      ? fail(`the text is ${text.length} characters long; at most ${textLimit} fit`)
      : ok(text);
  }
  const model = findModel(row.model);
  switch (field) {
    case 'model': {
      const t = text.trim().toLowerCase();
      const spec = MODEL_SPECS.find((m) => m.id.toLowerCase() === t || m.label.toLowerCase() === t);
      return spec ? ok(spec.id) : fail(`"${text.trim()}" is not a known model: pick one from the list`);
    }
    case 'surface':
      return choice(text, BILLING_SURFACES, 'billing surface');
    case 'quality':
      return model ? choice(text, model.qualities, `quality for ${model.id}`) : ok(text.trim());
    case 'draftQuality':
      if (text.trim() === '') return ok(null);
      return model ? choice(text, model.qualities, `quality for ${model.id}`) : ok(text.trim());
    case 'size': {
      if (!model) return text.trim() === '' ? fail('a size is needed') : ok(text.trim());
      const resolved = resolveSize(model, text);
      return resolved.ok ? ok(resolved.value.key) : fail(resolved.error);
    }
    case 'referenceSize': {
      const s = parseSizeText(text);
      return s && s.width > 0 && s.height > 0
        ? ok(`${s.width}x${s.height}`)
        : fail(`"${text.trim()}" is not a size: write WIDTHxHEIGHT, e.g. 1024x1024`);
    }
    case 'iterationFactor': {
      const out = factorValue(text, 'generations per final', true);
      if (out.ok && Number(out.value) < 1)
        return fail('the iteration factor must be at least 1 (one generation per approved final)');
      return out;
    }
    case 'draftsPerFinal':
      return factorValue(text, 'drafts per final', false);
    case 'budgetCapUsd':
      return moneyValue(text);
    case 'startDate':
    case 'endDate':
      return dateValue(text);
    case 'priceEntryId':
      return ok(text.trim() === '' ? null : text.trim());
    default:
      return fail(`${field} cannot be edited here`);
  }
}
