import type { PlanDocument } from '../../../shared/plan/plan-schema';
import type { Command } from './commands';
import { createHistory, execute, type HistoryState, redo, redoLabel, undo, undoLabel } from './history';

export interface PlanSnapshot {
  readonly document: PlanDocument;
  /** The file the plan was opened from or saved to; null for a plan never saved. */
  readonly path: string | null;
  /** The document differs from the last saved (or opened) version. */
  readonly dirty: boolean;
  readonly version: number;
  readonly undoLabel: string | null;
  readonly redoLabel: string | null;
}

/** Version number meaning "no saved version exists" (a recovered or dropped plan is unsaved from the start). */
const NEVER_SAVED = -1;

/**
 * The app's single source of truth for the open plan: the history (document + undo/redo) and which version
 * was last saved. React reads it with useSyncExternalStore; the grid only ever sees what it publishes.
 */
export class PlanStore {
  private history: HistoryState;
  private path: string | null;
  private savedVersion: number;
  private snapshot: PlanSnapshot;
  private readonly listeners = new Set<() => void>();

  constructor(document: PlanDocument, path: string | null = null) {
    this.history = createHistory(document);
    this.path = path;
    this.savedVersion = this.history.version;
    this.snapshot = this.makeSnapshot();
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): PlanSnapshot => this.snapshot;

  private publish(): void {
    this.snapshot = this.makeSnapshot();
    for (const l of this.listeners) l();
  }

  private makeSnapshot(): PlanSnapshot {
    return {
      document: this.history.document,
      path: this.path,
      dirty: this.history.version !== this.savedVersion,
      version: this.history.version,
      undoLabel: undoLabel(this.history),
      redoLabel: redoLabel(this.history),
    };
  }

  /** Replaces the plan (open, new, restore). History starts afresh: undo does not cross documents. */
  load(document: PlanDocument, path: string | null, options: { dirty?: boolean } = {}): void {
    this.history = createHistory(document, this.history.nextVersion);
    this.path = path;
    this.savedVersion = options.dirty ? NEVER_SAVED : this.history.version;
    this.publish();
  }

  execute(command: Command | null): void {
    if (command === null) return;
    this.history = execute(this.history, command);
    this.publish();
  }

  undo(): boolean {
    const before = this.history;
    this.history = undo(this.history);
    if (before === this.history) return false;
    this.publish();
    return true;
  }

  redo(): boolean {
    const before = this.history;
    this.history = redo(this.history);
    if (before === this.history) return false;
    this.publish();
    return true;
  }

  /** Records that `version` of the document is now on disk at `path`. */
  markSaved(path: string, version: number): void {
    this.path = path;
    this.savedVersion = version;
    this.publish();
  }
}
