import { useMemo, useState } from 'react';
import type { PlanDocument } from '../../../shared/plan/plan-schema';
import { uniqueRowId } from '../state/row-ops';
import { planResetOverride } from '../state/cell-edits';
import { type Command, planSwitchScenario } from '../state/commands';
import { compareScenarios } from '../state/plan-comparison';
import { ScenarioEstimates } from '../state/plan-estimator';
import { ComparisonTable } from './ComparisonTable';

const BASE = '';

function scenarioName(doc: PlanDocument, id: string | null): string {
  return id === null ? 'Base plan' : (doc.scenarios.find((s) => s.id === id)?.name ?? id);
}

/** "Base plan" (value "") then every scenario, for a scenario picker. */
export function ScenarioOptions(props: { document: PlanDocument }) {
  return (
    <>
      <option value={BASE}>Base plan</option>
      {props.document.scenarios.map((s) => (
        <option key={s.id} value={s.id}>
          {s.name}
        </option>
      ))}
    </>
  );
}

/** Switch the active scenario, compare two side by side, list and reset overrides, add or remove scenarios. */
export function ScenariosPanel(props: { document: PlanDocument; onCommand: (command: Command | null) => void }) {
  const { document: doc, onCommand } = props;
  const [left, setLeft] = useState<string>(BASE);
  const [right, setRight] = useState<string>(() => doc.activeScenarioId ?? doc.scenarios[0]?.id ?? BASE);
  const [newName, setNewName] = useState('');
  const leftId = left === BASE ? null : left;
  const rightId = right === BASE ? null : right;
  const [estimates] = useState(() => new ScenarioEstimates());
  const comparison = useMemo(
    () => compareScenarios(doc, leftId, rightId, estimates),
    [doc, leftId, rightId, estimates],
  );
  const active = doc.scenarios.find((s) => s.id === doc.activeScenarioId) ?? null;
  const rowName = (id: string) => (id === '*' ? 'Every row' : (doc.rows.find((r) => r.id === id)?.name ?? id));

  const setActive = (id: string | null) => onCommand(planSwitchScenario(doc, id));

  const addScenario = () => {
    const name = newName.trim();
    if (name === '') return;
    const id = uniqueRowId(
      new Set(doc.scenarios.map((s) => s.id)),
      name
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-|-$/g, '') || 'scenario',
    );
    onCommand({
      kind: 'set-parts',
      label: 'Add scenario',
      before: { scenarios: doc.scenarios, activeScenarioId: doc.activeScenarioId },
      after: {
        scenarios: [...doc.scenarios, { id, name: name.slice(0, 100), description: '', overrides: [] }],
        activeScenarioId: id,
      },
    });
    setNewName('');
  };

  const removeScenario = (id: string) =>
    onCommand({
      kind: 'set-parts',
      label: 'Delete scenario',
      before: { scenarios: doc.scenarios, activeScenarioId: doc.activeScenarioId },
      after: {
        scenarios: doc.scenarios.filter((s) => s.id !== id),
        activeScenarioId: doc.activeScenarioId === id ? null : doc.activeScenarioId,
      },
    });

  return (
    <div className="pl-scenarios">
      <div className="pl-panel-column">
        <h3>Scenarios</h3>
        <ul className="pl-scenario-list" data-testid="scenario-list">
          <li>
            <label>
              <input
                type="radio"
                name="active-scenario"
                checked={doc.activeScenarioId === null}
                onChange={() => setActive(null)}
              />{' '}
              Base plan
            </label>
          </li>
          {doc.scenarios.map((s) => (
            <li key={s.id}>
              <label>
                <input
                  type="radio"
                  name="active-scenario"
                  checked={doc.activeScenarioId === s.id}
                  onChange={() => setActive(s.id)}
                />{' '}
                {s.name}
              </label>{' '}
              <span className="pl-muted">
                {s.overrides.length} override{s.overrides.length === 1 ? '' : 's'}
              </span>{' '}
              <button
                type="button"
                className="link"
                onClick={() => removeScenario(s.id)}
                aria-label={`Delete scenario ${s.name}`}
              >
                delete
              </button>
              {s.description && <div className="pl-muted">{s.description}</div>}
            </li>
          ))}
        </ul>
        <div className="pl-inline-form">
          <input
            placeholder="New scenario name"
            value={newName}
            data-testid="new-scenario-name"
            onChange={(e) => setNewName(e.target.value)}
          />
          <button type="button" data-testid="add-scenario" onClick={addScenario}>
            Add scenario
          </button>
        </div>
        {active && (
          <>
            <h3>Overrides in “{active.name}”</h3>
            {active.overrides.length === 0 && (
              <p className="pl-muted">None yet: switch to this scenario and edit an input cell.</p>
            )}
            <table className="pl-table" data-testid="override-list">
              <tbody>
                {active.overrides.map((o, i) => (
                  <tr key={`${o.rowId}-${o.field}-${i}`}>
                    <td>{rowName(o.rowId)}</td>
                    <td>{o.field}</td>
                    <td>{o.value === null ? '(empty)' : String(o.value)}</td>
                    <td>
                      <button
                        type="button"
                        data-testid="reset-override"
                        onClick={() =>
                          onCommand(
                            o.rowId === '*'
                              ? {
                                  kind: 'set-overrides',
                                  label: 'Reset override',
                                  scenarioId: active.id,
                                  before: active.overrides,
                                  after: active.overrides.filter((_, j) => j !== i),
                                }
                              : planResetOverride(doc, active.id, o.rowId, o.field),
                          )
                        }
                      >
                        Reset to base
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
      </div>
      <div className="pl-panel-column pl-grow">
        <h3>Compare</h3>
        <div className="pl-inline-form">
          <select
            aria-label="Compare from"
            data-testid="compare-left"
            value={left}
            onChange={(e) => setLeft(e.target.value)}
          >
            <ScenarioOptions document={doc} />
          </select>
          <span>with</span>
          <select
            aria-label="Compare with"
            data-testid="compare-right"
            value={right}
            onChange={(e) => setRight(e.target.value)}
          >
            <ScenarioOptions document={doc} />
          </select>
        </div>
        {comparison.ok ? (
          <ComparisonTable
            comparison={comparison.value}
            beforeLabel={scenarioName(doc, leftId)}
            afterLabel={scenarioName(doc, rightId)}
            testId="scenario-compare"
          />
        ) : (
          <p className="pl-error-text" role="alert">
            {comparison.error}
          </p>
        )}
      </div>
    </div>
  );
}
