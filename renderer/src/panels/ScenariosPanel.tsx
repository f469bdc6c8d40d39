import { useMemo, useState } from 'react';
import type { PlanDocument, Scenario } from '../../../shared/plan/plan-schema';
import { displayInput } from '../grid/columns';
import { inputColumn } from '../grid/input-columns';
import { type Command, planSwitchScenario } from '../state/commands';
import { compareScenarios } from '../state/plan-comparison';
import type { PlanView, ScenarioEstimates } from '../../../shared/estimate/plan-estimator';
import { ComparisonTable } from './ComparisonTable';
import { MODEL_SPECS } from '../../../shared/estimate/models';
import { modelShutdownOn } from '../../../shared/estimate/model-availability';
import { planAddScenario, planModelScenario, planRemoveScenario, planResetOverrideAt } from './scenario-commands';
import { groupInteger } from '../../../shared/money/format';
import { NotListedLine, useListedCount } from './long-lists';

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

interface PanelProps {
  readonly document: PlanDocument;
  readonly onCommand: (command: Command | null) => void;
}

interface ScenariosPanelProps extends PanelProps {
  /** Kept by the panel area across tab switches, so reopening the tab re-estimates only what changed. */
  readonly estimates: ScenarioEstimates;
  /** What the grid shows (the active scenario), reused instead of estimated again. */
  readonly view: PlanView;
}

/** The scenarios as radio buttons (the checked one is active), each with its override count and delete. */
function ScenarioList({ document: doc, onCommand }: PanelProps) {
  const [newName, setNewName] = useState('');
  const setActive = (id: string | null) => onCommand(planSwitchScenario(doc, id));
  const addScenario = () => {
    const command = planAddScenario(doc, newName);
    if (!command) return;
    onCommand(command);
    setNewName('');
  };
  return (
    <>
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
              {groupInteger(s.overrides.length)} override{s.overrides.length === 1 ? '' : 's'}
            </span>{' '}
            <button
              type="button"
              className="link"
              onClick={() => onCommand(planRemoveScenario(doc, s.id))}
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
    </>
  );
}

/** An override names its column as the grid's header does ("Generations per final", not iterationFactor). */
function overriddenColumn(field: string): string {
  return inputColumn(field)?.header ?? field;
}

function overrideValue(field: string, value: string | number | null): string {
  if (value === null) return '(empty)';
  const column = inputColumn(field);
  return column ? displayInput(column, value) : String(value);
}

/** The active scenario's overrides, each with a reset to the base plan. */
function OverrideList(props: PanelProps & { scenario: Scenario }) {
  const { document: doc, onCommand, scenario } = props;
  // A scenario made by pricing the plan on another model overrides every row (170k overrides at 100k rows).
  const listing = useListedCount(scenario.id);
  // Names by row id, made once per set of rows: searching the rows for each override took 10^10 steps
  // for a 100k-row plan priced on another model.
  const names = useMemo(() => new Map(doc.rows.map((r) => [r.id, r.name])), [doc.rows]);
  const rowName = (id: string) => (id === '*' ? 'Every row' : (names.get(id) ?? id));
  const count = scenario.overrides.length;
  return (
    <>
      <h3>Overrides in “{scenario.name}”</h3>
      {count === 0 && <p className="pl-muted">None yet: switch to this scenario and edit an input cell.</p>}
      <table className="pl-table" data-testid="override-list">
        <tbody>
          {scenario.overrides.slice(0, listing.listed).map((o, i) => (
            <tr key={`${o.rowId}-${o.field}-${i}`}>
              <td>{rowName(o.rowId)}</td>
              <td>{overriddenColumn(o.field)}</td>
              <td>{overrideValue(o.field, o.value)}</td>
              <td>
                <button
                  type="button"
                  data-testid="reset-override"
                  onClick={() => onCommand(planResetOverrideAt(doc, scenario, i))}
                >
                  Reset to base
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <NotListedLine
        listing={listing}
        count={count}
        what="overrides"
        note="every one shows as an overridden cell in the grid."
        testId="overrides"
      />
    </>
  );
}

/** Two scenarios (or the base plan) side by side: per-row delta and % change, and the totals. */
function ScenarioCompare({ document: doc, estimates }: { document: PlanDocument; estimates: ScenarioEstimates }) {
  const [left, setLeft] = useState<string>(BASE);
  const [right, setRight] = useState<string>(() => doc.activeScenarioId ?? doc.scenarios[0]?.id ?? BASE);
  const leftId = left === BASE ? null : left;
  const rightId = right === BASE ? null : right;
  const comparison = useMemo(
    () => compareScenarios(doc, leftId, rightId, estimates),
    [doc, leftId, rightId, estimates],
  );
  return (
    <>
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
    </>
  );
}

/**
 * "Price this plan on model X": makes a scenario with every row on the model (sizes and qualities mapped to
 * the nearest it offers) and lists each mapping, ready for the compare beside it.
 */
function PriceOnModel({ document: doc, onCommand, view }: PanelProps & { view: PlanView }) {
  const { priceBook, asOf } = view.context;
  const models = useMemo(
    () => MODEL_SPECS.filter((m) => modelShutdownOn(priceBook, m.id, asOf) === null),
    [priceBook, asOf],
  );
  const [model, setModel] = useState(() => models[0]?.id ?? '');
  const [outcome, setOutcome] = useState<{ model: string; mappings: readonly string[]; error: string | null } | null>(
    null,
  );
  const make = () => {
    const made = planModelScenario(doc, model, { priceBook, asOf });
    if (!made.ok) return setOutcome({ model, mappings: [], error: made.error });
    onCommand(made.value.command);
    setOutcome({ model, mappings: made.value.mappings, error: null });
  };
  return (
    <>
      <h3>Price this plan on another model</h3>
      <div className="pl-inline-form">
        <select
          aria-label="Model to price the plan on"
          data-testid="price-on-model"
          value={model}
          onChange={(e) => setModel(e.target.value)}
        >
          {models.map((m) => (
            <option key={m.id} value={m.id}>
              {m.id} · {m.label}
            </option>
          ))}
        </select>
        <button type="button" data-testid="price-on-model-make" onClick={make}>
          Make a scenario
        </button>
      </div>
      {outcome?.error && (
        <p className="pl-error-text" role="alert">
          {outcome.error}
        </p>
      )}
      {outcome && !outcome.error && (
        <div data-testid="price-on-model-mappings">
          <p className="pl-muted">
            Every row on {outcome.model}.{' '}
            {outcome.mappings.length === 0 ? 'No size or quality needed mapping.' : 'Mapped to the nearest it offers:'}
          </p>
          <ul>
            {outcome.mappings.map((line, i) => (
              <li key={`${i}-${line}`}>{line}</li>
            ))}
          </ul>
        </div>
      )}
    </>
  );
}

/** Switch the active scenario, compare two side by side, list and reset overrides, add or remove scenarios. */
export function ScenariosPanel(props: ScenariosPanelProps) {
  const { document: doc, onCommand, estimates, view } = props;
  estimates.useShownView(doc, view);
  const active = doc.scenarios.find((s) => s.id === doc.activeScenarioId) ?? null;
  return (
    <div className="pl-scenarios">
      <div className="pl-panel-column">
        <h3>Scenarios</h3>
        <ScenarioList document={doc} onCommand={onCommand} />
        {active && <OverrideList document={doc} onCommand={onCommand} scenario={active} />}
        <PriceOnModel document={doc} onCommand={onCommand} view={view} />
      </div>
      <div className="pl-panel-column pl-grow">
        <ScenarioCompare document={doc} estimates={estimates} />
      </div>
    </div>
  );
}
