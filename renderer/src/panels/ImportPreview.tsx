import { useMemo } from 'react';
import type { PlanDocument } from '../../../shared/plan/plan-schema';
import { diffPlans } from '../../../shared/plan/plan-diff';
import { usd } from '../grid/money-text';

const MAX_LISTED = 30;

function valueText(v: unknown): string {
  return v === null || v === undefined || v === '' ? '(empty)' : String(v);
}

/** What an Excel import would change, shown before anything is applied (the import is one undo step). */
export function ImportPreview(props: { before: PlanDocument; after: PlanDocument; source: string }) {
  const { before, after, source } = props;
  const diff = useMemo(() => diffPlans(before, after), [before, after]);
  if (diff.unchanged)
    return <p data-testid="import-unchanged">{source} holds the same plan: importing changes nothing.</p>;
  return (
    <div data-testid="import-preview">
      <p>
        From {source}: {diff.changed.length} row{diff.changed.length === 1 ? '' : 's'} changed, {diff.added.length}{' '}
        added, {diff.removed.length} removed
        {diff.reordered ? ', rows reordered' : ''}
        {diff.priceEntries.length > 0 ? `, price entries ${diff.priceEntries.join(', ')}` : ''}
        {diff.scenariosChanged ? ', scenarios changed' : ''}
        {diff.metaChanged ? ', plan details changed' : ''}.
      </p>
      <p data-testid="import-totals">
        Total {diff.totalBefore === null ? '—' : usd(diff.totalBefore)} →{' '}
        {diff.totalAfter === null ? '—' : usd(diff.totalAfter)}
      </p>
      <ul className="pl-import-list">
        {diff.changed.slice(0, MAX_LISTED).map((row) => (
          <li key={row.id} data-testid="import-change">
            {row.name}:{' '}
            {row.fields.map((f) => `${String(f.field)} ${valueText(f.before)} → ${valueText(f.after)}`).join('; ')}
          </li>
        ))}
        {diff.added.slice(0, MAX_LISTED).map((row) => (
          <li key={`+${row.id}`}>Added: {row.name}</li>
        ))}
        {diff.removed.slice(0, MAX_LISTED).map((row) => (
          <li key={`-${row.id}`}>Removed: {row.name}</li>
        ))}
      </ul>
    </div>
  );
}
