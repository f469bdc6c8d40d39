import type { PixelLedgerApi, SaveResult } from '../../../shared/ipc/contract';
import { parsePlanText } from '../../../shared/plan/plan-document';
import { PLAN_FILE_EXTENSION, type PlanDocument } from '../../../shared/plan/plan-schema';
import { displayFileName } from '../app/window-title';
import type { PlanStore } from './plan-store';

export type UnsavedChoice = 'save' | 'discard' | 'cancel';
/** What to do when the plan's file was written by another program since it was opened or saved. */
export type ChangedOnDiskChoice = 'save-as' | 'overwrite' | 'cancel';

export interface RecoveryOffer {
  readonly savedAt: string;
  readonly planName: string;
}

/** The last plan did not open at start; its backup does, and is offered. */
export interface BackupOffer {
  readonly path: string;
  readonly savedAt: string;
}

export interface PendingImport {
  readonly document: PlanDocument;
  readonly path: string;
}

/** What the file flows show: the dialogs and offers open now. */
export interface PlanFilesState {
  /** app:startup answered (or failed): autosave and the window's title state start then. */
  readonly ready: boolean;
  /** What the user is doing when asked Save / Don't Save / Cancel, or null when nobody is asked. */
  readonly unsavedQuestion: string | null;
  /** A save found the plan's file written by another program since: Save As, Overwrite or Cancel is asked. */
  readonly changedOnDisk: boolean;
  readonly recovery: RecoveryOffer | null;
  readonly pendingImport: PendingImport | null;
  readonly backup: BackupOffer | null;
}

/** What the file flows need from the app; the tests give fakes. */
export interface PlanFilesPorts {
  readonly api: PixelLedgerApi;
  readonly store: PlanStore;
  reportError(message: string | null): void;
  reportInfo(message: string): void;
  /** A different plan is now shown (open, new, restore): per-plan messages are stale. */
  onPlanReplaced(): void;
  /** Runs a user action started by the shell, reporting a failure instead of dropping it. */
  attempt(task: Promise<unknown>): void;
  /** Today as YYYY-MM-DD (new plans and the sample are priced as of it). */
  today(): string;
  /** Runs `run` after `ms`; returns what cancels it. */
  schedule(run: () => void, ms: number): () => void;
  /**
   * A plan being opened, parsed but not yet validated by main (InvokeOptions.onUnverifiedPlan): warms what
   * showing it needs, never shows it.
   */
  preparePlan?(document: unknown): void;
}

export const AUTOSAVE_DELAY_MS = 1500;

/** A question put to the user: `ask` waits for the answer the dialog then `give`s (once). */
class PendingAnswer<T> {
  private resolve: ((answer: T) => void) | null = null;

  ask(): Promise<T> {
    return new Promise<T>((resolve) => {
      this.resolve = resolve;
    });
  }

  give(answer: T): void {
    const resolve = this.resolve;
    this.resolve = null;
    resolve?.(answer);
  }
}

const INITIAL: PlanFilesState = {
  ready: false,
  unsavedQuestion: null,
  changedOnDisk: false,
  recovery: null,
  pendingImport: null,
  backup: null,
};

/**
 * Plan files as people expect them, as a state machine the React hook only adapts: start with what main
 * offers (the last file, or the sample), Save / Save As / Open / New / Close asking before unsaved work is
 * dropped, a crash autosave while the plan is dirty and its restore offer, Excel export and import (with a
 * preview before it applies), plan files dropped on the window, and the window's title state for main.
 */
export class PlanFiles {
  private state: PlanFilesState = INITIAL;
  private readonly listeners = new Set<() => void>();
  private readonly unsavedAnswer = new PendingAnswer<UnsavedChoice>();
  private readonly changedOnDiskAnswer = new PendingAnswer<ChangedOnDiskChoice>();
  // recovery:discard also drops a crash recovery still on offer, so it waits until that offer is answered.
  private recoveryOffered = false;
  private cancelAutosave: (() => void) | null = null;
  /** Plans opened or started so far: an open that another overtook while it was read is not shown. */
  private replacements = 0;
  private reportedState = '';

  constructor(private readonly ports: PlanFilesPorts) {}

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getState = (): PlanFilesState => this.state;

  private update(patch: Partial<PlanFilesState>): void {
    this.state = { ...this.state, ...patch };
    for (const listener of this.listeners) listener();
  }

  /**
   * Asks main what to show first and listens to the shell (files to open, close requests) and to the
   * store (autosave, title state). Returns what stops it all; a late startup answer is then ignored.
   */
  start(): () => void {
    const { api, store } = this.ports;
    let stopped = false;
    api.invoke('app:startup', { today: this.ports.today() }).then(
      (startup) => {
        if (stopped) return;
        store.load(startup.plan.document, startup.plan.path);
        if (startup.plan.fieldsLeftOut) this.ports.reportInfo(fieldsLeftOutNotice(startup.plan.fieldsLeftOut));
        if (startup.recovery) {
          this.recoveryOffered = true;
          this.update({ recovery: { savedAt: startup.recovery.savedAt, planName: startup.recovery.planName } });
        }
        if (startup.openError) this.ports.reportError(`Could not open the plan: ${startup.openError}`);
        if (startup.backup) this.update({ backup: startup.backup });
        this.becomeReady();
      },
      (e: unknown) => {
        if (stopped) return;
        this.ports.reportError(`Pixel Ledger could not start: ${e instanceof Error ? e.message : String(e)}`);
        this.becomeReady();
      },
    );
    const offs = [
      api.on('app:open-file', ({ path }) => this.ports.attempt(this.openPlan(path))),
      api.on('window:close-requested', () => this.ports.attempt(this.closeWindow())),
      store.subscribe(() => this.onStoreChanged()),
    ];
    return () => {
      stopped = true;
      this.cancelAutosave?.();
      for (const off of offs) off();
    };
  }

  private becomeReady(): void {
    this.update({ ready: true });
    this.onStoreChanged();
  }

  /** The file name the title shows: the file's own name, or the plan's name while it has no file. */
  fileName(): string {
    const snap = this.ports.store.getSnapshot();
    return displayFileName(snap.path, snap.document.meta.name);
  }

  private onStoreChanged(): void {
    if (!this.state.ready) return;
    this.reportDocumentState();
    this.scheduleAutosave();
  }

  /** Main shows the file name and the unsaved mark in the window's title bar (sent only when they change). */
  private reportDocumentState(): void {
    const fileName = this.fileName().slice(0, 260);
    const dirty = this.ports.store.getSnapshot().dirty;
    const key = `${dirty ? 1 : 0}${fileName}`;
    if (key === this.reportedState) return;
    this.reportedState = key;
    this.ports.api.invoke('window:document-state', { fileName, dirty }).catch(() => undefined);
  }

  /** Autosave to the recovery file a moment after the last change, while there are unsaved changes. */
  private scheduleAutosave(): void {
    this.cancelAutosave?.();
    this.cancelAutosave = null;
    if (!this.ports.store.getSnapshot().dirty) return;
    this.cancelAutosave = this.ports.schedule(() => {
      this.cancelAutosave = null;
      const snap = this.ports.store.getSnapshot();
      if (snap.dirty)
        this.ports.api.invoke('recovery:write', { document: snap.document, path: snap.path }).catch(() => undefined);
    }, AUTOSAVE_DELAY_MS);
  }

  private loadPlan(document: PlanDocument, path: string | null, dirty = false): void {
    this.ports.store.load(document, path, { dirty });
    this.ports.onPlanReplaced();
  }

  private async dropStaleAutosave(): Promise<void> {
    if (!this.recoveryOffered) await this.ports.api.invoke('recovery:discard', {}).catch(() => undefined);
  }

  /**
   * Saves to the plan's file (asking for one with Save As or when it has none); true when saved. When
   * another program wrote the file since it was opened or saved, asks whether to save as a new file,
   * overwrite theirs, or cancel.
   */
  async save(saveAs: boolean, overwrite = false): Promise<boolean> {
    const { api, store } = this.ports;
    const snap = store.getSnapshot();
    // The save takes these changes to disk: an autosave of the same plan meanwhile would only compete with
    // it (a 100k-row plan sent and written twice at once). It is due again once main answers, if the plan
    // is still dirty then.
    this.cancelAutosave?.();
    this.cancelAutosave = null;
    let result: SaveResult;
    try {
      result = await api.invoke('plan:save', {
        document: snap.document,
        path: snap.path,
        saveAs: saveAs || snap.path === null,
        overwrite,
      });
    } finally {
      this.scheduleAutosave();
    }
    if (result.ok) {
      // Main drops the session autosave itself once the file holds the changes.
      store.markSaved(result.path, snap.version);
      this.ports.reportError(null);
      this.ports.reportInfo(`Saved to ${result.path}`);
      return true;
    }
    if ('changedOnDisk' in result) {
      const asked = this.changedOnDiskAnswer.ask();
      this.update({ changedOnDisk: true });
      const choice = await asked;
      if (choice === 'cancel') return false;
      return choice === 'overwrite' ? this.save(false, true) : this.save(true);
    }
    if ('error' in result) this.ports.reportError(`Could not save the plan: ${result.error}`);
    return false;
  }

  answerChangedOnDisk(choice: ChangedOnDiskChoice): void {
    this.update({ changedOnDisk: false });
    this.changedOnDiskAnswer.give(choice);
  }

  /** Asks Save / Don't Save / Cancel when there are unsaved changes; true when the plan may be replaced. */
  private async settleUnsaved(action: string): Promise<boolean> {
    if (!this.ports.store.getSnapshot().dirty) return true;
    const asked = this.unsavedAnswer.ask();
    this.update({ unsavedQuestion: action });
    const choice = await asked;
    if (choice === 'cancel') return false;
    if (choice === 'save') return this.save(false);
    return true;
  }

  answerUnsaved(choice: UnsavedChoice): void {
    this.update({ unsavedQuestion: null });
    this.unsavedAnswer.give(choice);
  }

  async openPlan(path: string | null): Promise<void> {
    if (!(await this.settleUnsaved('opening another plan'))) return;
    const opening = ++this.replacements;
    const result = await this.ports.api.invoke(
      'plan:open',
      { path },
      { onUnverifiedPlan: (document) => this.ports.preparePlan?.(document) },
    );
    // Another plan was opened (or a new one started) while this one was read: the later choice stands.
    if (opening !== this.replacements) return;
    if (result.ok) {
      this.loadPlan(result.plan.document, result.plan.path);
      this.ports.reportError(null);
      const leftOut = result.plan.fieldsLeftOut;
      if (leftOut) this.ports.reportInfo(fieldsLeftOutNotice(leftOut));
      await this.dropStaleAutosave();
    } else if ('error' in result) {
      this.ports.reportError(`Could not open the plan: ${result.error}`);
    }
  }

  async newPlan(template: 'blank' | 'sample', action = 'starting a new plan'): Promise<void> {
    if (!(await this.settleUnsaved(action))) return;
    const starting = ++this.replacements;
    const opened = await this.ports.api.invoke('plan:new', { template, today: this.ports.today() });
    if (starting !== this.replacements) return;
    this.loadPlan(opened.document, opened.path);
    this.ports.reportError(null);
    await this.dropStaleAutosave();
  }

  async closeWindow(): Promise<void> {
    if (!(await this.settleUnsaved('closing'))) return;
    await this.dropStaleAutosave();
    await this.ports.api.invoke('window:close-confirmed', {});
  }

  async exportXlsx(): Promise<void> {
    const snap = this.ports.store.getSnapshot();
    const result = await this.ports.api.invoke('xlsx:export', {
      document: snap.document,
      scenarioId: snap.document.activeScenarioId,
      path: null,
      planPath: snap.path,
    });
    if (result.ok) this.ports.reportInfo(`Exported to ${result.path}`);
    else if ('error' in result) this.ports.reportError(`Could not export the workbook: ${result.error}`);
  }

  /** The reconciliation table as CSV, as of a day (null: the latest actual), for the active scenario. */
  async exportReconciliationCsv(asOf: string | null = null): Promise<void> {
    const snap = this.ports.store.getSnapshot();
    const result = await this.ports.api.invoke('reconcile:export-csv', {
      document: snap.document,
      asOf,
      path: null,
      planPath: snap.path,
    });
    if (result.ok) this.ports.reportInfo(`Exported the reconciliation to ${result.path}`);
    else if ('error' in result) this.ports.reportError(`Could not export the reconciliation: ${result.error}`);
  }

  /** Reads a workbook into a pending import: nothing changes until confirmImport. */
  async importXlsx(): Promise<void> {
    const result = await this.ports.api.invoke('xlsx:import', { path: null });
    if (result.ok) this.update({ pendingImport: { document: result.document, path: result.path } });
    else if ('error' in result) this.ports.reportError(`Could not import the workbook: ${result.error}`);
  }

  /** Applies the pending import as one undo step: rows, scenarios, prices and details from the workbook. */
  confirmImport(): void {
    const pending = this.state.pendingImport;
    if (!pending) return;
    const doc = this.ports.store.getSnapshot().document;
    const next = pending.document;
    const partsOf = (d: PlanDocument) => ({
      meta: d.meta,
      priceEntries: d.priceEntries,
      rows: d.rows,
      scenarios: d.scenarios,
      activeScenarioId: d.activeScenarioId,
    });
    this.ports.store.execute({
      kind: 'set-parts',
      label: 'Import from Excel',
      before: partsOf(doc),
      after: partsOf(next),
    });
    this.ports.reportInfo(`Imported ${next.rows.length} rows from ${pending.path}`);
    this.update({ pendingImport: null });
  }

  cancelImport(): void {
    this.update({ pendingImport: null });
  }

  /**
   * A file dropped on the window: a plan file opens (from its path where the shell knows it, else read
   * here as an unsaved copy, since a plain browser never reveals paths); anything else is refused.
   */
  async openDropped(file: File): Promise<void> {
    if (!file.name.toLowerCase().endsWith(PLAN_FILE_EXTENSION)) {
      this.ports.reportError(`${file.name} is not a plan: drop a ${PLAN_FILE_EXTENSION} file`);
      return;
    }
    const filePath = this.ports.api.pathForFile(file);
    if (filePath !== null) {
      await this.openPlan(filePath);
      return;
    }
    const parsed = parsePlanText(await file.text());
    if (!parsed.ok) {
      this.ports.reportError(`Could not open ${file.name}: ${parsed.error}`);
      return;
    }
    if (!(await this.settleUnsaved('opening the dropped plan'))) return;
    this.loadPlan(parsed.value, null, true);
    this.ports.reportError(null);
  }

  async restoreRecovery(): Promise<void> {
    const result = await this.ports.api.invoke('recovery:restore', {});
    this.recoveryOffered = false;
    this.update({ recovery: null });
    if (result.ok) this.loadPlan(result.plan.document, result.plan.path, true);
    else this.ports.reportError(`Could not restore the recovered plan: ${result.error}`);
  }

  /** Opens the backup start-up offered, as that plan with unsaved changes: saving puts it back in place. */
  async restoreBackup(): Promise<void> {
    const offer = this.state.backup;
    if (!offer) return;
    if (!(await this.settleUnsaved('restoring the backup'))) return;
    this.update({ backup: null });
    const result = await this.ports.api.invoke('plan:restore-backup', { path: offer.path });
    if (!result.ok) {
      if ('error' in result) this.ports.reportError(`Could not restore the backup: ${result.error}`);
      return;
    }
    this.loadPlan(result.plan.document, result.plan.path, true);
    this.ports.reportError(null);
    this.ports.reportInfo(`Restored the backup of ${result.plan.path}: save to put it back in place`);
  }

  dismissBackup(): void {
    this.update({ backup: null });
  }

  async discardRecovery(): Promise<void> {
    this.recoveryOffered = false;
    this.update({ recovery: null });
    await this.ports.api.invoke('recovery:discard', {});
  }
}

/**
 * What the page says of keys a plan file holds that this version does not read: saving drops them.
 * `count` is every key (a key on each of 100k rows is 100k); `first` names the first distinct ones.
 */
export function fieldsLeftOutNotice({
  count,
  first,
  more,
}: {
  count: number;
  first: readonly string[];
  more: number;
}): string {
  const fields = count === 1 ? 'a field' : `${count.toLocaleString('en-US')} fields`;
  const others = more > 0 ? `, and ${more.toLocaleString('en-US')} more` : '';
  return `The file holds ${fields} this version does not read (${first.join(', ')}${others}): ignored, and left out when the plan is saved.`;
}
