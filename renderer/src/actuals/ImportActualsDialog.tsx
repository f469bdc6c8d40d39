import { useMemo } from 'react';
import { formatUsdDecimal } from '../../../shared/money/format';
import { ACTUAL_SOURCES } from '../../../shared/actuals/actual-record';
import { type PreviewTotal, previewAmountText } from '../../../shared/actuals/ledger/import-types';
import { missingRateCurrency } from '../../../shared/actuals/read/read-context';
import { groupRejectedRows } from '../../../shared/actuals/rejected-groups';
import { DATE_ORDERS, DELIMITERS, MAPPING_FIELDS, type MappingField } from '../../../shared/actuals/read';
import { Modal, type ModalButton } from '../app/Modal';
import { UnpricedUsageNotice } from '../panels/reconcile/ReconcileTables';
import type { ActualsImport, ImportSettings, ImportState } from './actuals-import';
import { ImportOverlapNotice } from './ImportOverlapNotice';

/** Problems (groups of rejected rows) shown on screen; every rejected row goes to the exported CSV. */
const SHOWN_REJECTED = 1000;

const DELIMITER_NAMES: Record<string, string> = { ',': 'comma', ';': 'semicolon', '\t': 'tab', '|': 'pipe' };

function CsvDialect({ settings: s, set }: { settings: ImportSettings; set: (patch: Partial<ImportSettings>) => void }) {
  return (
    <>
      <label>
        Delimiter{' '}
        <select
          data-testid="actuals-delimiter"
          value={s.delimiter ?? ''}
          onChange={(e) => set({ delimiter: (e.target.value || null) as ImportSettings['delimiter'] })}
        >
          {DELIMITERS.map((d) => (
            <option key={d} value={d}>
              {DELIMITER_NAMES[d] ?? d}
            </option>
          ))}
        </select>
      </label>
      <label>
        Decimal{' '}
        <select
          data-testid="actuals-decimal"
          value={s.decimalSeparator ?? '.'}
          onChange={(e) => set({ decimalSeparator: e.target.value as ImportSettings['decimalSeparator'] })}
        >
          <option value=".">point (1.5)</option>
          <option value=",">comma (1,5)</option>
        </select>
      </label>
    </>
  );
}

function DetectedSettings({ state, flow }: { state: ImportState; flow: ActualsImport }) {
  const s = state.settings;
  const sniff = state.sniff;
  const set = (patch: Partial<ImportSettings>) => flow.change(patch);
  return (
    <fieldset className="pl-actuals-settings" data-testid="actuals-detected">
      <legend>
        Detected: {sniff?.source ?? 'unknown source'}
        {sniff?.container ? `, ${sniff.container}` : ''}
        {sniff?.encoding ? `, ${sniff.encoding}` : ''}
      </legend>
      <label>
        Source{' '}
        <select
          data-testid="actuals-source"
          value={s.source}
          onChange={(e) => set({ source: e.target.value as ImportSettings['source'] })}
        >
          <option value="auto">auto ({sniff?.source ?? 'detect'})</option>
          {ACTUAL_SOURCES.map((src) => (
            <option key={src} value={src}>
              {src === 'csv' ? 'any other CSV (map columns)' : src}
            </option>
          ))}
        </select>
      </label>
      {sniff?.container === 'csv' && <CsvDialect settings={s} set={set} />}
      <label>
        Date format{' '}
        <select
          data-testid="actuals-date-format"
          value={s.dateOrder ?? ''}
          onChange={(e) => set({ dateOrder: (e.target.value || null) as ImportSettings['dateOrder'] })}
        >
          <option value="">as the file shows (asked if unclear)</option>
          {DATE_ORDERS.map((d) => (
            <option key={d} value={d}>
              {d === 'ISO' ? 'ISO (2026-11-03)' : d === 'DMY' ? 'DMY (03/11/2026 = 3 Nov)' : 'MDY (11/03/2026 = Nov 3)'}
            </option>
          ))}
        </select>
      </label>
      <label>
        Rates{' '}
        <input
          data-testid="actuals-rates"
          placeholder="EUR=0.92 (per USD)"
          value={s.rates}
          onChange={(e) => set({ rates: e.target.value })}
        />
      </label>
    </fieldset>
  );
}

function MappingSettings({ state, flow }: { state: ImportState; flow: ActualsImport }) {
  const s = state.settings;
  const header = state.sniff?.header ?? [];
  const setColumn = (field: MappingField, column: string) =>
    flow.change({ columns: { ...s.columns, [field]: column } });
  return (
    <fieldset className="pl-actuals-mapping" data-testid="actuals-mapping">
      <legend>Columns (any other CSV)</legend>
      <label>
        Keep this mapping as{' '}
        <input
          data-testid="actuals-save-as"
          placeholder="name (offered again for this header)"
          value={s.saveAs}
          onChange={(e) => flow.change({ saveAs: e.target.value })}
        />
      </label>
      <button type="button" data-testid="actuals-load-profile" onClick={() => void flow.loadProfile()}>
        Load mapping…
      </button>
      <button type="button" data-testid="actuals-export-profile" onClick={() => void flow.exportProfile()}>
        Export mapping…
      </button>
      <label>
        Amounts are{' '}
        <select
          data-testid="actuals-measure"
          value={s.measure}
          onChange={(e) => flow.change({ measure: e.target.value as ImportSettings['measure'] })}
        >
          <option value="billed">billed (invoices)</option>
          <option value="metered">metered (a gateway&apos;s spend)</option>
          <option value="usage">usage (counts, priced later)</option>
        </select>
      </label>
      {MAPPING_FIELDS.map((field) => (
        <label key={field}>
          {field}{' '}
          <select
            data-testid={`actuals-map-${field}`}
            value={s.columns[field] ?? ''}
            onChange={(e) => setColumn(field, e.target.value)}
          >
            <option value="">—</option>
            {header.map((h) => (
              <option key={h} value={h}>
                {h}
              </option>
            ))}
          </select>
        </label>
      ))}
    </fieldset>
  );
}

function Totals({
  title,
  rows,
  measure,
  testId,
}: {
  title: string;
  rows: readonly PreviewTotal[];
  measure: string;
  testId: string;
}) {
  return (
    <table className="pl-table" data-testid={testId}>
      <caption>{title}</caption>
      <thead>
        <tr>
          <th>{title.replace('By ', '')}</th>
          <th className="num">Amount ({measure})</th>
          <th className="num">Images</th>
          <th className="num">Requests</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key}>
            <td>{r.key || '(none)'}</td>
            <td className="num" title={r.amountUsd === null ? undefined : `$${r.amountUsd} exactly`}>
              {r.amountUsd === null ? '—' : formatUsdDecimal(r.amountUsd)}
            </td>
            <td className="num">{r.images.toLocaleString('en-US')}</td>
            <td className="num">{r.requests.toLocaleString('en-US')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A rejection's reason, with where this dialog takes the fix (a missing rate: its Rates field). */
function reasonText(reason: string): string {
  const currency = missingRateCurrency(reason);
  return currency === null ? reason : `${reason} in Rates above, e.g. ${currency}=0.92`;
}

function RejectedRows({ state, flow }: { state: ImportState; flow: ActualsImport }) {
  const rows = state.preview?.rejected ?? state.rejected;
  const total = state.preview?.rowsRejected ?? rows.length;
  // One line per problem: 15,000 rows whose amount reads "n/a" are one line with their count.
  const groups = useMemo(() => groupRejectedRows(rows), [rows]);
  if (rows.length === 0) return null;
  return (
    <div className="pl-actuals-rejected">
      <table className="pl-table" data-testid="actuals-rejected">
        <caption>
          Rejected rows ({total.toLocaleString('en-US')}
          {groups.length > SHOWN_REJECTED
            ? `; the first ${SHOWN_REJECTED} of ${groups.length.toLocaleString('en-US')} problems shown`
            : ''}
          )
        </caption>
        <thead>
          <tr>
            <th>File</th>
            <th className="num">Line</th>
            <th>Column</th>
            <th>Reason</th>
            <th className="num">Rows</th>
          </tr>
        </thead>
        <tbody>
          {groups.slice(0, SHOWN_REJECTED).map((g, i) => (
            <tr key={`${g.firstLines[0] ?? 0}-${i}`}>
              <td>{g.file}</td>
              <td className="num">
                {g.firstLines.join(', ')}
                {g.count > g.firstLines.length ? ', …' : ''}
              </td>
              <td>{g.column ?? ''}</td>
              <td>{reasonText(g.reason)}</td>
              <td className="num">{g.count.toLocaleString('en-US')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" data-testid="actuals-export-rejected" onClick={() => void flow.exportRejected()}>
        Export rejected rows as CSV…
      </button>
    </div>
  );
}

function PreviewSummary({ state, flow }: { state: ImportState; flow: ActualsImport }) {
  const p = state.preview;
  if (p === null) return null;
  // A file imported before adds nothing: one message with the way out, no empty counts and tables.
  if (p.sameFileAs !== null)
    return (
      <div className="pl-actuals-preview" data-testid="actuals-preview">
        <p className="pl-warning" data-testid="actuals-same-file">
          This file was imported before (batch {p.sameFileAs.batchId}, {p.sameFileAs.importedAt}): nothing will be
          added. To import it again (say, with a rate it lacked), remove batch {p.sameFileAs.batchId} first in Actuals ›
          Import batches › Remove, then import the file again.
        </p>
      </div>
    );
  return (
    <div className="pl-actuals-preview" data-testid="actuals-preview">
      <p data-testid="actuals-counts">
        {p.source} ({p.measure}): {p.rowsRead.toLocaleString('en-US')} rows read,{' '}
        {p.rowsToImport.toLocaleString('en-US')} to import, {p.rowsRejected.toLocaleString('en-US')} rejected,{' '}
        {p.rowsDuplicate.toLocaleString('en-US')} duplicates, {p.rowsReplacing.toLocaleString('en-US')} replacing
        earlier imports.
      </p>
      <p data-testid="actuals-period">
        Period {p.periodStart ?? '—'} to {p.periodEnd ?? '—'};{' '}
        <span title={p.amountUsd === null ? undefined : `$${p.amountUsd} exactly`}>
          {previewAmountText(p.amountUsd, p.measure, formatUsdDecimal)}
        </span>
      </p>
      <ImportOverlapNotice state={state} flow={flow} />
      {[...(state.findings?.notes ?? []), ...p.warnings, ...p.rules].map((w) => (
        <p key={w} className="pl-note">
          {w}
        </p>
      ))}
      {p.unpricedUsage !== null && (
        <UnpricedUsageNotice
          buckets={p.unpricedUsage.buckets}
          byModel={p.unpricedUsage.byModel}
          outcome="in this file cannot be priced with the plan's price book (reconciliation counts usage it cannot price as $0)"
          testId="actuals-unpriced-usage"
        />
      )}
      <div className="pl-actuals-totals">
        <Totals title="By day" rows={p.byDay} measure={p.measure} testId="actuals-by-day" />
        <Totals title="By model" rows={p.byModel} measure={p.measure} testId="actuals-by-model" />
      </div>
    </div>
  );
}

function Progress({ state, flow }: { state: ImportState; flow: ActualsImport }) {
  if (state.step !== 'reading') return null;
  const percent = Math.round((state.progress?.fraction ?? 0) * 100);
  return (
    <div className="pl-actuals-progress" data-testid="actuals-progress">
      <progress max={100} value={percent} /> {state.progress?.phase === 'hash' ? 'Checking the file' : 'Reading'}…{' '}
      {percent}%{' '}
      <button type="button" data-testid="actuals-cancel-read" onClick={() => void flow.cancelRead()}>
        Cancel
      </button>
    </div>
  );
}

/** File › Import actuals… and a file dropped on the window: detected source and dialect, mapping, preview, import. */
export function ImportActualsDialog({ state, flow }: { state: ImportState; flow: ActualsImport }) {
  if (state.step === 'closed') return null;
  const canImport = state.step === 'previewed' && (state.preview?.batch ?? null) !== null;
  const buttons: ModalButton[] = [
    ...(canImport ? [{ label: 'Import', primary: true, testId: 'actuals-import', onClick: () => flow.commit() }] : []),
    ...(state.step === 'choosing' && (state.sniff?.error ?? null) === null
      ? [{ label: 'Preview', primary: true, testId: 'actuals-run-preview', onClick: () => void flow.runPreview() }]
      : []),
    { label: 'Cancel', testId: 'actuals-close', onClick: () => flow.close() },
  ];
  const title = `Import actuals: ${state.sniff?.fileName ?? 'reading the file…'}`;
  return (
    <Modal title={title} buttons={buttons} testId="actuals-dialog" wide>
      {state.sniff && state.sniff.error === null && <DetectedSettings state={state} flow={flow} />}
      {state.sniff && state.sniff.error === null && flow.mapped() && <MappingSettings state={state} flow={flow} />}
      {state.problem !== null && (
        <p className="pl-error" role="alert" data-testid="actuals-problem">
          {state.problem}
        </p>
      )}
      <Progress state={state} flow={flow} />
      <PreviewSummary state={state} flow={flow} />
      <RejectedRows state={state} flow={flow} />
    </Modal>
  );
}
