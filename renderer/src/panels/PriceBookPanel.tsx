import { useMemo, useState } from 'react';
import { MODEL_IDS } from '../../../shared/estimate/models';
import type { PlanDocument } from '../../../shared/plan/plan-schema';
import { entriesInForce } from '../../../shared/pricing/price-book';
import type { EstimateContext } from '../../../shared/estimate/estimate-row';
import { IsoDate, type PriceEntry } from '../../../shared/pricing/price-entry';
import { getApi } from '../bridge/get-api';
import { Modal } from '../app/Modal';
import type { Command } from '../state/commands';
import { compareDocuments } from '../state/plan-comparison';
import { ComparisonTable } from './ComparisonTable';
import { entryFromForm, formFromEntry, type PlanEntryKind, type PriceEntryForm } from './price-entry-form';

function unitSummary(entry: PriceEntry): string {
  const p = entry.pricing;
  switch (p.unit) {
    case 'usd-per-1m-tokens':
      return `tokens: image out $${p.rates.imageOutput}/1M, text in $${p.rates.textInput}/1M${p.rates.imageInput ? `, image in $${p.rates.imageInput}/1M` : ''}`;
    case 'usd-per-image':
      return `per image: ${Object.entries(p.perImage)
        .flatMap(([q, sizes]) => Object.entries(sizes).map(([s, v]) => `${q} ${s} $${v}`))
        .slice(0, 4)
        .join(', ')}`;
    case 'credits-per-image':
      return `credits per image, $${p.usdPerCredit}/credit`;
    case 'per-megapixel': {
      const unit = p.usdPerCredit === null ? '$' : 'credits ';
      return `per megapixel: first ${unit}${p.firstMegapixel}, each further ${unit}${p.extraMegapixel}${p.inputMegapixel === null ? '' : `, input ${unit}${p.inputMegapixel}/MP`}`;
    }
    case 'credits-per-token-usd':
      return `${p.creditsPerUsd} credits per $1 of tokens × ${p.markup}, $${p.usdPerCredit}/credit`;
    case 'discount':
      return `${p.percentOff}% off ${p.baseEntryId}`;
  }
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname || url;
  } catch {
    return url;
  }
}

function openExternal(url: string) {
  void getApi()
    .invoke('shell:open-external', { url })
    .catch(() => undefined);
}

interface PendingChange {
  readonly label: string;
  readonly after: PlanDocument;
}

/**
 * The prices in force for the plan's as-of date, and the plan's own entries. Every change that could
 * move a number (as-of date, an entry) is previewed per row, old → new, and applied only on confirmation.
 */
export function PriceBookPanel(props: {
  document: PlanDocument;
  context: EstimateContext;
  onCommand: (command: Command | null) => void;
}) {
  const { document: doc, onCommand } = props;
  const [asOf, setAsOf] = useState(doc.meta.priceBookAsOf);
  const [pending, setPending] = useState<PendingChange | null>(null);
  const [form, setForm] = useState<PriceEntryForm | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [dateError, setDateError] = useState<string | null>(null);
  const book = props.context.priceBook; // the estimator's book for these entries
  const inForce = useMemo(() => entriesInForce(book, doc.meta.priceBookAsOf), [book, doc.meta.priceBookAsOf]);
  const preview = useMemo(() => (pending ? compareDocuments(doc, pending.after) : null), [doc, pending]);

  const previewAsOf = () => {
    const parsed = IsoDate.safeParse(asOf.trim());
    if (!parsed.success) {
      setDateError(`"${asOf}" is not a date: write YYYY-MM-DD`);
      return;
    }
    setDateError(null);
    setPending({
      label: `Re-price as of ${parsed.data}`,
      after: { ...doc, meta: { ...doc.meta, priceBookAsOf: parsed.data } },
    });
  };

  const startForm = (kind: PlanEntryKind) => {
    const base = inForce.find((e) => e.pricing.unit === 'usd-per-1m-tokens');
    setFormError(null);
    setForm({
      ...formFromEntry({
        id: `plan/${kind}-${doc.priceEntries.length + 1}`,
        provider: kind === 'reseller' ? 'Reseller' : kind === 'credits' ? 'Credits product' : 'Negotiated discount',
        model: 'gpt-image-2',
        snapshot: null,
        surfaces: kind === 'reseller' ? ['reseller'] : kind === 'credits' ? ['credits'] : (base?.surfaces ?? ['api']),
        pricing:
          kind === 'reseller'
            ? { unit: 'usd-per-image', perImage: { '*': { '*': '0.04' } } }
            : kind === 'credits'
              ? { unit: 'credits-per-token-usd', creditsPerUsd: '100', markup: '1', usdPerCredit: '0.01' }
              : { unit: 'discount', baseEntryId: base?.id ?? '', percentOff: '10' },
        batch: null,
        effectiveFrom: doc.meta.priceBookAsOf,
        effectiveUntil: null,
        shutdownDate: null,
        sourceClass: 'user',
        sources: [],
        notes: '',
      }),
      kind,
    });
  };

  const previewEntry = () => {
    if (!form) return;
    const entry = entryFromForm(form);
    if (!entry.ok) {
      setFormError(entry.error);
      return;
    }
    const others = doc.priceEntries.filter((e) => e.id !== entry.value.id);
    const replacing = others.length !== doc.priceEntries.length;
    setFormError(null);
    setPending({
      label: `${replacing ? 'Edit' : 'Add'} price entry ${entry.value.id}`,
      after: { ...doc, priceEntries: [...others, entry.value] },
    });
  };

  const confirm = () => {
    if (!pending) return;
    onCommand({
      kind: 'set-parts',
      label: pending.label,
      before: { meta: doc.meta, priceEntries: doc.priceEntries },
      after: { meta: pending.after.meta, priceEntries: pending.after.priceEntries },
    });
    setPending(null);
    setForm(null);
  };

  const update = (patch: Partial<PriceEntryForm>) => setForm((f) => (f ? { ...f, ...patch } : f));

  return (
    <div className="pl-prices">
      <div className="pl-inline-form">
        <label>
          Prices as of{' '}
          <input data-testid="as-of-input" value={asOf} onChange={(e) => setAsOf(e.target.value)} size={11} />
        </label>
        <button
          type="button"
          data-testid="reprice-preview"
          onClick={previewAsOf}
          disabled={asOf.trim() === doc.meta.priceBookAsOf}
        >
          Preview re-pricing
        </button>
        {dateError && <span className="pl-error-text">{dateError}</span>}
        <span className="pl-sep" />
        <button type="button" data-testid="add-reseller" onClick={() => startForm('reseller')}>
          Add reseller prices
        </button>
        <button type="button" data-testid="add-credits" onClick={() => startForm('credits')}>
          Add credits rate
        </button>
        <button type="button" data-testid="add-discount" onClick={() => startForm('discount')}>
          Add discount
        </button>
      </div>

      {form && (
        <div className="pl-entry-form" data-testid="price-entry-form">
          <label>
            Id <input value={form.id} onChange={(e) => update({ id: e.target.value })} />
          </label>
          <label>
            Provider <input value={form.provider} onChange={(e) => update({ provider: e.target.value })} />
          </label>
          <label>
            Model{' '}
            <select value={form.model} onChange={(e) => update({ model: e.target.value })}>
              {MODEL_IDS.map((m) => (
                <option key={m}>{m}</option>
              ))}
            </select>
          </label>
          <label>
            From{' '}
            <input value={form.effectiveFrom} size={11} onChange={(e) => update({ effectiveFrom: e.target.value })} />
          </label>
          {form.kind === 'reseller' && (
            <label className="pl-block">
              Per-image prices (quality size USD per line, * = any)
              <textarea
                data-testid="per-image-table"
                rows={3}
                value={form.perImageTable}
                onChange={(e) => update({ perImageTable: e.target.value })}
              />
            </label>
          )}
          {form.kind === 'credits' && (
            <>
              <label>
                Credits per $1{' '}
                <input
                  value={form.creditsPerUsd}
                  size={6}
                  onChange={(e) => update({ creditsPerUsd: e.target.value })}
                />
              </label>
              <label>
                Markup <input value={form.markup} size={5} onChange={(e) => update({ markup: e.target.value })} />
              </label>
              <label>
                USD per credit{' '}
                <input value={form.usdPerCredit} size={9} onChange={(e) => update({ usdPerCredit: e.target.value })} />
              </label>
            </>
          )}
          {form.kind === 'discount' && (
            <>
              <label>
                On entry{' '}
                <select
                  value={form.baseEntryId}
                  onChange={(e) =>
                    update({
                      baseEntryId: e.target.value,
                      baseSurfaces: inForce.find((x) => x.id === e.target.value)?.surfaces ?? [],
                    })
                  }
                >
                  {inForce
                    .filter((e) => e.model === form.model && e.pricing.unit !== 'discount')
                    .map((e) => (
                      <option key={e.id}>{e.id}</option>
                    ))}
                </select>
              </label>
              <label>
                % off{' '}
                <input value={form.percentOff} size={5} onChange={(e) => update({ percentOff: e.target.value })} />
              </label>
            </>
          )}
          <label>
            Source URL <input value={form.source} onChange={(e) => update({ source: e.target.value })} />
          </label>
          <button type="button" data-testid="entry-preview" onClick={previewEntry}>
            Preview re-pricing
          </button>
          <button type="button" onClick={() => setForm(null)}>
            Cancel
          </button>
          {formError && (
            <div className="pl-error-text" role="alert" data-testid="entry-error">
              {formError}
            </div>
          )}
        </div>
      )}

      <table className="pl-table pl-price-table" data-testid="price-entries">
        <caption>
          Entries in force on {doc.meta.priceBookAsOf} ({inForce.length})
        </caption>
        <thead>
          <tr>
            <th>Entry</th>
            <th>Model</th>
            <th>Surfaces</th>
            <th>Pricing</th>
            <th>Source class</th>
            <th>Effective</th>
            <th>Sources</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {inForce.map((e) => {
            const own = doc.priceEntries.some((p) => p.id === e.id);
            return (
              <tr key={e.id} className={own ? 'own' : undefined}>
                <td title={e.notes}>{e.id}</td>
                <td>{e.model}</td>
                <td>{e.surfaces.join(', ')}</td>
                <td>{unitSummary(e)}</td>
                <td>
                  <span className={`pl-source pl-source-${e.sourceClass}`}>{e.sourceClass}</span>
                </td>
                <td>
                  {e.effectiveFrom}
                  {e.effectiveUntil ? ` – ${e.effectiveUntil}` : ''}
                  {e.shutdownDate ? ` (shutdown ${e.shutdownDate})` : ''}
                </td>
                <td>
                  {e.sources.map((url) => (
                    <a
                      key={url}
                      href={url}
                      onClick={(ev) => {
                        ev.preventDefault();
                        openExternal(url);
                      }}
                    >
                      {hostOf(url)}
                    </a>
                  ))}
                </td>
                <td>
                  {own && (
                    <>
                      <button type="button" className="link" onClick={() => setForm(formFromEntry(e))}>
                        edit
                      </button>{' '}
                      <button
                        type="button"
                        className="link"
                        onClick={() =>
                          setPending({
                            label: `Delete price entry ${e.id}`,
                            after: { ...doc, priceEntries: doc.priceEntries.filter((p) => p.id !== e.id) },
                          })
                        }
                      >
                        delete
                      </button>
                    </>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>

      {pending && preview && (
        <Modal
          title={`${pending.label}: preview`}
          testId="reprice-dialog"
          wide
          buttons={[
            { label: 'Apply', primary: true, testId: 'reprice-apply', onClick: confirm },
            { label: 'Cancel', testId: 'reprice-cancel', onClick: () => setPending(null) },
          ]}
        >
          {preview.ok ? (
            <ComparisonTable
              comparison={preview.value}
              beforeLabel="Now"
              afterLabel="After"
              testId="reprice-preview-table"
            />
          ) : (
            <p className="pl-error-text">{preview.error}</p>
          )}
          <p className="pl-muted">Nothing changes until you apply; Undo takes it back in one step.</p>
        </Modal>
      )}
    </div>
  );
}
