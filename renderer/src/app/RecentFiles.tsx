import { useState } from 'react';
import type { PixelLedgerApi } from '../../../shared/ipc/contract';
import { displayFileName } from './window-title';

/** Open Recent for the toolbar (the desktop app also has it in the File menu): asks main for the list when opened. */
export function RecentFiles(props: { api: PixelLedgerApi; onOpen: (path: string) => void }) {
  const { api, onOpen } = props;
  const [paths, setPaths] = useState<readonly string[] | null>(null);
  const toggle = async () => {
    if (paths !== null) {
      setPaths(null);
      return;
    }
    const recent = await api.invoke('plan:recent', {}).catch(() => ({ paths: [] }));
    setPaths(recent.paths);
  };
  return (
    <span className="pl-recent">
      <button type="button" data-testid="recent-button" aria-expanded={paths !== null} onClick={() => void toggle()}>
        Recent ▾
      </button>
      {paths !== null && (
        <ul className="pl-recent-list" role="menu" data-testid="recent-list">
          {paths.length === 0 && <li className="pl-muted">No recent plans</li>}
          {paths.map((p) => (
            <li key={p} role="none">
              <button
                type="button"
                role="menuitem"
                title={p}
                onClick={() => {
                  setPaths(null);
                  onOpen(p);
                }}
              >
                {displayFileName(p, p)}
              </button>
            </li>
          ))}
        </ul>
      )}
    </span>
  );
}
