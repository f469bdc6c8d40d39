import { useState, useSyncExternalStore } from 'react';
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

/** The import-actuals flow for React: created once, re-renders on its changes. */
export function useActualsImport(options: {
  readonly api: PixelLedgerApi;
  readonly store: PlanStore;
  reportInfo: (message: string) => void;
  onImported: () => void;
}): { flow: ActualsImport; state: ImportState } {
  const latest = useLatest(options);
  const [flow] = useState(
    () =>
      new ActualsImport({
        api: options.api,
        ledger: () => options.store.getSnapshot().document.actuals,
        today: () => todayUtc(new Date()),
        execute: (command) => {
          options.store.execute(command);
          latest.current.onImported();
        },
        reportInfo: (message) => latest.current.reportInfo(message),
        every: (ms, run) => {
          const timer = setInterval(run, ms);
          return () => clearInterval(timer);
        },
      }),
  );
  const state = useSyncExternalStore(flow.subscribe, flow.getState);
  return { flow, state };
}
