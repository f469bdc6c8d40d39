import { useMemo, useState } from 'react';
import { formatUsdDecimal } from '../../../shared/money/format';
import { type ActualsGroup, groupActuals } from '../../../shared/actuals/ledger/actuals-report';
import { type BatchContribution, batchContributions } from '../../../shared/actuals/ledger/batch-contributions';
import { removeBatch } from '../../../shared/actuals/ledger/remove-batch';
import { USAGE_PRICED_LABEL } from '../../../shared/actuals/ledger/usage-pricing';
import { type Exact, toDecimalString, toNumber } from '../../../shared/money/exact';
import type { PlanDocument } from '../../../shared/plan/plan-schema';
import { createPriceBook, type PriceBook } from '../../../shared/pricing/price-book';
import { removeBatchCommand } from '../actuals/actuals-import';
import type { Command } from '../state/commands';
import { NotListedLine, useListedCount } from './long-lists';

type SpendBy = 'day' | 'model' | 'project';

const exact = (e: Exact | null): string => (e === null ? '—' : `$${toDecimalString(e)}`);

/** Cents for display only; the exact figure is in the title. */
function cents(e: Exact | null): string {
  if (e === null) return '—';
  return `$${toNumber(e).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

/** The money a group's bar shows: billed where there is any, else metered, else priced from usage. */
function barAmount(g: ActualsGroup): number {
  const e = g.billedUsd ?? g.meteredUsd ?? g.usagePricedUsd;
  return e === null ? 0 : toNumber(e);
}

/**
 * What a batch adds to the actuals now (a later export of the same days and projects replaces its facts:
 * the import-time totals of two overlapping exports would count them twice), its import-time total beside it.
 */
function BatchTotal({ contribution: c }: { contribution: BatchContribution }) {
  const atImport = c.batch.amountUsd;
  const now = c.effectiveUsd === null ? USAGE_PRICED_LABEL : formatUsdDecimal(toDecimalString(c.effectiveUsd));
  const differs = atImport !== null && (c.effectiveUsd === null || toDecimalString(c.effectiveUsd) !== atImport);
  return (
    <>
      <span title={c.effectiveUsd === null ? undefined : `$${toDecimalString(c.effectiveUsd)} exactly, in effect now`}>
        {now}
      </span>
      {differs && (
        <span className="pl-muted" title={`$${atImport} exactly, when imported`}>
          {' '}
          (at import {formatUsdDecimal(atImport)})
        </span>
      )}
      {c.supersededBy.length > 0 && (
        <div className="pl-muted" data-testid={`actuals-batch-superseded-${c.batch.id}`}>
          {c.nothingInEffect ? 'superseded' : 'partly superseded'} by {c.supersededBy.join(', ')}
        </div>
      )}
    </>
  );
}

function Batches(props: { document: PlanDocument; book: PriceBook; onCommand: (c: Command | null) => void }) {
  const { document: doc, book, onCommand } = props;
  const ledger = doc.actuals;
  const contributions = useMemo(() => batchContributions(ledger, book), [ledger, book]);
  const remove = (id: string) => {
    const after = removeBatch(ledger, id);
    if (after.ok) onCommand(removeBatchCommand(ledger, after.value, id));
  };
  return (
    <table className="pl-table" data-testid="actuals-batches">
      <caption>Import batches</caption>
      <thead>
        <tr>
          <th>Batch</th>
          <th>Source</th>
          <th>Measure</th>
          <th>File</th>
          <th>Period</th>
          <th className="num">Rows</th>
          <th className="num" title="What the batch adds to the actuals now; a later export can replace its facts">
            Total in effect
          </th>
          <th />
        </tr>
      </thead>
      <tbody>
        {contributions.map((c) => {
          const b = c.batch;
          return (
            <tr key={b.id} data-testid={`actuals-batch-${b.id}`}>
              <td>{b.id}</td>
              <td>{b.source}</td>
              <td>{b.measure}</td>
              <td>{b.fileName}</td>
              <td>
                {b.periodStart ?? '—'} to {b.periodEnd ?? '—'}
              </td>
              <td className="num">{b.rowsImported.toLocaleString('en-US')}</td>
              <td className="num">
                <BatchTotal contribution={c} />
              </td>
              <td>
                <button type="button" data-testid={`actuals-remove-${b.id}`} onClick={() => remove(b.id)}>
                  Remove
                </button>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function Spend({ groups, by }: { groups: readonly ActualsGroup[]; by: SpendBy }) {
  // Not Math.max(...list): spreading a list of 100k+ arguments throws.
  const max = groups.reduce((most, g) => Math.max(most, barAmount(g)), 0);
  // Days and projects are as many as the exports hold (a gateway log may name a project per user).
  const listing = useListedCount(by);
  return (
    <>
      <table className="pl-table" data-testid="actuals-spend">
        <thead>
          <tr>
            <th>{by}</th>
            <th className="num">Billed</th>
            <th className="num">Metered</th>
            <th className="num">{USAGE_PRICED_LABEL}</th>
            <th className="pl-actuals-bar-head" aria-hidden="true" />
          </tr>
        </thead>
        <tbody>
          {groups.slice(0, listing.listed).map((g) => (
            <tr key={g.key}>
              <td>{g.key}</td>
              <td className="num" title={exact(g.billedUsd)}>
                {cents(g.billedUsd)}
              </td>
              <td className="num" title={exact(g.meteredUsd)}>
                {cents(g.meteredUsd)}
              </td>
              <td className="num" title={exact(g.usagePricedUsd)}>
                {cents(g.usagePricedUsd)}
              </td>
              <td className="pl-actuals-bar" aria-hidden="true">
                <span style={{ width: `${max > 0 ? Math.max(1, (barAmount(g) / max) * 100) : 0}%` }} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <NotListedLine listing={listing} count={groups.length} what={SPEND_BY_PLURAL[by]} testId="actuals-spend" />
    </>
  );
}

const SPEND_BY_PLURAL: Record<SpendBy, string> = { day: 'days', model: 'models', project: 'projects' };

/**
 * The plan's actuals: the import batches (remove one: one undo step) and actual spend by day, model or project,
 * each measure in its own column (billed, metered and priced from usage are never added).
 */
export function ActualsPanel(props: {
  document: PlanDocument;
  onCommand: (command: Command | null) => void;
  onImport: () => void;
}) {
  const { document: doc, onCommand, onImport } = props;
  const [by, setBy] = useState<SpendBy>('day');
  const book = useMemo(() => createPriceBook(doc.priceEntries), [doc.priceEntries]);
  const groups = useMemo(() => groupActuals(doc.actuals, by, book), [doc.actuals, by, book]);
  return (
    <div className="pl-actuals" data-testid="actuals-panel">
      <div className="pl-actuals-actions">
        <button type="button" data-testid="actuals-panel-import" onClick={onImport}>
          Import actuals…
        </button>
        <label>
          Spend by{' '}
          <select data-testid="actuals-spend-by" value={by} onChange={(e) => setBy(e.target.value as SpendBy)}>
            <option value="day">day</option>
            <option value="model">model</option>
            <option value="project">project</option>
          </select>
        </label>
      </div>
      {doc.actuals.batches.length === 0 ? (
        <p data-testid="actuals-empty">
          No actuals yet: import a usage or cost export (File › Import actuals…, or drop a CSV or JSON file on the
          window).
        </p>
      ) : (
        <>
          <Batches document={doc} book={book} onCommand={onCommand} />
          <Spend groups={groups} by={by} />
        </>
      )}
    </div>
  );
}
