import type { PlanDocument } from '../../../shared/plan/plan-schema';
import { applyCommand, type Command, invertCommand } from './commands';

interface HistoryEntry {
  readonly command: Command;
  /** Version of the document before and after the command: the dirty flag compares versions. */
  readonly versionBefore: number;
  readonly versionAfter: number;
}

/**
 * The plan and its undo/redo stacks. Pure and immutable: every operation returns a new state. Each
 * document state has a version number; undo/redo return to earlier numbers, so "differs from the saved
 * version" is a number comparison, whatever the document size.
 */
export interface HistoryState {
  readonly document: PlanDocument;
  readonly version: number;
  readonly undoStack: readonly HistoryEntry[];
  readonly redoStack: readonly HistoryEntry[];
  /** Next unused version number. */
  readonly nextVersion: number;
}

export const HISTORY_LIMIT = 500;

export function createHistory(document: PlanDocument, version = 0): HistoryState {
  return { document, version, undoStack: [], redoStack: [], nextVersion: version + 1 };
}

/** Runs a command as one undo step. */
export function execute(state: HistoryState, command: Command): HistoryState {
  const entry: HistoryEntry = { command, versionBefore: state.version, versionAfter: state.nextVersion };
  const undoStack = [...state.undoStack, entry];
  if (undoStack.length > HISTORY_LIMIT) undoStack.shift();
  return {
    document: applyCommand(state.document, command),
    version: entry.versionAfter,
    undoStack,
    redoStack: [],
    nextVersion: state.nextVersion + 1,
  };
}

export function undo(state: HistoryState): HistoryState {
  const entry = state.undoStack[state.undoStack.length - 1];
  if (!entry) return state;
  return {
    ...state,
    document: applyCommand(state.document, invertCommand(entry.command)),
    version: entry.versionBefore,
    undoStack: state.undoStack.slice(0, -1),
    redoStack: [...state.redoStack, entry],
  };
}

export function redo(state: HistoryState): HistoryState {
  const entry = state.redoStack[state.redoStack.length - 1];
  if (!entry) return state;
  return {
    ...state,
    document: applyCommand(state.document, entry.command),
    version: entry.versionAfter,
    undoStack: [...state.undoStack, entry],
    redoStack: state.redoStack.slice(0, -1),
  };
}

export function undoLabel(state: HistoryState): string | null {
  return state.undoStack[state.undoStack.length - 1]?.command.label ?? null;
}

export function redoLabel(state: HistoryState): string | null {
  return state.redoStack[state.redoStack.length - 1]?.command.label ?? null;
}
