import type { KeyboardEvent as ReactKeyboardEvent } from 'react';
import { isFormField, stop } from './keyboard-events';

/** How long after the key that opens an editor later keys still count as typed into it. */
const OPENING_MS = 1000;

/**
 * Keys typed while a cell editor opens. The key that starts an edit reaches AG Grid, which opens the
 * editor; a React editor mounts a moment later (and the grid may move the focus back to the cell once),
 * and keys pressed meanwhile land on the cell, where the grid drops them. They are kept here and handed
 * to the editor: those before it mounted when it takes them, later ones as they come.
 */
export class TypeAhead {
  private keys = '';
  private openedAt: number | null = null;
  private listener: ((keys: string) => void) | null = null;

  /** For an editor that just opened: the keys kept so far, then each later one through `listener`. */
  follow(listener: (keys: string) => void): () => void {
    const kept = this.keys;
    this.keys = '';
    this.listener = listener;
    if (kept !== '') listener(kept);
    return () => {
      if (this.listener !== listener) return;
      // The editor closed: the next printable key on a cell opens an editor afresh.
      this.listener = null;
      this.openedAt = null;
    };
  }

  /**
   * Keeps a printable key pressed on a cell while its editor opens or is open; true when it did.
   * `onInputCell`: the focused cell takes typing (a key there opens its editor).
   */
  keep(e: ReactKeyboardEvent, onInputCell: boolean): boolean {
    if (isFormField(e.target)) {
      // Typed into an editor's box: the editor is open and has the focus.
      this.openedAt = null;
      return false;
    }
    if (e.key.length !== 1 || e.ctrlKey || e.metaKey || e.altKey) {
      // Tab, Enter, arrows, shortcuts: the next printable key opens an editor afresh.
      if (e.key.length > 1) this.openedAt = null;
      return false;
    }
    if (this.listener) {
      stop(e);
      this.listener(e.key);
      return true;
    }
    if (this.openedAt !== null && e.timeStamp - this.openedAt <= OPENING_MS) {
      stop(e);
      this.keys += e.key;
      return true;
    }
    // This key opens the editor (a computed cell opens none): the grid takes it.
    this.keys = '';
    this.openedAt = onInputCell ? e.timeStamp : null;
    return false;
  }
}
