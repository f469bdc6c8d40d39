import { catalogFreshness } from '../../../shared/pricing/catalog-freshness';
import type { PriceEntry } from '../../../shared/pricing/price-entry';
import { getApi } from '../bridge/get-api';
import { hostOf, unitSummary } from './price-entry-summary';

function openExternal(url: string) {
  void getApi()
    .invoke('shell:open-external', { url })
    .catch(() => undefined);
}

function SourceLinks(props: { sources: readonly string[] }) {
  return (
    <>
      {props.sources.map((url) => (
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
    </>
  );
}

interface TableProps {
  readonly asOf: string;
  readonly inForce: readonly PriceEntry[];
  /** Ids of the plan's own entries: only those can be edited or deleted. */
  readonly ownIds: ReadonlySet<string>;
  onEdit: (entry: PriceEntry) => void;
  onDelete: (entry: PriceEntry) => void;
}

/** The entries in force on the plan's date: rates, source class, dates and source links. */
/** How old the entry's source check is on the plan's as-of date; flagged past STALE_AFTER_DAYS. */
function FreshnessCell({ entry, asOf }: { entry: PriceEntry; asOf: string }) {
  const freshness = catalogFreshness(entry, asOf);
  const days = freshness.ageDays;
  const age =
    days === null
      ? 'never checked'
      : days < 0
        ? `checked ${-days} days after`
        : `${days} day${days === 1 ? '' : 's'} old`;
  return (
    <td
      className={freshness.stale ? 'pl-stale' : undefined}
      title={freshness.summary}
      data-testid="entry-freshness"
      data-stale={freshness.stale}
    >
      {freshness.stale ? `⚠ ${age}: check the sources` : age}
    </td>
  );
}

export function PriceEntryTable(props: TableProps) {
  const { asOf, inForce, ownIds, onEdit, onDelete } = props;
  return (
    <table className="pl-table pl-price-table" data-testid="price-entries">
      <caption>
        Entries in force on {asOf} ({inForce.length})
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
          <th>Checked</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {inForce.map((e) => {
          const own = ownIds.has(e.id);
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
                <SourceLinks sources={e.sources} />
              </td>
              <FreshnessCell entry={e} asOf={asOf} />
              <td>
                {own && (
                  <>
                    <button type="button" className="link" aria-label={`edit ${e.id}`} onClick={() => onEdit(e)}>
                      edit
                    </button>{' '}
                    <button type="button" className="link" aria-label={`delete ${e.id}`} onClick={() => onDelete(e)}>
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
  );
}
