import { MODEL_IDS } from '../../../shared/estimate/models';
import type { PriceEntry } from '../../../shared/pricing/price-entry';
import type { PlanDocument } from '../../../shared/plan/plan-schema';
import { EntryRows } from './EntryRows';
import type { PriceEntryForm } from './price-entry-form';
import { entrySurface } from './price-entry-rows';

interface EditorProps {
  readonly document: PlanDocument;
  readonly form: PriceEntryForm;
  /** Rows to switch to a reseller or credits entry's surface along with it. */
  readonly chosenRows: ReadonlySet<string>;
  onChooseRows: (chosen: ReadonlySet<string>) => void;
  /** Entries in force, for the discount's base entry. */
  readonly inForce: readonly PriceEntry[];
  readonly error: string | null;
  update: (patch: Partial<PriceEntryForm>) => void;
  onPreview: () => void;
  onCancel: () => void;
}

/** The fields only a reseller table, a credits rate or a discount has. */
function KindFields(props: Pick<EditorProps, 'form' | 'inForce' | 'update'>) {
  const { form, inForce, update } = props;
  switch (form.kind) {
    case 'reseller':
      return (
        <label className="pl-block">
          Per-image prices (quality size USD per line, * = any)
          <textarea
            data-testid="per-image-table"
            rows={3}
            value={form.perImageTable}
            onChange={(e) => update({ perImageTable: e.target.value })}
          />
        </label>
      );
    case 'credits':
      return (
        <>
          <label>
            Credits per $1{' '}
            <input value={form.creditsPerUsd} size={6} onChange={(e) => update({ creditsPerUsd: e.target.value })} />
          </label>
          <label>
            Markup <input value={form.markup} size={5} onChange={(e) => update({ markup: e.target.value })} />
          </label>
          <label>
            USD per credit{' '}
            <input value={form.usdPerCredit} size={9} onChange={(e) => update({ usdPerCredit: e.target.value })} />
          </label>
        </>
      );
    case 'discount':
      return (
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
            % off <input value={form.percentOff} size={5} onChange={(e) => update({ percentOff: e.target.value })} />
          </label>
        </>
      );
  }
}

/** The form for one of the plan's own price entries; nothing applies until its preview is confirmed. */
export function PriceEntryEditor(props: EditorProps) {
  const { form, error, update, onPreview, onCancel } = props;
  const surface = entrySurface(form);
  return (
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
        From <input value={form.effectiveFrom} size={11} onChange={(e) => update({ effectiveFrom: e.target.value })} />
      </label>
      <KindFields form={form} inForce={props.inForce} update={update} />
      <label>
        Source URL <input value={form.source} onChange={(e) => update({ source: e.target.value })} />
      </label>
      {surface && (
        <EntryRows
          document={props.document}
          model={form.model}
          surface={surface}
          chosen={props.chosenRows}
          onChoose={props.onChooseRows}
        />
      )}
      <button type="button" data-testid="entry-preview" onClick={onPreview}>
        Preview re-pricing
      </button>
      <button type="button" onClick={onCancel}>
        Cancel
      </button>
      {error && (
        <div className="pl-error-text" role="alert" data-testid="entry-error">
          {error}
        </div>
      )}
    </div>
  );
}
