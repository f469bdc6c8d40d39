import { useEffect, useMemo, useRef, useState } from 'react';
import type { PlanDocument } from '../../../../shared/plan/plan-schema';
import type { ActualPiece } from '../../../../shared/reconcile/actual-pieces';
import { latestActualDay, type Reconciliation } from '../../../../shared/reconcile/reconcile-plan';
import { MATCH_FIELDS, type MatchField } from '../../../../shared/reconcile/match-rules';
import { microText, usd } from '../../grid/money-text';
import type { Command } from '../../state/commands';
import { planAddRule, planMoveRule, planRemoveRule } from '../../state/match-commands';
import { AsOfControl } from '../reconcile/AsOfControl';
import { RowSelect } from './RowSelect';
import {
  ledgerValues,
  type RuleLine,
  ruleLines,
  targetOptions,
  valuesOffered,
  valuesOfferedText,
} from './match-rules-model';
import { UnassignedBuckets } from './UnassignedBuckets';

const NO_PIECES: readonly ActualPiece[] = [];
const NO_RULES_MATCHED: ReadonlyMap<string, { pieces: number; micro: number }> = new Map();

function RulesTable({
  lines,
  onMove,
  onRemove,
}: {
  lines: readonly RuleLine[];
  onMove: (ruleId: string, by: -1 | 1) => void;
  onRemove: (ruleId: string) => void;
}) {
  if (lines.length === 0)
    return (
      <p className="pl-muted" data-testid="match-rules-empty">
        No match rules yet: add one below to send spend with a project, API key, tag… to a row or a team.
      </p>
    );
  return (
    <table className="pl-table" data-testid="match-rules">
      <caption>Match rules, in the order they are tried (the first that matches wins)</caption>
      <thead>
        <tr>
          <th className="num">Pass</th>
          <th>When</th>
          <th>Send to</th>
          <th className="num">Buckets</th>
          <th className="num">Matched</th>
          <th>
            <span className="pl-visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {lines.map(({ rule, order, target, buckets, micro }) => {
          const what = `rule ${order} (${rule.when.field} = ${rule.when.value})`;
          return (
            <tr key={rule.id} data-testid={`match-rule-${rule.id}`}>
              <td className="num">{order}</td>
              <td>
                {rule.when.field} = <code>{rule.when.value}</code>
              </td>
              <td>{target}</td>
              <td className="num">{buckets}</td>
              <td className="num" title={microText(micro)}>
                {usd(micro)}
              </td>
              <td>
                <button
                  type="button"
                  aria-label={`Move ${what} earlier`}
                  disabled={order === 1}
                  onClick={() => onMove(rule.id, -1)}
                >
                  ↑ Earlier
                </button>{' '}
                <button
                  type="button"
                  aria-label={`Move ${what} later`}
                  disabled={order === lines.length}
                  onClick={() => onMove(rule.id, 1)}
                >
                  ↓ Later
                </button>{' '}
                <button
                  type="button"
                  aria-label={`Remove ${what}`}
                  data-remove-rule={rule.id}
                  onClick={() => onRemove(rule.id)}
                >
                  Remove
                </button>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/**
 * A rule's value, with the ledger's values for its field suggested as the user types: only some at a time
 * (VALUES_OFFERED), those holding what is typed, and a note saying so when there are more.
 */
function RuleValueBox(props: {
  readonly field: MatchField;
  readonly values: readonly string[];
  readonly value: string;
  readonly onValue: (value: string) => void;
}) {
  const { field, values, value, onValue } = props;
  const listId = `match-values-${field}`;
  const offered = useMemo(() => valuesOffered(values, value), [values, value]);
  const offeredNote = valuesOfferedText(offered.length, values.length, value);
  return (
    <>
      <label className="pl-block">
        equals
        <input
          data-testid="match-value"
          list={listId}
          aria-describedby={offeredNote === null ? undefined : `${listId}-offered`}
          value={value}
          placeholder={values[0] ?? 'a value'}
          onChange={(e) => onValue(e.target.value)}
        />
      </label>
      <datalist id={listId}>
        {offered.map((v) => (
          <option key={v} value={v} />
        ))}
      </datalist>
      {offeredNote !== null && (
        <p className="pl-muted" id={`${listId}-offered`} data-testid="match-values-offered">
          {offeredNote}
        </p>
      )}
    </>
  );
}

/** field = value → row or team; the ledger's values for the field are offered as the user types. */
function AddRuleForm({
  document: doc,
  values,
  onCommand,
}: {
  document: PlanDocument;
  values: Record<MatchField, string[]>;
  onCommand: (command: Command) => void;
}) {
  const [field, setField] = useState<MatchField>('project');
  const [value, setValue] = useState('');
  const [target, setTarget] = useState('');
  const [error, setError] = useState<string | null>(null);
  const targets = useMemo(() => targetOptions(doc), [doc]);
  const chosen = target !== '' ? target : (targets.rows[0]?.value ?? '');
  const add = () => {
    const made = planAddRule(doc, field, value, chosen);
    if (!made.ok) return setError(made.error);
    setError(null);
    setValue('');
    onCommand(made.value);
  };
  return (
    <form
      className="pl-entry-form"
      aria-label="Add a match rule"
      data-testid="match-add-rule"
      onSubmit={(e) => {
        e.preventDefault();
        add();
      }}
    >
      <label className="pl-block">
        When
        <select data-testid="match-field" value={field} onChange={(e) => setField(e.target.value as MatchField)}>
          {MATCH_FIELDS.map((f) => (
            <option key={f} value={f}>
              {f}
            </option>
          ))}
        </select>
      </label>
      <RuleValueBox field={field} values={values[field]} value={value} onValue={setValue} />
      <RowSelect
        rows={targets.rows}
        groups={[{ label: 'Teams', options: targets.teams }]}
        value={chosen}
        onChange={setTarget}
        label="send to"
        shownLabel
        testId="match-target"
      />
      <button type="submit" data-testid="match-add">
        Add rule
      </button>
      {error && (
        <p className="pl-error-text" role="alert" data-testid="match-add-problem">
          {error}
        </p>
      )}
    </form>
  );
}

/**
 * Removing a rule removes the button that had focus: focus moves to the next rule's Remove button or,
 * after the last rule, to the list's heading, once the plan without the rule is shown.
 */
function useFocusAfterRemove(lines: readonly RuleLine[], onRemove: (ruleId: string) => void) {
  const list = useRef<HTMLDivElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const pending = useRef<{ removed: string; next: string | null } | null>(null);
  useEffect(() => {
    const p = pending.current;
    if (p === null || lines.some((l) => l.rule.id === p.removed)) return;
    pending.current = null;
    const buttons = [...(list.current?.querySelectorAll<HTMLButtonElement>('button[data-remove-rule]') ?? [])];
    (buttons.find((b) => b.dataset.removeRule === p.next) ?? heading.current)?.focus();
  }, [lines]);
  const remove = (ruleId: string) => {
    const at = lines.findIndex((l) => l.rule.id === ruleId);
    pending.current = { removed: ruleId, next: lines[at + 1]?.rule.id ?? null };
    onRemove(ruleId);
  };
  return { list, heading, remove };
}

interface MatchRulesPanelProps {
  readonly document: PlanDocument;
  /** The plan's reconciliation as of `asOf` (null while it has no actuals). */
  readonly rec: Reconciliation | null;
  onCommand: (command: Command | null) => void;
  /** The As of day the Reconcile and Match rules tabs share (null: the latest actual), and its setter. */
  readonly asOf: string | null;
  onAsOf: (asOf: string | null) => void;
}

/**
 * The plan's match rules (issue 12 §2): in pass order with what each matched, added, reordered and
 * removed; the Unassigned buckets, assigned to a row or split by percentages by hand. Every change is
 * one undoable command.
 */
export function MatchRulesPanel({ document: doc, rec, onCommand, asOf, onAsOf }: MatchRulesPanelProps) {
  // The pieces, not the parts: a team split makes a part per row of the team, millions in a large ledger.
  const pieces = rec?.pieces ?? NO_PIECES;
  const byRule = rec?.byRule ?? NO_RULES_MATCHED;
  const latest = useMemo(() => latestActualDay(doc), [doc]);
  const lines = useMemo(() => ruleLines(doc, byRule), [doc, byRule]);
  const focus = useFocusAfterRemove(lines, (id) => onCommand(planRemoveRule(doc, id)));
  const values = useMemo(() => ledgerValues(pieces), [pieces]);
  return (
    <div className="pl-scenarios" data-testid="match-rules-panel">
      <div className="pl-panel-column pl-grow" ref={focus.list}>
        <h3 tabIndex={-1} ref={focus.heading} data-testid="match-rules-heading">
          Match rules
        </h3>
        <p className="pl-muted">
          Before the rules: buckets assigned by hand, then campaigns or tags naming a row. After them: the same model
          within a row’s dates, when only one row can take it. The rest is Unassigned.
        </p>
        {rec !== null && (
          <div className="pl-inline-form">
            <AsOfControl shown={rec.asOf} chosen={asOf} latest={latest} onAsOf={onAsOf} testId="match-as-of" />
          </div>
        )}
        <RulesTable lines={lines} onMove={(id, by) => onCommand(planMoveRule(doc, id, by))} onRemove={focus.remove} />
        <AddRuleForm document={doc} values={values} onCommand={onCommand} />
      </div>
      <div className="pl-panel-column pl-grow">
        {rec === null ? (
          <p className="pl-muted" data-testid="match-no-actuals">
            No actuals yet: import a usage or cost export (File › Import actuals…) to see what the rules match.
          </p>
        ) : (
          <UnassignedBuckets document={doc} rec={rec} onCommand={onCommand} />
        )}
      </div>
    </div>
  );
}
