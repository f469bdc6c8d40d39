import type { ColumnState } from 'ag-grid-community';
import { ACTUAL_COLUMN_IDS } from './actual-columns';
import { MONEY_IN_VIEW } from './columns';
import { REQUEST_OPTION_FIELDS } from './input-columns';

/**
 * Groups of columns the Columns chooser hides and shows together. The campaign line, the request itself
 * (model to generations per final) and the money in view are never hidden: a plan without them is not
 * readable.
 */
export const COLUMN_GROUPS = [
  { id: 'team', label: 'Team and asset type', colIds: ['team', 'assetType'] },
  { id: 'drafts', label: 'Draft pass', colIds: ['draftsPerFinal', 'draftQuality', 'costPerDraftImage'] },
  { id: 'budget', label: 'Budget cap', colIds: ['budgetCapUsd'] },
  {
    id: 'details',
    label: 'How the cost is made (generations, tokens, requests, credits)',
    colIds: ['generations', 'costPerFinalImage', 'outputTokens', 'requests', 'credits'],
  },
  {
    id: 'request-inputs',
    label: 'Prompt, references and request options',
    colIds: REQUEST_OPTION_FIELDS,
  },
  { id: 'schedule', label: 'Start and end dates', colIds: ['startDate', 'endDate'] },
  { id: 'pricing', label: 'Pinned price entry and notes', colIds: ['priceEntryId', 'notes'] },
  /** Shown only while the plan has actuals (PlanGrid hides the group otherwise). */
  { id: 'actuals', label: 'Plan vs actual', colIds: ACTUAL_COLUMN_IDS },
] as const satisfies readonly { id: string; label: string; colIds: readonly string[] }[];

export type ColumnGroupId = (typeof COLUMN_GROUPS)[number]['id'];

export function isColumnGroupId(id: string): id is ColumnGroupId {
  return COLUMN_GROUPS.some((g) => g.id === id);
}

/** The narrowest grid that keeps the money pinned right; narrower, it scrolls with the rest. */
export const MONEY_PIN_MIN_WIDTH = 960;

/**
 * The column state for the groups hidden and the grid's width: hidden groups' columns hidden, the others
 * shown, and the money pinned right when the grid is wide enough to keep inputs in view between the pins.
 */
export function columnLayoutState(hidden: readonly string[], gridWidth: number): ColumnState[] {
  const hiddenSet = new Set(hidden);
  const groups: ColumnState[] = COLUMN_GROUPS.flatMap((g) =>
    g.colIds.map((colId) => ({ colId, hide: hiddenSet.has(g.id) })),
  );
  const pinned: ColumnState['pinned'] = gridWidth >= MONEY_PIN_MIN_WIDTH ? 'right' : null;
  return [...groups, ...MONEY_IN_VIEW.map((colId) => ({ colId, pinned }))];
}
