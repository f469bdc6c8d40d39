import type { PlanDocument } from '../../../shared/plan/plan-schema';
import type { BillingSurface } from '../../../shared/pricing/price-entry';
import { groupInteger } from '../../../shared/money/format';
import { rowCount, rowsBilledBy, switchableRows } from './price-entry-rows';

const LISTED = 40;

/**
 * Which rows a reseller table or credits rate will price (rows of its model billed on its surface), and
 * the other rows of that model with a box each to switch them to it along with the entry (one undo step).
 */
export function EntryRows(props: {
  document: PlanDocument;
  model: string;
  surface: BillingSurface;
  chosen: ReadonlySet<string>;
  onChoose: (chosen: ReadonlySet<string>) => void;
}) {
  const { document: doc, model, surface, chosen, onChoose } = props;
  const billed = rowsBilledBy(doc, model, [surface]);
  const others = switchableRows(doc, model, surface);
  const toggle = (id: string) => {
    const next = new Set(chosen);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    onChoose(next);
  };
  return (
    <div className="pl-entry-rows" data-testid="entry-rows">
      <p data-testid="entry-applies">
        {billed.length > 0
          ? `Applies to ${rowCount(billed.length)} billed “${surface}” on ${model}: ${billed
              .slice(0, 5)
              .map((r) => r.name)
              .join(', ')}${billed.length > 5 ? '…' : ''}.`
          : `No row is billed “${surface}” on ${model} yet: the entry prices nothing until rows use it.`}
      </p>
      {others.length > 0 && (
        <fieldset>
          <legend>
            Switch rows of {model} to “{surface}” with this entry ({groupInteger(chosen.size)} of{' '}
            {groupInteger(others.length)} chosen){' '}
            <button
              type="button"
              className="link"
              data-testid="entry-rows-all"
              onClick={() => onChoose(new Set(chosen.size === others.length ? [] : others.map((r) => r.id)))}
            >
              {chosen.size === others.length ? 'none' : 'all'}
            </button>
          </legend>
          {others.slice(0, LISTED).map((r) => (
            <label key={r.id} className="pl-entry-row">
              <input
                type="checkbox"
                data-testid="entry-row-switch"
                data-row-id={r.id}
                checked={chosen.has(r.id)}
                onChange={() => toggle(r.id)}
              />{' '}
              {r.name} <span className="pl-muted">(now “{r.surface}”)</span>
            </label>
          ))}
          {others.length > LISTED && <p className="pl-muted">… and {others.length - LISTED} more (use “all”)</p>}
        </fieldset>
      )}
    </div>
  );
}
