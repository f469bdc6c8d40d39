import { type ReactNode, useMemo, useState } from 'react';
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
        <FindRowsBox
          label={`Find a row (${label})`}
          placeholder="Find a row by name or id"
          testId={`${testId}-find`}
          query={query}
          onQuery={setQuery}
          disabled={disabled}
          note={<span data-testid={`${testId}-listed`}>{rowsListedText(found.length, rows.length)}</span>}
        />
      )}
    </>
  );
}

/** The box that finds rows for a list showing only some of a large plan's (ROWS_LISTED), with what it found. */
export function FindRowsBox(props: {
  readonly label: string;
  readonly placeholder: string;
  readonly testId: string;
  readonly query: string;
  readonly onQuery: (query: string) => void;
  readonly note: ReactNode;
  readonly disabled?: boolean;
}) {
  return (
    <span className="pl-block">
      <input
        type="search"
        aria-label={props.label}
        placeholder={props.placeholder}
        data-testid={props.testId}
        value={props.query}
        disabled={props.disabled ?? false}
        onChange={(e) => props.onQuery(e.target.value)}
      />{' '}
      <span className="pl-muted">{props.note}</span>
    </span>
  );
}
