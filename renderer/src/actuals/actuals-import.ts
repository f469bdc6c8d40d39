import type { ActualSource } from '../../../shared/actuals/actual-record';
import { commitImport } from '../../../shared/actuals/ledger/commit-import';
import type { ImportPreview } from '../../../shared/actuals/ledger/import-types';
import type { ActualsLedger, ProjectLink } from '../../../shared/actuals/ledger/ledger-schema';
import type { PriceEntry } from '../../../shared/pricing/price-entry';
import { meteredOverlapsOfChange } from '../../../shared/reconcile/import-overlaps';
import type { SpendChange } from '../../../shared/reconcile/spend-groups';
import type { MeteredOverlap } from '../../../shared/reconcile/metered-overlap';
import { withProjectLink } from '../../../shared/reconcile/project-links';
import type { Result } from '../../../shared/result';
import { showValue } from '../../../shared/safe-text';
import {
  createMappingProfile,
  type MappingField,
  type MappingProfile,
  type DateOrder,
  type DecimalSeparator,
  type Delimiter,
} from '../../../shared/actuals/read';
import type {
  ActualsFileRef,
  ActualsReadChoices,
  ActualsReadFindings,
  ActualsSniff,
} from '../../../shared/ipc/actuals-contract';
import type { PixelLedgerApi } from '../../../shared/ipc/contract';
import type { RejectedRow } from '../../../shared/actuals/actual-record';
import type { Command } from '../state/commands';

/**
 * The import-actuals flow as a small state machine the dialog renders: file → detected source and dialect
 * (editable) → mapping (any other CSV) → preview (read in main, streamed, with progress and cancel) →
 * import as one undoable plan edit. Nothing touches the plan until `commit`.
 */

export type ImportStep = 'closed' | 'detecting' | 'choosing' | 'reading' | 'previewed';

export interface ImportSettings {
  readonly source: ActualSource | 'auto';
  readonly dateOrder: DateOrder | null;
  readonly delimiter: Delimiter | null;
  readonly decimalSeparator: DecimalSeparator | null;
  /** "EUR=0.92, GBP=0.79" as typed. */
  readonly rates: string;
  /** Any other CSV: which column holds each field. */
  readonly columns: Partial<Record<MappingField, string>>;
  readonly measure: MappingProfile['measure'];
  /** Any other CSV: the name to keep the mapping under when importing ('' = not kept). */
  readonly saveAs: string;
}

export interface ImportState {
  readonly step: ImportStep;
  readonly file: ActualsFileRef | null;
  readonly sniff: ActualsSniff | null;
  readonly settings: ImportSettings;
  readonly progress: { readonly fraction: number; readonly phase: 'hash' | 'read' } | null;
  /** What the last read found (source, dialect, questions to answer). */
  readonly findings: ActualsReadFindings | null;
  readonly preview: ImportPreview | null;
  /**
   * A gateway's metered spend the preview's import would count beside billed cost (import-overlaps.ts:
   * found as the CLI and the Reconcile tab find it); empty without a preview.
   */
  readonly overlaps: readonly MeteredOverlap[];
  /** The metered projects of `overlaps` to link to their suggested billed project with the import. */
  readonly linkWithImport: readonly string[];
  /** Rejected rows of a read that stopped to ask (the preview has its own). */
  readonly rejected: readonly RejectedRow[];
  /** Why the file cannot be read, or what must be chosen before it can. */
  readonly problem: string | null;
}

/** No preview, so nothing its import would do (a changed setting makes the last one stale). */
const NO_PREVIEW = { preview: null, overlaps: [], linkWithImport: [] } as const;

/** The dialog closed, with the default settings a new import starts from. */
export const CLOSED: ImportState = {
  step: 'closed',
  file: null,
  sniff: null,
  settings: {
    source: 'auto',
    dateOrder: null,
    delimiter: null,
    decimalSeparator: null,
    rates: '',
    columns: {},
    measure: 'billed',
    saveAs: '',
  },
  progress: null,
  findings: null,
  ...NO_PREVIEW,
  rejected: [],
  problem: null,
};

export interface ImportPorts {
  readonly api: PixelLedgerApi;
  ledger(): ActualsLedger;
  /** The plan's own price entries (with the built-in catalog, what prices usage): the preview checks the file's. */
  priceEntries(): readonly PriceEntry[];
  today(): string;
  execute(command: Command): void;
  reportInfo(message: string): void;
  /** Polls a running read's progress; returns a function that stops. */
  every(ms: number, run: () => void): () => void;
}

export class ActualsImport {
  private state: ImportState = CLOSED;
  private readonly listeners = new Set<() => void>();
  private readCount = 0;
  private readId: string | null = null;

  constructor(private readonly ports: ImportPorts) {}

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getState = (): ImportState => this.state;

  private update(patch: Partial<ImportState>): void {
    this.state = { ...this.state, ...patch };
    for (const l of this.listeners) l();
  }

  /** File › Import actuals…: the Open dialog, then the flow. */
  async pick(): Promise<void> {
    const picked = await this.ports.api.invoke('actuals:pick', {});
    if (picked.ok) await this.open({ kind: 'path', path: picked.path });
  }

  /** A file dropped on the window: by path where the shell knows it, else its bytes. */
  async drop(file: File): Promise<void> {
    const path = this.ports.api.pathForFile(file);
    if (path !== null) return this.open({ kind: 'path', path });
    const bytes = new Uint8Array(await file.arrayBuffer());
    return this.open({ kind: 'bytes', name: file.name, base64: toBase64(bytes) });
  }

  async open(file: ActualsFileRef): Promise<void> {
    this.update({ ...CLOSED, step: 'detecting', file });
    const { profiles } = await this.ports.api.invoke('actuals:profiles', {});
    const sniff = await this.ports.api.invoke('actuals:sniff', { file, profiles });
    const columns = sniff.profile?.columns ?? (sniff.source === 'csv' ? sniff.suggested : {});
    this.update({
      step: 'choosing',
      sniff,
      problem: sniff.error,
      settings: {
        ...CLOSED.settings,
        delimiter: sniff.delimiter,
        decimalSeparator: sniff.container === 'csv' ? sniff.decimalSeparator : null,
        dateOrder: sniff.profile?.dateOrder ?? (sniff.dateOrder.how === 'inferred' ? sniff.dateOrder.order : null),
        columns,
        measure: sniff.profile?.measure ?? 'billed',
        saveAs: sniff.profile?.name ?? '',
      },
    });
  }

  /** The user changed a setting: the last preview no longer applies (the name a mapping is kept under aside). */
  change(patch: Partial<ImportSettings>): void {
    const settings = { ...this.state.settings, ...patch };
    if (Object.keys(patch).every((k) => k === 'saveAs')) this.update({ settings });
    else this.update({ settings, step: 'choosing', ...NO_PREVIEW });
  }

  /** Whether the file is read through a column mapping (any other CSV). */
  mapped(): boolean {
    const source = this.state.settings.source;
    return source === 'csv' || (source === 'auto' && this.state.sniff?.source === 'csv');
  }

  private choices(): ActualsReadChoices | string {
    const s = this.state.settings;
    const rates: Record<string, string> = {};
    for (const part of s.rates.split(/[,;\s]+/).filter(Boolean)) {
      const m = /^([A-Za-z]{3})=(\S+)$/.exec(part);
      if (!m?.[1] || !m[2]) return `Write each rate as CUR=PER_USD, e.g. EUR=0.92 (not "${part}")`;
      rates[m[1].toUpperCase()] = m[2];
    }
    let profile: MappingProfile | null = null;
    if (this.mapped()) {
      const columns = Object.fromEntries(Object.entries(s.columns).filter(([, c]) => c !== ''));
      const made = createMappingProfile({
        name: s.saveAs.trim() || (this.state.sniff?.fileName ?? 'mapping'),
        header: this.state.sniff?.header ?? [],
        columns,
        measure: s.measure,
        dateOrder: s.dateOrder,
      });
      if (!made.ok) return `Mapping: ${made.error}`;
      profile = made.value;
    }
    const source = this.mapped() ? 'csv' : s.source;
    return {
      source,
      profile,
      dateOrder: s.dateOrder,
      delimiter: s.delimiter,
      decimalSeparator: s.decimalSeparator,
      rates,
    };
  }

  /** Reads the whole file in main against the plan's ledger, polling its progress. */
  async runPreview(): Promise<void> {
    const file = this.state.file;
    if (file === null) return;
    const choices = this.choices();
    if (typeof choices === 'string') {
      this.update({ problem: choices });
      return;
    }
    const readId = `read-${Date.now()}-${++this.readCount}`;
    this.readId = readId;
    this.update({ step: 'reading', progress: { fraction: 0, phase: 'hash' }, problem: null, ...NO_PREVIEW });
    const stop = this.ports.every(250, () => void this.poll(readId));
    try {
      const result = await this.ports.api.invoke('actuals:preview', {
        readId,
        file,
        ledger: this.ports.ledger(),
        priceEntries: this.ports.priceEntries(),
        choices,
        today: this.ports.today(),
      });
      if (this.readId !== readId) return;
      if (result.ok)
        this.update({
          step: 'previewed',
          findings: result.findings,
          preview: result.preview,
          overlaps: this.overlapsOf(result.preview, result.spendChange),
        });
      else if ('canceled' in result) this.update({ step: 'choosing', problem: 'Reading was cancelled.' });
      else if ('error' in result) this.update({ step: 'choosing', problem: result.error });
      else
        this.update({
          step: 'choosing',
          findings: result.findings,
          rejected: result.rejected,
          problem: result.findings.choices.map((c) => c.message).join(' ') || 'The file needs a choice.',
        });
    } finally {
      stop();
      if (this.readId === readId) this.update({ progress: null });
    }
  }

  /**
   * The gateway spend `preview`'s import would count beside the bill, with the ledger as it is now: the
   * file's change, worked out by the host with the preview, added to the ledger's grouping (kept from one
   * preview to the next). Milliseconds, where reading the file's batch here and grouping the ledger with it
   * again held the page up for a third of a second on a large file.
   */
  private overlapsOf(preview: ImportPreview, change: readonly SpendChange[]): readonly MeteredOverlap[] {
    const ledger = this.ports.ledger();
    // A preview the ledger no longer takes is refused at commit, with why. One it takes was made against
    // these very batches, and so was the change; links and rules changed since are the ledger's, as now.
    return commitImport(ledger, preview).ok ? meteredOverlapsOfChange(ledger, change) : [];
  }

  /** Whether to link an overlap's metered project to its suggested billed project with the import. */
  chooseLink(metered: string, link: boolean): void {
    const others = this.state.linkWithImport.filter((m) => m !== metered);
    this.update({ linkWithImport: link ? [...others, metered] : others });
  }

  /** The links chosen for the import, each to the billed project whose bill agrees. */
  private chosenLinks(): ProjectLink[] {
    return this.state.overlaps.flatMap((o) =>
      o.suggested !== null && this.state.linkWithImport.includes(o.metered)
        ? [{ metered: o.metered, billed: o.suggested }]
        : [],
    );
  }

  private async poll(readId: string): Promise<void> {
    const p = await this.ports.api.invoke('actuals:progress', { readId });
    if (p === null || this.readId !== readId || this.state.step !== 'reading') return;
    this.update({ progress: { fraction: p.bytesTotal > 0 ? p.bytesDone / p.bytesTotal : 0, phase: p.phase } });
  }

  async cancelRead(): Promise<void> {
    if (this.readId !== null) await this.ports.api.invoke('actuals:cancel', { readId: this.readId });
  }

  /** The mapping as set now, or why it is not complete. */
  mappingProfile(): MappingProfile | string {
    const choices = this.choices();
    if (typeof choices === 'string') return choices;
    return choices.profile ?? 'This file is not read through a column mapping.';
  }

  /** Loads a mapping from a JSON file (a colleague's): its columns and settings apply to this file. */
  async loadProfile(): Promise<void> {
    const loaded = await this.ports.api.invoke('actuals:load-profile', { path: null });
    if (!loaded.ok) {
      if ('error' in loaded) this.update({ problem: loaded.error });
      return;
    }
    const p = loaded.profile;
    this.change({ source: 'csv', columns: p.columns, measure: p.measure, dateOrder: p.dateOrder, saveAs: p.name });
  }

  async exportProfile(): Promise<void> {
    const profile = this.mappingProfile();
    if (typeof profile === 'string') {
      this.update({ problem: profile });
      return;
    }
    const written = await this.ports.api.invoke('actuals:export-profile', { profile, path: null });
    if (!written.ok && 'error' in written) this.update({ problem: written.error });
  }

  /**
   * Applies the preview as one undoable edit of the plan's actuals, with the links chosen (so one Undo takes
   * back both), and keeps the mapping when asked.
   */
  commit(): void {
    const preview = this.state.preview;
    if (preview === null || preview.batch === null) return;
    const profile = this.mapped() && this.state.settings.saveAs.trim() !== '' ? this.mappingProfile() : null;
    if (profile !== null && typeof profile !== 'string')
      void this.ports.api.invoke('actuals:save-profile', { profile });
    const before = this.ports.ledger();
    const links = this.chosenLinks();
    const after = importedAndLinked(before, preview, links);
    if (!after.ok) {
      this.update({ problem: after.error, step: 'choosing', ...NO_PREVIEW });
      return;
    }
    const linked = links.map((l) => `link ${l.metered} to ${l.billed}`);
    this.ports.execute({
      kind: 'set-parts',
      label: [`Import actuals (${preview.fileName})`, ...linked].join(' and '),
      before: { actuals: before },
      after: { actuals: after.value },
    });
    this.ports.reportInfo(
      `Imported ${preview.fileName}: ${preview.rowsToImport.toLocaleString('en-US')} rows as batch ${preview.batch.id} (${preview.measure}).` +
        overlapsAfterImport(this.state.overlaps, links),
    );
    this.close();
  }

  async exportRejected(): Promise<void> {
    const rows = this.state.preview?.rejected ?? this.state.rejected;
    const name = (this.state.sniff?.fileName ?? 'file').replace(/\.[^.]*$/, '');
    await this.ports.api.invoke('actuals:export-rejected', {
      rows,
      suggestedName: `${name} rejected rows.csv`,
      path: null,
    });
  }

  close(): void {
    if (this.state.step === 'reading') void this.cancelRead();
    this.readId = null;
    this.update(CLOSED);
  }
}

/** The ledger with the preview's batch and the links chosen with it. */
function importedAndLinked(
  before: ActualsLedger,
  preview: ImportPreview,
  links: readonly ProjectLink[],
): Result<ActualsLedger> {
  let ledger = commitImport(before, preview);
  for (const l of links) if (ledger.ok) ledger = withProjectLink(ledger.value, l.metered, l.billed);
  return ledger;
}

/** What the import did about the gateway spend its preview found beside the bill, for the status line. */
function overlapsAfterImport(overlaps: readonly MeteredOverlap[], links: readonly ProjectLink[]): string {
  return overlaps
    .map((o) => {
      const team = `"${showValue(o.metered)}"`;
      const link = links.find((l) => l.metered === o.metered);
      return link
        ? ` Gateway team ${team} is linked to billed project "${showValue(link.billed)}": its spend counts once, as billed.`
        : ` The spend of gateway team ${team} is counted beside the bill: if it is on the bill, link it on the Reconcile tab.`;
    })
    .join('');
}

/** The command that removes a batch: one undo step puts it back. */
export function removeBatchCommand(before: ActualsLedger, after: ActualsLedger, batchId: string): Command {
  return {
    kind: 'set-parts',
    label: `Remove actuals batch ${batchId}`,
    before: { actuals: before },
    after: { actuals: after },
  };
}

function toBase64(bytes: Uint8Array): string {
  let text = '';
  for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(text);
}
