import { useMemo, useState } from 'react';
import { cheaperNearbySizes } from '../../../shared/estimate/cheaper-sizes';
import { type EstimateContext, estimateRow } from '../../../shared/estimate/estimate-row';
import { MODEL_SPECS, findModel } from '../../../shared/estimate/models';
import { ASPECT_PRESETS } from '../../../shared/estimate/sizes';
import { blankRow } from '../../../shared/plan/new-plan';
import { BILLING_SURFACES, BillingSurface } from '../../../shared/pricing/price-entry';
import { evaluateNumberExpression } from '../../../shared/plan/number-expression';
import { creditsText, grouped, usd, usdExact } from '../grid/money-text';

/** One empty list, so a model without qualities does not give the memos below a new array every render. */
const NO_QUALITIES: readonly string[] = [];

/** A single-size calculator: model, size, quality, n and surface → tokens, cost and cheaper sizes. */
export function QuotePanel(props: { context: EstimateContext }) {
  const { context } = props;
  const [model, setModel] = useState('gpt-image-2');
  const [size, setSize] = useState('1024x1024');
  const [quality, setQuality] = useState('medium');
  const [count, setCount] = useState('1');
  const [surface, setSurface] = useState<BillingSurface>('api');
  const spec = findModel(model);
  const qualities = spec?.qualities ?? NO_QUALITIES;
  const n = useMemo(() => {
    const v = evaluateNumberExpression(count);
    return v.ok && v.value.den === 1n && v.value.num >= 1n && v.value.num <= 1_000_000n ? Number(v.value.num) : null;
  }, [count]);
  const row = useMemo(
    () =>
      blankRow('quote', {
        model,
        size,
        quality: qualities.includes(quality) ? quality : (spec?.defaultQuality ?? quality),
        surface,
        finals: n ?? 1,
        iterationFactor: '1',
        nPerRequest: 1,
        promptChars: null, // output only, like the published per-image prices
      }),
    [model, size, quality, surface, n, qualities, spec],
  );
  const estimate = useMemo(() => estimateRow(row, context), [row, context]);
  const hints = useMemo(
    () => (estimate.ok ? cheaperNearbySizes(row, context, { limit: 5 }) : []),
    [estimate.ok, row, context],
  );

  return (
    <div className="pl-quote" data-testid="quote-panel">
      <div className="pl-inline-form">
        <label>
          Model{' '}
          <select data-testid="quote-model" value={model} onChange={(e) => setModel(e.target.value)}>
            {MODEL_SPECS.map((m) => (
              <option key={m.id} value={m.id}>
                {m.label}
              </option>
            ))}
          </select>
        </label>
        <label>
          Size{' '}
          <input
            data-testid="quote-size"
            value={size}
            size={11}
            list="pl-aspect-presets"
            onChange={(e) => setSize(e.target.value)}
          />
          <datalist id="pl-aspect-presets">
            {ASPECT_PRESETS.map((p) => (
              <option key={p} value={p} />
            ))}
          </datalist>
        </label>
        <label>
          Quality{' '}
          <select data-testid="quote-quality" value={row.quality} onChange={(e) => setQuality(e.target.value)}>
            {qualities.map((q) => (
              <option key={q}>{q}</option>
            ))}
          </select>
        </label>
        <label>
          Images <input data-testid="quote-n" value={count} size={6} onChange={(e) => setCount(e.target.value)} />
        </label>
        <label>
          Surface{' '}
          <select
            data-testid="quote-surface"
            value={surface}
            onChange={(e) => {
              const parsed = BillingSurface.safeParse(e.target.value);
              if (parsed.success) setSurface(parsed.data);
            }}
          >
            {BILLING_SURFACES.map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
        </label>
      </div>
      {n === null && <p className="pl-error-text">"{count}" is not a whole number of images (1 or more).</p>}
      {estimate.ok ? (
        <dl className="pl-quote-result" data-testid="quote-result">
          <dt>Output tokens per image</dt>
          <dd>
            {estimate.outputTokensPerFinal === null ? 'priced per image' : grouped(estimate.outputTokensPerFinal)}
          </dd>
          <dt>Cost per image</dt>
          <dd data-testid="quote-cost-per-image">{usdExact(estimate.costPerFinalImage, 6)}</dd>
          <dt>Cost for {grouped(n ?? 1)}</dt>
          <dd data-testid="quote-total">{usd(estimate.totalCost)}</dd>
          {estimate.credits !== null && (
            <>
              <dt>Credits</dt>
              <dd>{creditsText(estimate.credits)}</dd>
            </>
          )}
          <dt>Price entry</dt>
          <dd>{estimate.priceEntryIds.join(' → ')}</dd>
          {estimate.assumptions.length + estimate.warnings.length > 0 && (
            <>
              <dt>Notes</dt>
              <dd>{[...estimate.warnings, ...estimate.assumptions].join(' · ')}</dd>
            </>
          )}
        </dl>
      ) : (
        <ul className="pl-error-text" role="alert" data-testid="quote-errors">
          {estimate.errors.map((e, i) => (
            <li key={i}>
              {e.field}: {e.message}
            </li>
          ))}
        </ul>
      )}
      {hints.length > 0 && (
        <table className="pl-table" data-testid="quote-cheaper">
          <caption>Cheaper nearby sizes (same quality, at least as many pixels)</caption>
          <thead>
            <tr>
              <th>Size</th>
              <th className="num">Pixels</th>
              <th className="num">Tokens</th>
              <th className="num">Per image</th>
              <th className="num">Saves</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {hints.map((h) => (
              <tr key={h.key}>
                <td>{h.key}</td>
                <td className="num">{grouped(h.pixels)}</td>
                <td className="num">{h.outputTokens === null ? '—' : grouped(h.outputTokens)}</td>
                <td className="num">{usdExact(h.costPerImage, 6)}</td>
                <td className="num">{usdExact(h.savingPerImage, 6)}</td>
                <td>
                  <button type="button" className="link" onClick={() => setSize(h.key)}>
                    use
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
