import { useCallback, useState, useSyncExternalStore } from 'react';
import type { PixelLedgerApi } from '../../../shared/ipc/contract';
import { todayUtc } from '../../../shared/today';
import type { PlanStore } from '../state/plan-store';
import { useLatest } from '../app/use-latest';
import { ActualsImport, type ImportState } from './actuals-import';

/** Names a dropped file may have to be read as actuals (anything else is offered to the plan flows). */
const ACTUALS_FILE = /\.(csv|tsv|txt|json|jsonl|ndjson)$/i;

export function isActualsFileName(name: string): boolean {
  return ACTUALS_FILE.test(name);
}

/**
 * The import-actuals flow for React: created once, re-renders on its changes. Also the two ways in: File ›
 * Import actuals… (`importActuals`) and a dropped file (`onDroppedFile`: true when it was an export it took).
 */
export function useActualsImport(options: {
  readonly api: PixelLedgerApi;
  readonly store: PlanStore;
  reportInfo: (message: string) => void;
  attempt: (task: Promise<unknown>) => void;
  /** After an import: show the Actuals panel. */
  onImported: (panel: 'actuals') => void;
}): {
  flow: ActualsImport;
  state: ImportState;
  importActuals: () => Promise<void>;
  onDroppedFile: (file: File) => boolean;
} {
  const latest = useLatest(options);
  const [flow] = useState(
    () =>
      new ActualsImport({
        api: options.api,
        ledger: () => options.store.getSnapshot().document.actuals,
        priceEntries: () => options.store.getSnapshot().document.priceEntries,
        today: () => todayUtc(new Date()),
        execute: (command) => {
          options.store.execute(command);
          latest.current.onImported('actuals');
        },
        reportInfo: (message) => latest.current.reportInfo(message),
        every: (ms, run) => {
          const timer = setInterval(run, ms);
          return () => clearInterval(timer);
        },
      }),
  );
  const state = useSyncExternalStore(flow.subscribe, flow.getState);
  const importActuals = useCallback(() => flow.pick(), [flow]);
  const onDroppedFile = useCallback(
    (file: File) => {
      if (!isActualsFileName(file.name)) return false;
      latest.current.attempt(flow.drop(file));
      return true;
    },
    [flow, latest],
  );
  return { flow, state, importActuals, onDroppedFile };
}
