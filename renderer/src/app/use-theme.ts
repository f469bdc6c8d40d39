import { useEffect, useState } from 'react';
import type { PixelLedgerApi } from '../../../shared/ipc/contract';

/** Dark or light: follows the OS (prefers-color-scheme) and the shell's theme:changed events. */
export function useTheme(api: PixelLedgerApi | null): boolean {
  const [dark, setDark] = useState(() => window.matchMedia?.('(prefers-color-scheme: dark)').matches ?? false);
  useEffect(() => {
    const query = window.matchMedia?.('(prefers-color-scheme: dark)');
    const onChange = (e: MediaQueryListEvent) => setDark(e.matches);
    query?.addEventListener('change', onChange);
    const off = api?.on('theme:changed', ({ dark: next }) => setDark(next));
    return () => {
      query?.removeEventListener('change', onChange);
      off?.();
    };
  }, [api]);
  useEffect(() => {
    // AG Grid's built-in themes switch with this attribute; the app's own CSS keys off the same one.
    document.body.dataset.agThemeMode = dark ? 'dark' : 'light';
    document.documentElement.style.colorScheme = dark ? 'dark' : 'light';
  }, [dark]);
  return dark;
}
