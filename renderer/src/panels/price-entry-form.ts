import { describeZodError } from '../../../shared/plan/plan-document';
import { type BillingSurface, type PerImageTable, PriceEntry } from '../../../shared/pricing/price-entry';
import { fail, ok, type Result } from '../../../shared/result';

export type PlanEntryKind = 'reseller' | 'credits' | 'discount';

/** What the price-book form collects for one of the plan's own entries. */
export interface PriceEntryForm {
  readonly kind: PlanEntryKind;
  readonly id: string;
  readonly provider: string;
  readonly model: string;
  readonly effectiveFrom: string;
  readonly source: string;
  readonly notes: string;
  /** Reseller: lines "quality size price", "*" for any ("* * 0.04" = one price for everything). */
  readonly perImageTable: string;
  /** Credits: credits per USD of token cost, markup, USD per credit. */
  readonly creditsPerUsd: string;
  readonly markup: string;
  readonly usdPerCredit: string;
  /** Discount: the entry it applies to and percent off. */
  readonly baseEntryId: string;
  readonly percentOff: string;
  readonly baseSurfaces: readonly BillingSurface[];
}

/** Reads "quality size price" lines into a per-image table, naming the first line that does not fit. */
export function parsePerImageTable(text: string): Result<PerImageTable> {
  const table: Record<string, Record<string, string>> = {};
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '');
  if (lines.length === 0)
    return fail('the per-image table is empty: write lines like "high 1024x1024 0.20" or "* * 0.04"');
  for (const [i, line] of lines.entries()) {
    const parts = line.split(/[\s;]+/);
    if (parts.length !== 3)
      return fail(`line ${i + 1} ("${line}"): write quality, size and price, e.g. "high 1024x1024 0.20"`);
    const [quality = '', size = '', price = ''] = parts;
    const normalized = price.replace(/^\$/, '').replace(',', '.');
    if (!/^\d{1,12}(\.\d{1,12})?$/.test(normalized)) return fail(`line ${i + 1}: "${price}" is not a price in USD`);
    (table[quality] ??= {})[size] = normalized;
  }
  return ok(table);
}

export function tableToText(table: PerImageTable): string {
  return Object.entries(table)
    .flatMap(([quality, sizes]) => Object.entries(sizes).map(([size, price]) => `${quality} ${size} ${price}`))
    .join('\n');
}

/** Builds and validates a plan price entry from the form. */
export function entryFromForm(form: PriceEntryForm): Result<PriceEntry> {
  let pricing: PriceEntry['pricing'];
  let surfaces: PriceEntry['surfaces'];
  switch (form.kind) {
    case 'reseller': {
      const table = parsePerImageTable(form.perImageTable);
      if (!table.ok) return table;
      pricing = { unit: 'usd-per-image', perImage: table.value };
      surfaces = ['reseller'];
      break;
    }
    case 'credits':
      pricing = {
        unit: 'credits-per-token-usd',
        creditsPerUsd: form.creditsPerUsd.trim(),
        markup: form.markup.trim(),
        usdPerCredit: form.usdPerCredit.trim(),
      };
      surfaces = ['credits'];
      break;
    case 'discount':
      pricing = {
        unit: 'discount',
        baseEntryId: form.baseEntryId,
        percentOff: form.percentOff.trim().replace(/%$/, ''),
      };
      surfaces = form.baseSurfaces.length > 0 ? [...form.baseSurfaces] : ['api'];
      break;
  }
  const candidate = {
    id: form.id.trim(),
    provider: form.provider.trim() || 'plan',
    model: form.model,
    snapshot: null,
    surfaces,
    pricing,
    batch: null,
    effectiveFrom: form.effectiveFrom.trim(),
    effectiveUntil: null,
    shutdownDate: null,
    sourceClass: 'user' as const,
    sources: form.source.trim() === '' ? [] : [form.source.trim()],
    notes: form.notes,
  };
  const parsed = PriceEntry.safeParse(candidate);
  return parsed.success ? ok(parsed.data) : fail(describeZodError(parsed.error));
}

export function formFromEntry(entry: PriceEntry): PriceEntryForm {
  const p = entry.pricing;
  return {
    kind: p.unit === 'usd-per-image' ? 'reseller' : p.unit === 'discount' ? 'discount' : 'credits',
    id: entry.id,
    provider: entry.provider,
    model: entry.model,
    effectiveFrom: entry.effectiveFrom,
    source: entry.sources[0] ?? '',
    notes: entry.notes,
    perImageTable: p.unit === 'usd-per-image' ? tableToText(p.perImage) : '* * 0.04',
    creditsPerUsd: p.unit === 'credits-per-token-usd' ? p.creditsPerUsd : '100',
    markup: p.unit === 'credits-per-token-usd' ? p.markup : '1',
    usdPerCredit: p.unit === 'credits-per-token-usd' ? p.usdPerCredit : '0.01',
    baseEntryId: p.unit === 'discount' ? p.baseEntryId : '',
    percentOff: p.unit === 'discount' ? p.percentOff : '10',
    baseSurfaces: entry.surfaces,
  };
}

/**
 * The form for a new plan entry of a kind, filled with a starting point: a reseller's flat per-image
 * price, a credits product's rate, or 10% off the token entry in force.
 */
export function newEntryForm(
  kind: PlanEntryKind,
  planEntryCount: number,
  asOf: string,
  inForce: readonly PriceEntry[],
): PriceEntryForm {
  const base = inForce.find((e) => e.pricing.unit === 'usd-per-1m-tokens');
  const pricing: PriceEntry['pricing'] =
    kind === 'reseller'
      ? { unit: 'usd-per-image', perImage: { '*': { '*': '0.04' } } }
      : kind === 'credits'
        ? { unit: 'credits-per-token-usd', creditsPerUsd: '100', markup: '1', usdPerCredit: '0.01' }
        : { unit: 'discount', baseEntryId: base?.id ?? '', percentOff: '10' };
  const form = formFromEntry({
    id: `plan/${kind}-${planEntryCount + 1}`,
    provider: kind === 'reseller' ? 'Reseller' : kind === 'credits' ? 'Credits product' : 'Negotiated discount',
    model: 'gpt-image-2',
    snapshot: null,
    surfaces: kind === 'reseller' ? ['reseller'] : kind === 'credits' ? ['credits'] : (base?.surfaces ?? ['api']),
    pricing,
    batch: null,
    effectiveFrom: asOf,
    effectiveUntil: null,
    shutdownDate: null,
    sourceClass: 'user',
    sources: [],
    notes: '',
  });
  return { ...form, kind };
}
