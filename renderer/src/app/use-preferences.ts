import { useCallback, useEffect, useRef, useState } from 'react';
import type { PixelLedgerApi, UiPreferences } from '../../../shared/ipc/contract';

/**
 * The window's preferences (columns hidden, the first-start hint), read once from the shell and saved on
 * each change. Null until the shell answers, so the hint does not flash on for a user who dismissed it.
 */
export function usePreferences(api: PixelLedgerApi, attempt: (task: Promise<unknown>) => void) {
  const [preferences, setPreferences] = useState<UiPreferences | null>(null);
  useEffect(() => {
    let current = true;
    api.invoke('preferences:get', {}).then(
      (stored) => current && setPreferences(stored),
      () => current && setPreferences({ hiddenColumnGroups: [], firstStartHintDismissed: false }),
    );
    return () => {
      current = false;
    };
  }, [api]);
  // One save at a time, in order: requests sent together may arrive in any order, and the last choice must win.
  const saving = useRef<Promise<unknown>>(Promise.resolve());
  const change = useCallback(
    (patch: Partial<UiPreferences>) => {
      setPreferences((previous) => (previous ? { ...previous, ...patch } : previous));
      const save = saving.current.then(() => api.invoke('preferences:set', patch));
      saving.current = save.catch(() => undefined);
      attempt(save);
    },
    [api, attempt],
  );
  return { preferences, change };
}
