import { COLUMN_GROUPS } from './column-groups';

/**
 * The Columns chooser: groups of columns to show or hide (saved in the preferences). The campaign line,
 * the request and the money stay: they are what a plan is.
 */
export function ColumnChooser(props: { hidden: readonly string[]; onChange: (hidden: string[]) => void }) {
  const { hidden, onChange } = props;
  const toggle = (id: string, show: boolean) =>
    onChange(show ? hidden.filter((h) => h !== id) : [...hidden.filter((h) => h !== id), id]);
  return (
    <details className="pl-column-chooser" data-testid="column-chooser">
      <summary title="Show or hide groups of columns">
        Columns{hidden.length > 0 ? ` (${hidden.length} hidden)` : ''}
      </summary>
      <fieldset className="pl-column-chooser-list">
        <legend>Show these columns</legend>
        {COLUMN_GROUPS.map((group) => (
          <label key={group.id}>
            <input
              type="checkbox"
              data-testid={`column-group-${group.id}`}
              checked={!hidden.includes(group.id)}
              onChange={(e) => toggle(group.id, e.target.checked)}
            />{' '}
            {group.label}
          </label>
        ))}
      </fieldset>
    </details>
  );
}
