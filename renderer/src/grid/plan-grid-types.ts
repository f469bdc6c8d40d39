import type { PlanDocument } from '../../../shared/plan/plan-schema';
import type { Command } from '../state/commands';
import type { PlanView } from '../../../shared/estimate/plan-estimator';
import type { GridReconciliation } from '../state/reconciliation-totals';
import type { BlockProblem } from './block-edits';
import type { GroupBy } from './grouping';
import type { ShownRows } from './use-shown-rows';

/** What a paste, fill or clear did: how many cells changed and, cell by cell, why others were skipped. */
export interface BlockReport {
  readonly action: string;
  readonly applied: number;
  readonly problems: readonly BlockProblem[];
  /** Rows a paste added below the last row. */
  readonly rowsAdded?: number;
  /** Columns of a pasted block that landed nowhere (listed first among the problems). */
  readonly leftOutColumns?: number;
  /** What else changed with the cells (a model switch mapping size and quality), one line each. */
  readonly notes?: readonly string[];
}

/** What the app (toolbar, Edit menu) can ask of the grid. */
export interface PlanGridHandle {
  /** TSV of the selected block, or null when nothing is selected. */
  copySelection(): string | null;
  pasteText(text: string): void;
  cutSelection(): string | null;
  fillDown(): void;
  fillValue(text: string): void;
  selectAll(): void;
  /** Plan row ids under the selection, in displayed order. */
  selectedRowIds(): string[];
  /** Puts the cursor on a row's first input cell (once the grid shows the row). */
  focusRow(rowId: string): void;
  /** Gives the grid the keyboard focus: the cell it had, else the first cell (an empty plan: its message). */
  focusGrid(): void;
}

export interface PlanGridProps {
  readonly view: PlanView;
  readonly document: PlanDocument;
  /** Shows only rows containing this text (AG Grid's quick filter; the plan keeps every row). */
  readonly quickFilter: string;
  /** Groups rows by team or asset type, each group followed by its subtotal row. */
  readonly groupBy: GroupBy;
  onCommand: (command: Command | null) => void;
  onBlockReport: (report: BlockReport | null) => void;
  onCellError: (message: string | null) => void;
  onSelectionSummary?: (summary: string) => void;
  /** How many rows a filter leaves in view, and their totals (null before the grid is ready). */
  onShownRows?: (shown: ShownRows | null) => void;
  /** Column groups the user hid with the Columns chooser (ids from column-groups.ts). */
  readonly hiddenColumnGroups?: readonly string[];
  /** What an edit did besides the cell (a model switch mapping size and quality), for the status bar. */
  onNotice?: (message: string) => void;
  /** The plan's reconciliation with its actuals, for the Plan vs actual columns (null: no actuals). */
  readonly reconciliation?: GridReconciliation | null;
}
