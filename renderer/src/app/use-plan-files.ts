import { useEffect, useState, useSyncExternalStore } from 'react';
import type { PixelLedgerApi } from '../../../shared/ipc/contract';
import { todayUtc } from '../../../shared/today';
import { PlanFiles, type PlanFilesState } from '../state/plan-files';
import type { PlanSnapshot, PlanStore } from '../state/plan-store';
import { useLatest } from './use-latest';
import { formatWindowTitle } from '../../../shared/ipc/window-title';

export type { PendingImport, RecoveryOffer, UnsavedChoice } from '../state/plan-files';

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
  /** A dropped file that is not a plan: true when another flow took it (a usage or cost export). */
  onDroppedFile?: (file: File) => boolean;
  /** A plan being opened, not yet validated by main: warm its estimate (PlanFilesPorts.preparePlan). */
  preparePlan?: (document: unknown) => void;
}

/** The file flows as the components see them: the state machine's state, its actions and the title. */
export interface PlanFilesView extends PlanFilesState {
  readonly actions: PlanFiles;
  readonly fileName: string;
  readonly title: string;
}

function schedule(run: () => void, ms: number): () => void {
  const timer = setTimeout(run, ms);
  return () => clearTimeout(timer);
}

/** Dropping a plan file onto the window opens it. */
function useDroppedPlans(
  files: PlanFiles,
  attempt: (task: Promise<unknown>) => void,
  onDroppedFile: ((file: File) => boolean) | undefined,
): void {
  const latestAttempt = useLatest(attempt);
  const latestOther = useLatest(onDroppedFile);
  useEffect(() => {
    const onDragOver = (e: DragEvent) => {
      if (e.dataTransfer?.types.includes('Files')) e.preventDefault();
    };
    const onDrop = (e: DragEvent) => {
      const file = e.dataTransfer?.files[0];
      if (!file) return;
      e.preventDefault();
      if (latestOther.current?.(file) === true) return;
      latestAttempt.current(files.openDropped(file));
    };
    window.addEventListener('dragover', onDragOver);
    window.addEventListener('drop', onDrop);
    return () => {
      window.removeEventListener('dragover', onDragOver);
      window.removeEventListener('drop', onDrop);
    };
  }, [files, latestAttempt, latestOther]);
}

/**
 * A thin adapter from React to the file state machine (state/plan-files.ts): creates it once, starts it
 * on mount, re-renders on its changes, and keeps the page's own title and file drops in step.
 */
export function usePlanFiles(options: PlanFilesOptions): PlanFilesView {
  const latest = useLatest(options);
  const [files] = useState(
    () =>
      new PlanFiles({
        api: options.api,
        store: options.store,
        reportError: (message) => latest.current.reportError(message),
        reportInfo: (message) => latest.current.reportInfo(message),
        onPlanReplaced: () => latest.current.onPlanReplaced(),
        attempt: (task) => latest.current.attempt(task),
        today: () => todayUtc(new Date()),
        schedule,
        preparePlan: (document) => latest.current.preparePlan?.(document),
      }),
  );
  const state = useSyncExternalStore(files.subscribe, files.getState);
  useEffect(() => files.start(), [files]);
  useDroppedPlans(files, options.attempt, options.onDroppedFile);

  const snapshot = options.snapshot;
  const fileName = files.fileName();
  const title = formatWindowTitle(fileName, snapshot.dirty);
  useEffect(() => {
    document.title = title;
  }, [title]);
  return { ...state, actions: files, fileName, title };
}
