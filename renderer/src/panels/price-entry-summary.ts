import type { PriceEntry } from '../../../shared/pricing/price-entry';

/** One line saying how an entry prices: its rates, its per-image table (first cells), credits or discount. */
export function unitSummary(entry: PriceEntry): string {
  const p = entry.pricing;
  switch (p.unit) {
    case 'usd-per-1m-tokens':
      return `tokens: image out ${p.rates.imageOutput === null ? '-' : `$${p.rates.imageOutput}/1M`}, text in $${p.rates.textInput}/1M${p.rates.imageInput ? `, image in $${p.rates.imageInput}/1M` : ''}`;
    case 'usd-per-image':
      return `per image: ${Object.entries(p.perImage)
        .flatMap(([q, sizes]) => Object.entries(sizes).map(([s, v]) => `${q} ${s} $${v}`))
        .slice(0, 4)
        .join(', ')}`;
    case 'credits-per-image':
      return `credits per image, $${p.usdPerCredit}/credit`;
    case 'credits-per-token-usd':
      return `${p.creditsPerUsd} credits per $1 of tokens × ${p.markup}, $${p.usdPerCredit}/credit`;
    case 'discount':
      return `${p.percentOff}% off ${p.baseEntryId}`;
  }
}

/** The host of a source URL, as the link text ("openai.com"); the URL itself when it does not parse. */
export function hostOf(url: string): string {
  try {
    return new URL(url).hostname || url;
  } catch {
    return url;
  }
}
