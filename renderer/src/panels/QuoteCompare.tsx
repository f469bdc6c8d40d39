import { useMemo, useState } from 'react';
import { compareModels, type ComparedOption } from '../../../shared/estimate/compare-models';
import type { EstimateContext } from '../../../shared/estimate/estimate-row';
import { grouped, usdExact } from '../grid/money-text';

interface QuoteCompareProps {
  readonly context: EstimateContext;
  readonly size: string;
  readonly quality: string;
  /** Quotes one option in the form above (model, size, quality, surface). */
  onUse: (option: ComparedOption) => void;
}

/**
 * The quote's request priced on every model that can render it, cheapest first (issue 15): each model at
 * the nearest size and quality it offers, with the price entry used. Computed only while shown.
 */
export function QuoteCompare(props: QuoteCompareProps) {
  const [open, setOpen] = useState(false);
  return (
    <section className="pl-quote-compare">
      <button type="button" data-testid="quote-compare-toggle" aria-expanded={open} onClick={() => setOpen(!open)}>
        {open ? 'Hide the comparison' : 'Compare every model'}
      </button>
      {open && <ComparisonTable {...props} />}
    </section>
  );
}

function ComparisonTable({ context, size, quality, onUse }: QuoteCompareProps) {
  const comparison = useMemo(
    () =>
      compareModels(
        {
          size,
          quality,
          nPerRequest: 1,
          promptTokens: null,
          promptChars: null,
          referenceImages: 0,
          referenceSize: '1024x1024',
          inputFidelity: 'low',
          partialImages: 0,
        },
        context.priceBook,
        context.asOf,
      ),
    [size, quality, context],
  );
  if (!comparison.ok)
    return (
      <p className="pl-error-text" role="alert">
        {comparison.error}
      </p>
    );
  const { options, unpriced } = comparison.value;
  return (
    <table className="pl-table" data-testid="quote-compare">
      <caption>
        One image at {size}, {quality} quality, on every model priced on {comparison.value.date}, cheapest first
      </caption>
      <thead>
        <tr>
          <th>Model</th>
          <th>Surface</th>
          <th>Size</th>
          <th>Quality</th>
          <th className="num">Tokens</th>
          <th className="num">Per image</th>
          <th>Price entry</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {options.map((o) => (
          <tr key={`${o.model}-${o.surface}-${o.priceEntryIds.join('>')}`} data-model={o.model}>
            <td>{o.label}</td>
            <td>{o.surface}</td>
            <td title={o.sizeMapped ? `nearest ${o.label} offers to ${size}` : undefined}>
              {o.size}
              {o.sizeMapped ? ' (nearest)' : ''}
            </td>
            <td>
              {o.quality}
              {o.qualityMapped ? ' (nearest)' : ''}
            </td>
            <td className="num">{o.outputTokens === null ? '—' : grouped(o.outputTokens)}</td>
            <td className="num">{usdExact(o.costPerImage, 6)}</td>
            <td title={o.sourceClass}>{o.priceEntryIds.join(' → ')}</td>
            <td>
              <button type="button" className="link" aria-label={`quote ${o.model}`} onClick={() => onUse(o)}>
                quote
              </button>
            </td>
          </tr>
        ))}
      </tbody>
      {unpriced.length > 0 && (
        <tfoot>
          <tr>
            <td colSpan={8} className="pl-muted" data-testid="quote-compare-unpriced">
              Not priced: {unpriced.map((u) => `${u.model} (${u.reason})`).join('; ')}
            </td>
          </tr>
        </tfoot>
      )}
    </table>
  );
}
