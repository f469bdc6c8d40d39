import { parseExact, toDecimalString } from '../money/exact';
import { createPriceBook } from '../pricing/price-book';
import { DecimalText, type PerImageTable, type PriceEntry, type Pricing } from '../pricing/price-entry';
import { columnLetter } from './a1';
import { restoreText } from './cell-text';
import { spreadsheetDecimal } from './field-codec';
import { tableKeyFromPart } from './lookup-formula';
import { PRICES_SHEET, fieldFromItem, type PriceField } from './price-lines';
import { cellAt, plainText, showCell, type RawSheet } from './raw-workbook';

/**
 * Price figures edited on the Prices sheet come home as plan price entries: a copy of the entry with the
 * new figure, under the same id, so it overrides the built-in (or earlier plan) entry for this plan.
 */

export interface PriceEdit {
  readonly cell: string;
  readonly entryId: string;
  readonly item: string;
  readonly before: string;
  readonly after: string;
}

/** The entry's price table a table figure belongs to, when its pricing has a table of that kind. */
function tableFor(pricing: Pricing, field: Extract<PriceField, { kind: 'table' }>): PerImageTable | null {
  if (field.table === 'perImageOutput' && pricing.unit === 'usd-per-1m-tokens') return pricing.perImageOutput;
  if (field.table === 'perImage' && pricing.unit === 'usd-per-image') return pricing.perImage;
  if (field.table === 'creditsPerImage' && pricing.unit === 'credits-per-image') return pricing.creditsPerImage;
  return null;
}

function currentFigure(entry: PriceEntry, field: PriceField): string | null {
  const p = entry.pricing;
  switch (field.kind) {
    case 'rate': {
      const rates = field.set === 'batch' ? entry.batch?.rates : p.unit === 'usd-per-1m-tokens' ? p.rates : null;
      return rates ? (rates[field.rate] ?? null) : null;
    }
    case 'table':
      return tableFor(p, field)?.[field.quality]?.[field.size] ?? null;
    case 'scalar':
      switch (field.name) {
        case 'batchDiscount':
          return entry.batch?.discount ?? null;
        case 'creditsPerExtraMegapixel':
          return p.unit === 'credits-per-image' ? p.creditsPerExtraMegapixel : null;
        case 'usdPerCredit':
          return p.unit === 'credits-per-image' || p.unit === 'credits-per-token-usd' || p.unit === 'per-megapixel'
            ? p.usdPerCredit
            : null;
        case 'creditsPerUsd':
          return p.unit === 'credits-per-token-usd' ? p.creditsPerUsd : null;
        case 'markup':
          return p.unit === 'credits-per-token-usd' ? p.markup : null;
        case 'percentOff':
          return p.unit === 'discount' ? p.percentOff : null;
        case 'firstMegapixel':
          return p.unit === 'per-megapixel' ? p.firstMegapixel : null;
        case 'extraMegapixel':
          return p.unit === 'per-megapixel' ? p.extraMegapixel : null;
        case 'inputMegapixel':
          return p.unit === 'per-megapixel' ? p.inputMegapixel : null;
      }
  }
}

function withFigure(entry: PriceEntry, field: PriceField, text: string): PriceEntry {
  const e: PriceEntry = structuredClone(entry);
  const p = e.pricing;
  switch (field.kind) {
    case 'rate':
      if (field.set === 'batch' && e.batch?.rates) (e.batch.rates as Record<string, string | null>)[field.rate] = text;
      else if (p.unit === 'usd-per-1m-tokens') (p.rates as Record<string, string | null>)[field.rate] = text;
      break;
    case 'table': {
      const row = tableFor(p, field)?.[field.quality];
      if (row) row[field.size] = text;
      break;
    }
    case 'scalar':
      if (field.name === 'batchDiscount' && e.batch) e.batch.discount = text;
      else if (field.name === 'creditsPerExtraMegapixel' && p.unit === 'credits-per-image')
        p.creditsPerExtraMegapixel = text;
      else if (field.name === 'usdPerCredit' && (p.unit === 'credits-per-image' || p.unit === 'credits-per-token-usd'))
        p.usdPerCredit = text;
      else if (field.name === 'usdPerCredit' && p.unit === 'per-megapixel' && p.usdPerCredit !== null)
        p.usdPerCredit = text;
      else if (field.name === 'firstMegapixel' && p.unit === 'per-megapixel') p.firstMegapixel = text;
      else if (field.name === 'extraMegapixel' && p.unit === 'per-megapixel') p.extraMegapixel = text;
      else if (field.name === 'inputMegapixel' && p.unit === 'per-megapixel' && p.inputMegapixel !== null)
        p.inputMegapixel = text;
      else if (field.name === 'creditsPerUsd' && p.unit === 'credits-per-token-usd') p.creditsPerUsd = text;
      else if (field.name === 'markup' && p.unit === 'credits-per-token-usd') p.markup = text;
      else if (field.name === 'percentOff' && p.unit === 'discount') p.percentOff = text;
      break;
  }
  return e;
}

const PRICE_KEY = /^P\d+\/([a-z-]+)(?:\/([^/]+)\/([^/]+))?$/;
const PROFILE_KEY = /^R\d+\//;
const VALUE_COLUMN = 9;
const ENTRY_COLUMN = 2;

/** Edited price figures → plan price entries that override the built-in (or plan) entry of that id. */
export function readPriceEdits(
  sheet: RawSheet | undefined,
  planEntries: readonly PriceEntry[],
  errors: string[],
  warnings: string[],
): { entries: PriceEntry[]; edits: PriceEdit[] } {
  const entries = [...planEntries];
  const edits: PriceEdit[] = [];
  if (!sheet) {
    warnings.push(`the workbook has no ${PRICES_SHEET} sheet: prices were taken from the plan as exported`);
    return { entries, edits };
  }
  const book = createPriceBook(planEntries);
  for (let r = 2; r <= sheet.rows.length; r++) {
    const key = plainText(cellAt(sheet, r, 1)).trim();
    const m = PRICE_KEY.exec(key);
    if (!m) {
      const computed = cellAt(sheet, r, VALUE_COLUMN);
      if (PROFILE_KEY.test(key) && computed !== null && (typeof computed !== 'object' || computed instanceof Date)) {
        warnings.push(
          `${sheet.name}!${columnLetter(VALUE_COLUMN)}${r} was a formula (how rows apply the prices above) and now holds a typed value, which import ignores: edit the price figures instead`,
        );
      }
      continue;
    }
    const [, item = '', q, s] = m;
    const field = fieldFromItem(
      item,
      q === undefined ? '' : tableKeyFromPart(q),
      s === undefined ? '' : tableKeyFromPart(s),
    );
    const entryId = restoreText(plainText(cellAt(sheet, r, ENTRY_COLUMN))).trim();
    const current = entries.find((e) => e.id === entryId) ?? book.byId.get(entryId);
    if (!field || !current) continue;
    const before = currentFigure(current, field);
    if (before === null) continue;
    const where = `${sheet.name}!${columnLetter(VALUE_COLUMN)}${r}`;
    const raw = cellAt(sheet, r, VALUE_COLUMN);
    const value =
      raw !== null && typeof raw === 'object' && !(raw instanceof Date) && 'formula' in raw
        ? (raw.result ?? null)
        : raw;
    let text: string | null = null;
    if (typeof value === 'number' && value >= 0) text = spreadsheetDecimal(value);
    else if (typeof value === 'string') {
      const typed = parseExact(value.trim());
      if (typed !== null) text = toDecimalString(typed);
    }
    if (text === null || !DecimalText.safeParse(text).success) {
      errors.push(`${where}: expected a non-negative price figure with at most 12 decimals, found '${showCell(raw)}'`);
      continue;
    }
    if (Number(text) === Number(before)) continue;
    const edited = withFigure(current, field, text);
    const note = `Edited in Excel: ${item}${q ? ` ${tableKeyFromPart(q)}` : ''}${s ? ` ${tableKeyFromPart(s)}` : ''} ${before} -> ${text}.`;
    const updated: PriceEntry = {
      ...edited,
      sourceClass: 'user',
      notes: edited.notes.includes(note) ? edited.notes : `${note} ${edited.notes}`.trim(),
    };
    const i = entries.findIndex((e) => e.id === entryId);
    if (i >= 0) entries[i] = updated;
    else entries.push(updated);
    edits.push({ cell: where, entryId, item: key, before, after: text });
  }
  return { entries, edits };
}
