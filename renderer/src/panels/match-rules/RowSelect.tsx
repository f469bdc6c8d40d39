import { useMemo, useState } from 'react';
import { ROWS_LISTED, rowsListedText, rowsMatching, type TargetOption, withChosen } from './match-rules-model';

/**
 * A drop-down of the plan's rows (then any other groups, such as teams). A plan with more rows than a list
 * can hold (ROWS_LISTED) gets a filter below it: the drop-down lists the rows whose name or id holds the
 * words typed, and keeps the one chosen.
 */
export function RowSelect(props: {
  readonly rows: readonly TargetOption[];
  /** Groups listed after the rows, whole (a plan has few teams). */
  readonly groups?: readonly { readonly label: string; readonly options: readonly TargetOption[] }[];
  readonly value: string;
  readonly onChange: (value: string) => void;
  /** The drop-down's name: shown before it as its label when `shownLabel`, else its aria-label. */
  readonly label: string;
  readonly shownLabel?: boolean;
  readonly testId: string;
  readonly disabled?: boolean;
}) {
  const { rows, groups = [], value, onChange, label, shownLabel = false, testId, disabled = false } = props;
  const [query, setQuery] = useState('');
  const large = rows.length > ROWS_LISTED;
  const found = useMemo(() => (large ? rowsMatching(rows, query, ROWS_LISTED) : rows), [large, rows, query]);
  const listed = useMemo(() => (large ? withChosen(found, rows, value) : rows), [large, found, rows, value]);
  const note = large ? rowsListedText(found.length, rows.length) : null;
  const options = (items: readonly TargetOption[]) =>
    items.map((o) => (
      <option key={o.value} value={o.value}>
        {o.label}
      </option>
    ));
  const select = (
    <select
      aria-label={shownLabel ? undefined : label}
      data-testid={testId}
      value={value}
      disabled={disabled}
      onChange={(e) => onChange(e.target.value)}
    >
      {groups.length === 0 ? (
        options(listed)
      ) : (
        <>
          <optgroup label="Rows">{options(listed)}</optgroup>
          {groups
            .filter((g) => g.options.length > 0)
            .map((g) => (
              <optgroup key={g.label} label={g.label}>
                {options(g.options)}
              </optgroup>
            ))}
        </>
      )}
    </select>
  );
  return (
    <>
      {shownLabel ? (
        <label className="pl-block">
          {label} {select}
        </label>
      ) : (
        select
      )}
      {large && (
        <span className="pl-block">
          <input
            type="search"
            aria-label={`Find a row (${label})`}
            placeholder="Find a row by name or id"
            data-testid={`${testId}-find`}
            value={query}
            disabled={disabled}
            onChange={(e) => setQuery(e.target.value)}
          />{' '}
          <span className="pl-muted" data-testid={`${testId}-listed`}>
            {note}
          </span>
        </span>
      )}
    </>
  );
}
