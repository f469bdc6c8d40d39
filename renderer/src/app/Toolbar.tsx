import { type RefObject, useState } from 'react';
import type { PixelLedgerApi } from '../../../shared/ipc/contract';
import { GROUP_BY_OPTIONS, type GroupBy } from '../grid/grouping';
import type { PlanGridHandle } from '../grid/PlanGrid';
import { type Command, planSwitchScenario } from '../state/commands';
import type { PlanSnapshot, PlanStore } from '../state/plan-store';
import { planAddRow, planDeleteRows, planDuplicateRows, planMoveRow } from '../state/row-ops';
import { RecentFiles } from './RecentFiles';
import { ScenarioOptions } from '../panels/ScenariosPanel';
import type { PlanFiles } from './use-plan-files';

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
}

/** File, undo, row and fill actions, the row filter and the scenario switch. */
export function Toolbar(props: ToolbarProps) {
  const { api, store, snapshot, files, grid, quickFilter, onQuickFilter, groupBy, onGroupBy, onCommand, attempt } =
    props;
  const [fillText, setFillText] = useState('');
  const doc = snapshot.document;
  const selectedRows = () => grid.current?.selectedRowIds() ?? [];
  const moveRow = (delta: number) => {
    const [first] = selectedRows();
    if (first === undefined) return;
    onCommand(planMoveRow(doc, first, delta));
    requestAnimationFrame(() => grid.current?.focusRow(first));
  };

  return (
    <div className="pl-toolbar" role="toolbar" aria-label="Plan">
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
      <span className="pl-sep" />
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
      <span className="pl-sep" />
      <button type="button" data-testid="add-row-button" onClick={() => onCommand(planAddRow(doc))}>
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
      <span className="pl-sep" />
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
      <span className="pl-sep" />
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
    </div>
  );
}
