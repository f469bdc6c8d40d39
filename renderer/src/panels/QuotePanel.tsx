import { useMemo, useState } from 'react';
import { type CheaperSize, cheaperNearbySizes } from '../../../shared/estimate/cheaper-sizes';
import { type EstimateContext, estimateRow, type RowEstimate } from '../../../shared/estimate/estimate-row';
import { MODEL_SPECS, findModel } from '../../../shared/estimate/models';
import { ASPECT_PRESETS } from '../../../shared/estimate/sizes';
import { blankRow } from '../../../shared/plan/new-plan';
import { evaluateNumberExpression } from '../../../shared/plan/number-expression';
import { BILLING_SURFACES, BillingSurface } from '../../../shared/pricing/price-entry';
import { QuoteCompare } from './QuoteCompare';
import { creditsText, grouped, usd, usdExact } from '../grid/money-text';

/** One empty list, so a model without qualities does not give the memos below a new array every render. */
const NO_QUALITIES: readonly string[] = [];

/** What the quote form holds, as typed. */
interface QuoteInputs {
  readonly model: string;
  readonly size: string;
  readonly quality: string;
  readonly count: string;
  readonly surface: BillingSurface;
}

/** A whole number of images from 1 to a million, or null when the text is not one. */
function imageCount(text: string): number | null {
  const v = evaluateNumberExpression(text);
  return v.ok && v.value.den === 1n && v.value.num >= 1n && v.value.num <= 1_000_000n ? Number(v.value.num) : null;
}

function QuoteForm(props: {
  inputs: QuoteInputs;
  quality: string;
  qualities: readonly string[];
  update: (patch: Partial<QuoteInputs>) => void;
}) {
  const { inputs, quality, qualities, update } = props;
  return (
    <div className="pl-inline-form">
      <label>
        Model{' '}
        <select data-testid="quote-model" value={inputs.model} onChange={(e) => update({ model: e.target.value })}>
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
          value={inputs.size}
          size={11}
          list="pl-aspect-presets"
          onChange={(e) => update({ size: e.target.value })}
        />
        <datalist id="pl-aspect-presets">
          {ASPECT_PRESETS.map((p) => (
            <option key={p} value={p} />
          ))}
        </datalist>
      </label>
      <label>
        Quality{' '}
        <select data-testid="quote-quality" value={quality} onChange={(e) => update({ quality: e.target.value })}>
          {qualities.map((q) => (
            <option key={q}>{q}</option>
          ))}
        </select>
      </label>
      <label>
        Images{' '}
        <input
          data-testid="quote-n"
          value={inputs.count}
          size={6}
          onChange={(e) => update({ count: e.target.value })}
        />
      </label>
      <label>
        Surface{' '}
        <select
          data-testid="quote-surface"
          value={inputs.surface}
          onChange={(e) => {
            const parsed = BillingSurface.safeParse(e.target.value);
            if (parsed.success) update({ surface: parsed.data });
          }}
        >
          {BILLING_SURFACES.map((s) => (
            <option key={s}>{s}</option>
          ))}
        </select>
      </label>
    </div>
  );
}

function QuoteResult({ estimate, count }: { estimate: RowEstimate; count: number }) {
  if (!estimate.ok)
    return (
      <ul className="pl-error-text" role="alert" data-testid="quote-errors">
        {estimate.errors.map((e, i) => (
          <li key={i}>
            {e.field}: {e.message}
          </li>
        ))}
      </ul>
    );
  return (
    <dl className="pl-quote-result" data-testid="quote-result">
      <dt>Output tokens per image</dt>
      <dd>{estimate.outputTokensPerFinal === null ? 'priced per image' : grouped(estimate.outputTokensPerFinal)}</dd>
      <dt>Cost per image</dt>
      <dd data-testid="quote-cost-per-image">{usdExact(estimate.costPerFinalImage, 6)}</dd>
      <dt>Cost for {grouped(count)}</dt>
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
  );
}

function CheaperSizesTable({ hints, onUse }: { hints: readonly CheaperSize[]; onUse: (size: string) => void }) {
  return (
    <table className="pl-table" data-testid="quote-cheaper">
      <caption>
        Cheaper nearby sizes (same quality, at least as many pixels)
        <div className="pl-muted pl-caption-note" data-testid="quote-cheaper-why">
          Larger yet cheaper: the model counts output tokens from the aspect ratio, so these sizes need fewer.
        </div>
      </caption>
      <thead>
        <tr>
          <th>Size</th>
          <th className="num">Pixels</th>
          <th className="num">Tokens</th>
          <th className="num">Per image</th>
          <th className="num">Saves</th>
          <th>Why</th>
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
            <td>{h.reason}</td>
            <td>
              <button type="button" className="link" onClick={() => onUse(h.key)}>
                use
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A single-size calculator: model, size, quality, n and surface → tokens, cost and cheaper sizes. */
export function QuotePanel(props: { context: EstimateContext }) {
  const { context } = props;
  const [inputs, setInputs] = useState<QuoteInputs>({
    model: 'gpt-image-2',
    size: '1024x1024',
    quality: 'medium',
    count: '1',
    surface: 'api',
  });
  const update = (patch: Partial<QuoteInputs>) => setInputs((i) => ({ ...i, ...patch }));
  const spec = findModel(inputs.model);
  const qualities = spec?.qualities ?? NO_QUALITIES;
  const n = useMemo(() => imageCount(inputs.count), [inputs.count]);
  const { model, size, quality, surface } = inputs;
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
      <QuoteForm inputs={inputs} quality={row.quality} qualities={qualities} update={update} />
      {n === null && <p className="pl-error-text">"{inputs.count}" is not a whole number of images (1 or more).</p>}
      <QuoteResult estimate={estimate} count={n ?? 1} />
      {hints.length > 0 && <CheaperSizesTable hints={hints} onUse={(key) => update({ size: key })} />}
      <QuoteCompare
        context={context}
        size={size}
        quality={row.quality}
        onUse={(o) => update({ model: o.model, size: o.size, quality: o.quality, surface: o.surface })}
      />
    </div>
  );
}
