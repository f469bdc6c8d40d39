import { type ReactNode, type RefObject, useState } from 'react';
import type { PixelLedgerApi } from '../../../shared/ipc/contract';
import type { PlanDocument } from '../../../shared/plan/plan-schema';
import { GROUP_BY_OPTIONS, type GroupBy } from '../grid/grouping';
import type { PlanGridHandle } from '../grid/plan-grid-types';
import { ScenarioOptions } from '../panels/ScenariosPanel';
import { type Command, planSwitchScenario } from '../state/commands';
import type { PlanFiles } from '../state/plan-files';
import type { PlanSnapshot, PlanStore } from '../state/plan-store';
import { planAddRow, planDeleteRows, planDuplicateRows, planMoveRow } from '../state/row-ops';
import { RecentFiles } from './RecentFiles';

interface ToolbarProps {
  readonly api: PixelLedgerApi;
  readonly store: PlanStore;
  readonly snapshot: PlanSnapshot;
  readonly files: PlanFiles;
  readonly grid: RefObject<PlanGridHandle | null>;
  readonly quickFilter: string;
  onQuickFilter: (text: string) => void;
  readonly groupBy: GroupBy;
  onGroupBy: (by: GroupBy) => void;
  onCommand: (command: Command | null) => void;
  attempt: (task: Promise<unknown>) => void;
  onShowKeyboardHelp: () => void;
  /** File › Import actuals…: a usage or cost export into the plan's actuals. */
  onImportActuals: () => void;
  /** The grid's Columns chooser, shown with the view controls. */
  readonly columnChooser?: ReactNode;
}

function FileButtons({ api, files, attempt }: Pick<ToolbarProps, 'api' | 'files' | 'attempt'>) {
  return (
    <>
      <button type="button" data-testid="new-button" onClick={() => attempt(files.newPlan('blank'))}>
        New
      </button>
      <button type="button" data-testid="new-sample-button" onClick={() => attempt(files.newPlan('sample'))}>
        New sample
      </button>
      <button type="button" data-testid="open-button" onClick={() => attempt(files.openPlan(null))}>
        Open…
      </button>
      <RecentFiles api={api} onOpen={(path) => attempt(files.openPlan(path))} />
      <button type="button" data-testid="save-button" onClick={() => attempt(files.save(false))}>
        Save
      </button>
      <button type="button" data-testid="save-as-button" onClick={() => attempt(files.save(true))}>
        Save As…
      </button>
      <button
        type="button"
        data-testid="close-button"
        onClick={() => attempt(files.newPlan('blank', 'closing the plan'))}
      >
        Close
      </button>
    </>
  );
}

function HistoryButtons({ store, snapshot }: Pick<ToolbarProps, 'store' | 'snapshot'>) {
  return (
    <>
      <button
        type="button"
        data-testid="undo-button"
        disabled={snapshot.undoLabel === null}
        title={snapshot.undoLabel ? `Undo ${snapshot.undoLabel}` : 'Nothing to undo'}
        onClick={() => store.undo()}
      >
        Undo
      </button>
      <button
        type="button"
        data-testid="redo-button"
        disabled={snapshot.redoLabel === null}
        title={snapshot.redoLabel ? `Redo ${snapshot.redoLabel}` : 'Nothing to redo'}
        onClick={() => store.redo()}
      >
        Redo
      </button>
    </>
  );
}

/** Add, duplicate, delete and move rows (the selected rows, in the plan's own order). */
function RowButtons(props: { document: PlanDocument } & Pick<ToolbarProps, 'grid' | 'onCommand'>) {
  const { document: doc, grid, onCommand } = props;
  const selectedRows = () => grid.current?.selectedRowIds() ?? [];
  const moveRow = (delta: number) => {
    const [first] = selectedRows();
    if (first === undefined) return;
    onCommand(planMoveRow(doc, first, delta));
    grid.current?.focusRow(first);
  };
  return (
    <>
      <button
        type="button"
        data-testid="add-row-button"
        title="Add a row at the end and put the cursor in its first cell"
        onClick={() => {
          const command = planAddRow(doc);
          onCommand(command);
          if (command.kind === 'insert-rows' && command.rows[0]) grid.current?.focusRow(command.rows[0].row.id);
        }}
      >
        Add row
      </button>
      <button
        type="button"
        data-testid="duplicate-row-button"
        onClick={() => onCommand(planDuplicateRows(doc, selectedRows()))}
      >
        Duplicate
      </button>
      <button
        type="button"
        data-testid="delete-row-button"
        onClick={() => onCommand(planDeleteRows(doc, selectedRows()))}
      >
        Delete rows
      </button>
      <button
        type="button"
        data-testid="move-up-button"
        title="Move the row up in the plan's order"
        onClick={() => moveRow(-1)}
      >
        ↑
      </button>
      <button
        type="button"
        data-testid="move-down-button"
        title="Move the row down in the plan's order"
        onClick={() => moveRow(1)}
      >
        ↓
      </button>
    </>
  );
}

function FillControls({ grid }: Pick<ToolbarProps, 'grid'>) {
  const [fillText, setFillText] = useState('');
  return (
    <>
      <button
        type="button"
        data-testid="fill-down-button"
        title="Fill down (Ctrl/Cmd+D)"
        onClick={() => grid.current?.fillDown()}
      >
        Fill down
      </button>
      <input
        className="pl-fill-input"
        data-testid="fill-input"
        placeholder="Value for selection"
        aria-label="Value for the selection"
        value={fillText}
        onChange={(e) => setFillText(e.target.value)}
      />
      <button type="button" data-testid="fill-selection-button" onClick={() => grid.current?.fillValue(fillText)}>
        Fill selection
      </button>
    </>
  );
}

/** What the grid shows: the row filter, grouping and the active scenario. */
function ViewControls(
  props: { document: PlanDocument } & Pick<
    ToolbarProps,
    'quickFilter' | 'onQuickFilter' | 'groupBy' | 'onGroupBy' | 'onCommand'
  >,
) {
  const { document: doc, quickFilter, onQuickFilter, groupBy, onGroupBy, onCommand } = props;
  return (
    <>
      <input
        className="pl-fill-input"
        type="search"
        data-testid="quick-filter"
        placeholder="Filter rows…"
        aria-label="Filter rows"
        value={quickFilter}
        onChange={(e) => onQuickFilter(e.target.value)}
      />
      <label className="pl-scenario-label">
        Group by{' '}
        <select
          data-testid="group-by"
          value={groupBy}
          onChange={(e) => {
            const chosen = GROUP_BY_OPTIONS.find((o) => o.id === e.target.value);
            if (chosen) onGroupBy(chosen.id);
          }}
        >
          {GROUP_BY_OPTIONS.map((o) => (
            <option key={o.id} value={o.id}>
              {o.label}
            </option>
          ))}
        </select>
      </label>
      <label className="pl-scenario-label">
        Scenario{' '}
        <select
          data-testid="scenario-select"
          value={doc.activeScenarioId ?? ''}
          onChange={(e) => onCommand(planSwitchScenario(doc, e.target.value === '' ? null : e.target.value))}
        >
          <ScenarioOptions document={doc} />
        </select>
      </label>
    </>
  );
}

/** File, undo, row and fill actions, the row filter and the scenario switch. */
export function Toolbar(props: ToolbarProps) {
  const doc = props.snapshot.document;
  return (
    <div className="pl-toolbar" role="toolbar" aria-label="Plan" data-focus-region="toolbar">
      <FileButtons api={props.api} files={props.files} attempt={props.attempt} />
      <button
        type="button"
        data-testid="import-actuals-button"
        title="Import a usage or cost export (OpenAI, LiteLLM, any CSV) into the plan's actuals"
        onClick={props.onImportActuals}
      >
        Import actuals…
      </button>
      <span className="pl-sep" />
      <HistoryButtons store={props.store} snapshot={props.snapshot} />
      <span className="pl-sep" />
      <RowButtons document={doc} grid={props.grid} onCommand={props.onCommand} />
      <span className="pl-sep" />
      <FillControls grid={props.grid} />
      <span className="pl-sep" />
      <ViewControls
        document={doc}
        quickFilter={props.quickFilter}
        onQuickFilter={props.onQuickFilter}
        groupBy={props.groupBy}
        onGroupBy={props.onGroupBy}
        onCommand={props.onCommand}
      />
      {props.columnChooser}
      <span className="pl-sep" />
      <button
        type="button"
        data-testid="keyboard-help-button"
        title="Keyboard shortcuts (Ctrl/Cmd+/)"
        aria-label="Keyboard shortcuts"
        onClick={props.onShowKeyboardHelp}
      >
        ⌨
      </button>
    </div>
  );
}
