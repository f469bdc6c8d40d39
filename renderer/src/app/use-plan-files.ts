import { useCallback, useEffect, useRef, useState } from 'react';
import type { PixelLedgerApi } from '../../../shared/ipc/contract';
import { formatWindowTitle } from '../../../shared/ipc/window-title';
import { parsePlanText } from '../../../shared/plan/plan-document';
import { PLAN_FILE_EXTENSION, type PlanDocument } from '../../../shared/plan/plan-schema';
import type { PlanSnapshot, PlanStore } from '../state/plan-store';
import { displayFileName, localToday } from './window-title';

export type UnsavedChoice = 'save' | 'discard' | 'cancel';

export interface RecoveryOffer {
  readonly savedAt: string;
  readonly planName: string;
}

export interface PendingImport {
  readonly document: PlanDocument;
  readonly path: string;
}

interface PlanFilesOptions {
  readonly api: PixelLedgerApi;
  readonly store: PlanStore;
  readonly snapshot: PlanSnapshot;
  reportError: (message: string | null) => void;
  reportInfo: (message: string) => void;
  /** Runs a user action, reporting a failure of the shell instead of dropping it. */
  attempt: (task: Promise<unknown>) => void;
  /** A different plan is now shown (open, new, restore): per-plan messages are stale. */
  onPlanReplaced: () => void;
}

export interface PlanFiles {
  readonly ready: boolean;
  readonly fileName: string;
  readonly title: string;
  /** What the user is doing when asked Save / Don't Save / Cancel, or null when nobody is asked. */
  readonly unsavedQuestion: string | null;
  answerUnsaved(choice: UnsavedChoice): void;
  readonly recovery: RecoveryOffer | null;
  restoreRecovery(): Promise<void>;
  discardRecovery(): Promise<void>;
  readonly pendingImport: PendingImport | null;
  cancelImport(): void;
  save(saveAs: boolean): Promise<boolean>;
  openPlan(path: string | null): Promise<void>;
  newPlan(template: 'blank' | 'sample', action?: string): Promise<void>;
  closeWindow(): Promise<void>;
  exportXlsx(): Promise<void>;
  importXlsx(): Promise<void>;
}

const AUTOSAVE_DELAY_MS = 1500;

/**
 * Plan files as people expect them: start with what main offers (the last file, or the sample), the
 * title with its unsaved mark, Save / Save As / Open / New / Close asking before unsaved work is dropped,
 * a crash autosave and its restore offer, Excel export/import, and plan files dropped on the window.
 */
export function usePlanFiles(options: PlanFilesOptions): PlanFiles {
  const { api, store, snapshot, reportError, reportInfo, attempt, onPlanReplaced } = options;
  const [ready, setReady] = useState(false);
  const [unsaved, setUnsaved] = useState<{ action: string; resolve: (choice: UnsavedChoice) => void } | null>(null);
  const [recovery, setRecovery] = useState<RecoveryOffer | null>(null);
  const [pendingImport, setPendingImport] = useState<PendingImport | null>(null);
  // recovery:discard also drops a crash recovery still on offer, so it waits until that offer is answered.
  const recoveryOffered = useRef(false);

  const loadPlan = useCallback(
    (document: PlanDocument, path: string | null, dirty = false) => {
      store.load(document, path, { dirty });
      onPlanReplaced();
    },
    [onPlanReplaced, store],
  );

  const dropStaleAutosave = useCallback(async () => {
    if (!recoveryOffered.current) await api.invoke('recovery:discard', {}).catch(() => undefined);
  }, [api]);

  const save = useCallback(
    async (saveAs: boolean): Promise<boolean> => {
      const snap = store.getSnapshot();
      const result = await api.invoke('plan:save', {
        document: snap.document,
        path: snap.path,
        saveAs: saveAs || snap.path === null,
      });
      if (result.ok) {
        // Main drops the session autosave itself once the file holds the changes.
        store.markSaved(result.path, snap.version);
        reportError(null);
        reportInfo(`Saved to ${result.path}`);
        return true;
      }
      if ('error' in result) reportError(`Could not save the plan: ${result.error}`);
      return false;
    },
    [api, reportError, reportInfo, store],
  );

  /** True when the user is fine to replace the current plan (saved, or chose not to save). */
  const settleUnsaved = useCallback(
    async (action: string): Promise<boolean> => {
      if (!store.getSnapshot().dirty) return true;
      const choice = await new Promise<UnsavedChoice>((resolve) => setUnsaved({ action, resolve }));
      if (choice === 'cancel') return false;
      if (choice === 'save') return save(false);
      return true;
    },
    [save, store],
  );

  const openPlan = useCallback(
    async (path: string | null) => {
      if (!(await settleUnsaved('opening another plan'))) return;
      const result = await api.invoke('plan:open', { path });
      if (result.ok) {
        loadPlan(result.plan.document, result.plan.path);
        reportError(null);
        await dropStaleAutosave();
      } else if ('error' in result) {
        reportError(`Could not open the plan: ${result.error}`);
      }
    },
    [api, dropStaleAutosave, loadPlan, reportError, settleUnsaved],
  );

  const newPlan = useCallback(
    async (template: 'blank' | 'sample', action = 'starting a new plan') => {
      if (!(await settleUnsaved(action))) return;
      const opened = await api.invoke('plan:new', { template, today: localToday() });
      loadPlan(opened.document, opened.path);
      reportError(null);
      await dropStaleAutosave();
    },
    [api, dropStaleAutosave, loadPlan, reportError, settleUnsaved],
  );

  const closeWindow = useCallback(async () => {
    if (!(await settleUnsaved('closing'))) return;
    await dropStaleAutosave();
    await api.invoke('window:close-confirmed', {});
  }, [api, dropStaleAutosave, settleUnsaved]);

  const exportXlsx = useCallback(async () => {
    const snap = store.getSnapshot();
    const result = await api.invoke('xlsx:export', {
      document: snap.document,
      scenarioId: snap.document.activeScenarioId,
      path: null,
    });
    if (result.ok) reportInfo(`Exported to ${result.path}`);
    else if ('error' in result) reportError(`Could not export the workbook: ${result.error}`);
  }, [api, reportError, reportInfo, store]);

  const importXlsx = useCallback(async () => {
    const result = await api.invoke('xlsx:import', { path: null });
    if (result.ok) setPendingImport({ document: result.document, path: result.path });
    else if ('error' in result) reportError(`Could not import the workbook: ${result.error}`);
  }, [api, reportError]);

  const openDropped = useCallback(
    async (file: File) => {
      const filePath = api.pathForFile(file);
      if (filePath !== null) {
        await openPlan(filePath);
        return;
      }
      // No path in a plain browser: read the file and open it as an unsaved copy.
      const parsed = parsePlanText(await file.text());
      if (!parsed.ok) {
        reportError(`Could not open ${file.name}: ${parsed.error}`);
        return;
      }
      if (!(await settleUnsaved('opening the dropped plan'))) return;
      loadPlan(parsed.value, null, true);
      reportError(null);
    },
    [api, loadPlan, openPlan, reportError, settleUnsaved],
  );

  const restoreRecovery = useCallback(async () => {
    const result = await api.invoke('recovery:restore', {});
    recoveryOffered.current = false;
    setRecovery(null);
    if (result.ok) loadPlan(result.plan.document, result.plan.path, true);
    else reportError(`Could not restore the recovered plan: ${result.error}`);
  }, [api, loadPlan, reportError]);

  const discardRecovery = useCallback(async () => {
    recoveryOffered.current = false;
    setRecovery(null);
    await api.invoke('recovery:discard', {});
  }, [api]);

  // Start: show what main offers; events from the shell reach the latest handlers through refs.
  const latest = useRef({ openPlan, closeWindow, attempt });
  latest.current = { openPlan, closeWindow, attempt };
  useEffect(() => {
    let cancelled = false;
    api.invoke('app:startup', { today: localToday() }).then(
      (state) => {
        if (cancelled) return;
        store.load(state.plan.document, state.plan.path);
        if (state.recovery) {
          recoveryOffered.current = true;
          setRecovery({ savedAt: state.recovery.savedAt, planName: state.recovery.planName });
        }
        if (state.openError) reportError(`Could not open the plan: ${state.openError}`);
        setReady(true);
      },
      (e: unknown) => {
        reportError(`Pixel Ledger could not start: ${e instanceof Error ? e.message : String(e)}`);
        setReady(true);
      },
    );
    const offs = [
      api.on('app:open-file', ({ path }) => latest.current.attempt(latest.current.openPlan(path))),
      api.on('window:close-requested', () => latest.current.attempt(latest.current.closeWindow())),
    ];
    return () => {
      cancelled = true;
      for (const off of offs) off();
    };
  }, [api, reportError, store]);

  // Title: in the page and, through main, in the window's title bar.
  const fileName = displayFileName(snapshot.path, snapshot.document.meta.name);
  const title = formatWindowTitle(fileName, snapshot.dirty);
  useEffect(() => {
    document.title = title;
    if (ready)
      api
        .invoke('window:document-state', { fileName: fileName.slice(0, 260), dirty: snapshot.dirty })
        .catch(() => undefined);
  }, [api, fileName, ready, snapshot.dirty, title]);

  // Autosave to the recovery file while there are unsaved changes.
  useEffect(() => {
    if (!ready || !snapshot.dirty) return;
    const timer = setTimeout(() => {
      const snap = store.getSnapshot();
      if (snap.dirty) api.invoke('recovery:write', { document: snap.document, path: snap.path }).catch(() => undefined);
    }, AUTOSAVE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [api, ready, snapshot.dirty, snapshot.version, store]);

  // Dropping a plan file onto the window opens it.
  useEffect(() => {
    const onDragOver = (e: DragEvent) => {
      if (e.dataTransfer?.types.includes('Files')) e.preventDefault();
    };
    const onDrop = (e: DragEvent) => {
      const file = e.dataTransfer?.files[0];
      if (!file) return;
      e.preventDefault();
      if (!file.name.toLowerCase().endsWith(PLAN_FILE_EXTENSION)) {
        reportError(`${file.name} is not a plan: drop a ${PLAN_FILE_EXTENSION} file`);
        return;
      }
      latest.current.attempt(openDropped(file));
    };
    window.addEventListener('dragover', onDragOver);
    window.addEventListener('drop', onDrop);
    return () => {
      window.removeEventListener('dragover', onDragOver);
      window.removeEventListener('drop', onDrop);
    };
  }, [openDropped, reportError]);

  return {
    ready,
    fileName,
    title,
    unsavedQuestion: unsaved?.action ?? null,
    answerUnsaved(choice) {
      unsaved?.resolve(choice);
      setUnsaved(null);
    },
    recovery,
    restoreRecovery,
    discardRecovery,
    pendingImport,
    cancelImport: () => setPendingImport(null),
    save,
    openPlan,
    newPlan,
    closeWindow,
    exportXlsx,
    importXlsx,
  };
}
