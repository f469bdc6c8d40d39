import { useMemo, useState } from 'react';
import type { PlanDocument } from '../../../../shared/plan/plan-schema';
import type { ActualPiece } from '../../../../shared/reconcile/actual-pieces';
import type { Reconciliation } from '../../../../shared/reconcile/reconcile-plan';
import { microText, usd } from '../../grid/money-text';
import type { Command } from '../../state/commands';
import { planAssignBuckets, planUnassignBuckets } from '../../state/match-commands';
import { rowFinder } from '../../state/row-ops';
import { NotListedLine, useListedCount } from '../long-lists';
import { FindRowsBox, RowSelect } from './RowSelect';
import {
  bucketsShownText,
  bucketText,
  filterBuckets,
  percentSum,
  rowOptions,
  ROWS_LISTED,
  rowsListedText,
  rowsMatching,
  type SplitPart,
  splitParts,
  splitPreview,
  splitProblem,
} from './match-rules-model';

/** The most buckets listed at once (largest first), so the list stays quick; the filter reaches the rest. */
export const SHOWN_BUCKETS = 200;

const money = (m: number) => <span title={microText(m)}>{usd(m)}</span>;

function BucketTable({
  pieces,
  total,
  count,
  selected,
  onToggle,
  onToggleAll,
}: {
  pieces: readonly ActualPiece[];
  total: number;
  count: number;
  selected: ReadonlySet<string>;
  onToggle: (key: string) => void;
  onToggleAll: (on: boolean) => void;
}) {
  const all = pieces.length > 0 && pieces.every((p) => selected.has(p.key));
  return (
    <table className="pl-table" data-testid="match-unassigned">
      <caption>
        Unassigned: {money(total)} in {count} bucket{count === 1 ? '' : 's'}
      </caption>
      <thead>
        <tr>
          <th>
            <input
              type="checkbox"
              aria-label="Select every bucket shown"
              checked={all}
              disabled={pieces.length === 0}
              onChange={(e) => onToggleAll(e.target.checked)}
            />
          </th>
          <th>Bucket</th>
          <th className="num">Amount</th>
        </tr>
      </thead>
      <tbody>
        {pieces.map((p) => (
          <tr key={p.key} className={selected.has(p.key) ? 'own' : undefined} data-testid="match-bucket">
            <td>
              <input
                type="checkbox"
                aria-label={`Select ${bucketText(p)}, ${usd(p.micro)}`}
                checked={selected.has(p.key)}
                onChange={() => onToggle(p.key)}
              />
            </td>
            <td>{bucketText(p)}</td>
            <td className="num">{money(p.micro)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

type Mode = 'row' | 'split';

function SplitInputs({
  document: doc,
  percents,
  onPercent,
  preview,
}: {
  document: PlanDocument;
  percents: Readonly<Record<string, string>>;
  onPercent: (rowId: string, pct: string) => void;
  preview: ReadonlyMap<string, number> | null;
}) {
  const [query, setQuery] = useState('');
  const large = doc.rows.length > ROWS_LISTED;
  // A large plan lists the rows given a percentage and those the filter finds (worked out again when the
  // words change, not on each keystroke in a percentage).
  const options = useMemo(() => (large ? rowOptions(doc) : []), [large, doc]);
  const found = useMemo(() => new Set(rowsMatching(options, query, ROWS_LISTED).map((o) => o.value)), [options, query]);
  const shown = useMemo(
    () => (large ? doc.rows.filter((r) => (percents[r.id] ?? '') !== '' || found.has(r.id)) : doc.rows),
    [large, doc, found, percents],
  );
  return (
    <>
      {large && (
        <FindRowsBox
          label="Find rows to split to"
          placeholder="Find rows by name or id"
          testId="match-split-find"
          query={query}
          onQuery={setQuery}
          note={`${rowsListedText(found.size, doc.rows.length)}; rows given a percentage stay listed`}
        />
      )}
      <table className="pl-table" data-testid="match-split">
        <thead>
          <tr>
            <th>Row</th>
            <th className="num">Percent</th>
            <th className="num">Gets</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((r) => (
            <tr key={r.id}>
              <td>{r.name}</td>
              <td className="num">
                <input
                  className="pl-percent-input"
                  inputMode="decimal"
                  aria-label={`Percent to ${r.name}`}
                  data-testid={`match-split-${r.id}`}
                  value={percents[r.id] ?? ''}
                  onChange={(e) => onPercent(r.id, e.target.value)}
                />
                %
              </td>
              <td className="num">{preview?.has(r.id) ? money(preview.get(r.id) ?? 0) : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

/** The "to one row" choice: its radio button and the row. */
function OneRowChoice(props: {
  document: PlanDocument;
  on: boolean;
  onMode: () => void;
  rowId: string;
  onRow: (rowId: string) => void;
}) {
  const { document: doc, on, onMode, rowId, onRow } = props;
  const rows = useMemo(() => rowOptions(doc), [doc]);
  return (
    <>
      <label>
        <input type="radio" name="match-assign-mode" checked={on} onChange={onMode} /> to one row{' '}
      </label>
      <RowSelect rows={rows} value={rowId} disabled={!on} onChange={onRow} label="Row" testId="match-assign-row" />
      <br />
    </>
  );
}

/** The "split by percentages" choice: its radio button, a percentage per row, the sum and what each row gets. */
function SplitChoice(props: {
  document: PlanDocument;
  on: boolean;
  onMode: () => void;
  percents: Readonly<Record<string, string>>;
  onPercents: (update: (p: Record<string, string>) => Record<string, string>) => void;
  chosen: readonly ActualPiece[];
}) {
  const { document: doc, on, onMode, percents, onPercents, chosen } = props;
  const parts = splitParts(
    percents,
    doc.rows.map((r) => r.id),
  );
  const valid = splitProblem(parts, (id) => id) === null;
  return (
    <>
      <label>
        <input type="radio" name="match-assign-mode" data-testid="match-mode-split" checked={on} onChange={onMode} />{' '}
        split by percentages
      </label>
      {on && (
        <>
          <SplitInputs
            document={doc}
            percents={percents}
            onPercent={(id, pct) => onPercents((p) => ({ ...p, [id]: pct }))}
            preview={valid ? splitPreview(chosen, parts) : null}
          />
          <p className="pl-muted" aria-live="polite" data-testid="match-split-sum">
            The percentages add up to {percentSum(parts) ?? '?'}% of 100%.
          </p>
        </>
      )}
    </>
  );
}

/** Assign the selected buckets to one row, or split each by percentages (exact: largest remainder). */
function AssignForm({
  document: doc,
  chosen,
  onAssign,
}: {
  document: PlanDocument;
  chosen: readonly ActualPiece[];
  onAssign: (parts: readonly SplitPart[]) => string | null;
}) {
  const [mode, setMode] = useState<Mode>('row');
  const [rowId, setRowId] = useState('');
  const [percents, setPercents] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const target = rowId !== '' ? rowId : (doc.rows[0]?.id ?? '');
  const parts = splitParts(
    percents,
    doc.rows.map((r) => r.id),
  );
  const nameOf = (id: string) => doc.rows.find((r) => r.id === id)?.name ?? id;
  const n = `${chosen.length} bucket${chosen.length === 1 ? '' : 's'}`;
  const submit = () => {
    const problem = mode === 'split' ? splitProblem(parts, nameOf) : null;
    const made = problem ?? onAssign(mode === 'row' ? [{ rowId: target, pct: '100' }] : parts);
    setError(made);
    if (made === null) setPercents({});
  };
  return (
    <form
      className="pl-entry-form"
      aria-label="Assign the selected buckets"
      data-testid="match-assign"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <fieldset>
        <legend>Assign the {n} selected</legend>
        <OneRowChoice
          document={doc}
          on={mode === 'row'}
          onMode={() => setMode('row')}
          rowId={target}
          onRow={setRowId}
        />
        <SplitChoice
          document={doc}
          on={mode === 'split'}
          onMode={() => setMode('split')}
          percents={percents}
          onPercents={setPercents}
          chosen={chosen}
        />
      </fieldset>
      <button type="submit" data-testid="match-assign-button">
        {mode === 'row' ? `Assign ${n}` : `Split ${n}`}
      </button>
      {error && (
        <p className="pl-error-text" role="alert" data-testid="match-assign-problem">
          {error}
        </p>
      )}
    </form>
  );
}

/** A bucket's key in words: its day, dimensions and measure, the empty ones left out. */
function bucketKeyText(key: string): string {
  return key
    .split('|')
    .filter((d) => d !== '')
    .join(' · ');
}

/**
 * Buckets assigned by hand: each can go back to the rules (one undo step). Assigning every bucket shown,
 * 200 at a time, soon makes thousands: the table lists the first and shows more on request.
 */
function ManualAssignments({
  document: doc,
  onCommand,
}: {
  document: PlanDocument;
  onCommand: (c: Command | null) => void;
}) {
  const list = doc.actuals.assignments;
  const listing = useListedCount('assignments');
  if (list.length === 0) return null;
  const shown = list.slice(0, listing.listed);
  const findRow = rowFinder(
    doc,
    shown.reduce((n, a) => n + a.parts.length, 0),
  );
  const nameOf = (id: string) => findRow(id)?.name ?? id;
  return (
    <>
      <table className="pl-table" data-testid="match-manual">
        <caption>Assigned by hand (before every rule)</caption>
        <thead>
          <tr>
            <th>Bucket</th>
            <th>To</th>
            <th>
              <span className="pl-visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {shown.map((a) => (
            <tr key={a.bucket}>
              <td>{bucketKeyText(a.bucket)}</td>
              <td>{a.parts.map((p) => `${nameOf(p.rowId)} ${p.pct}%`).join(', ')}</td>
              <td>
                <button
                  type="button"
                  aria-label={`Return to rules: ${bucketKeyText(a.bucket)}`}
                  onClick={() => onCommand(planUnassignBuckets(doc, [a.bucket]))}
                >
                  Return to rules
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <NotListedLine listing={listing} count={list.length} what="buckets assigned by hand" testId="match-manual" />
    </>
  );
}

/** The Unassigned line with its buckets: select some, then assign or split them by hand. */
export function UnassignedBuckets({
  document: doc,
  rec,
  onCommand,
}: {
  document: PlanDocument;
  rec: Reconciliation;
  onCommand: (command: Command | null) => void;
}) {
  const [picked, setPicked] = useState<ReadonlySet<string>>(new Set());
  const [query, setQuery] = useState('');
  const matching = useMemo(() => filterBuckets(rec.unassignedPieces, query), [rec.unassignedPieces, query]);
  const shown = useMemo(() => matching.slice(0, SHOWN_BUCKETS), [matching]);
  const shownText = bucketsShownText(shown, matching, rec.unassignedPieces, rec.unassigned, query);
  // Buckets that left Unassigned (a rule or an assignment placed them) are no longer selected.
  const chosen = shown.filter((p) => picked.has(p.key));
  const selected = new Set(chosen.map((p) => p.key));
  const toggle = (key: string) => {
    const next = new Set(selected);
    if (!next.delete(key)) next.add(key);
    setPicked(next);
  };
  const assign = (parts: readonly SplitPart[]): string | null => {
    const made = planAssignBuckets(
      doc,
      chosen.map((p) => p.key),
      parts,
    );
    if (!made.ok) return made.error;
    setPicked(new Set());
    onCommand(made.value);
    return null;
  };
  return (
    <>
      {rec.unassignedPieces.length > 0 && (
        <label className="pl-block">
          Filter buckets{' '}
          <input
            type="search"
            data-testid="match-bucket-filter"
            value={query}
            placeholder="project, key, campaign, tag, model, day…"
            onChange={(e) => setQuery(e.target.value)}
          />
        </label>
      )}
      {shownText && (
        <p className="pl-muted" aria-live="polite" data-testid="match-buckets-shown">
          {shownText}
        </p>
      )}
      <BucketTable
        pieces={shown}
        total={rec.unassigned}
        count={rec.unassignedPieces.length}
        selected={selected}
        onToggle={toggle}
        onToggleAll={(on) => setPicked(on ? new Set(shown.map((p) => p.key)) : new Set())}
      />
      {shown.length > 0 && <AssignForm document={doc} chosen={chosen} onAssign={assign} />}
      <ManualAssignments document={doc} onCommand={onCommand} />
    </>
  );
}
