import { useMemo, useState } from 'react';
import type { PlanDocument } from '../../../../shared/plan/plan-schema';
import type { MatchedPart } from '../../../../shared/reconcile/match-actuals';
import { MATCH_FIELDS, type MatchField } from '../../../../shared/reconcile/match-rules';
import { microText, usd } from '../../grid/money-text';
import type { Command } from '../../state/commands';
import { planAddRule, planMoveRule, planRemoveRule } from '../../state/match-commands';
import type { GridReconciliation } from '../../state/reconciliation-totals';
import { ledgerValues, type RuleLine, ruleLines, type TargetOption, targetOptions } from './match-rules-model';
import { UnassignedBuckets } from './UnassignedBuckets';

const NO_PARTS: readonly MatchedPart[] = [];
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
                <button type="button" aria-label={`Remove ${what}`} onClick={() => onRemove(rule.id)}>
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

function TargetChoices({ targets }: { targets: { rows: TargetOption[]; teams: TargetOption[] } }) {
  const groups = [
    { label: 'Rows', options: targets.rows },
    { label: 'Teams', options: targets.teams },
  ].filter((g) => g.label === 'Rows' || g.options.length > 0);
  return (
    <>
      {groups.map((g) => (
        <optgroup key={g.label} label={g.label}>
          {g.options.map((t) => (
            <option key={t.value} value={t.value}>
              {t.label}
            </option>
          ))}
        </optgroup>
      ))}
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
  const listId = `match-values-${field}`;
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
      <label className="pl-block">
        equals
        <input
          data-testid="match-value"
          list={listId}
          value={value}
          placeholder={values[field][0] ?? 'a value'}
          onChange={(e) => setValue(e.target.value)}
        />
      </label>
      <datalist id={listId}>
        {values[field].map((v) => (
          <option key={v} value={v} />
        ))}
      </datalist>
      <label className="pl-block">
        send to
        <select data-testid="match-target" value={chosen} onChange={(e) => setTarget(e.target.value)}>
          <TargetChoices targets={targets} />
        </select>
      </label>
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

interface MatchRulesPanelProps {
  readonly document: PlanDocument;
  /** The plan's reconciliation (null while it has no actuals). */
  readonly reconciliation: GridReconciliation | null;
  onCommand: (command: Command | null) => void;
}

/**
 * The plan's match rules (issue 12 §2): in pass order with what each matched, added, reordered and
 * removed; the Unassigned buckets, assigned to a row or split by percentages by hand. Every change is
 * one undoable command.
 */
export function MatchRulesPanel({ document: doc, reconciliation, onCommand }: MatchRulesPanelProps) {
  const parts = reconciliation?.rec.parts ?? NO_PARTS;
  const byRule = reconciliation?.rec.byRule ?? NO_RULES_MATCHED;
  const lines = useMemo(() => ruleLines(doc, byRule), [doc, byRule]);
  const values = useMemo(() => ledgerValues(parts), [parts]);
  return (
    <div className="pl-scenarios" data-testid="match-rules-panel">
      <div className="pl-panel-column pl-grow">
        <h3>Match rules</h3>
        <p className="pl-muted">
          Before the rules: buckets assigned by hand, then campaigns or tags naming a row. After them: the same model
          within a row’s dates, when only one row can take it. The rest is Unassigned.
        </p>
        <RulesTable
          lines={lines}
          onMove={(id, by) => onCommand(planMoveRule(doc, id, by))}
          onRemove={(id) => onCommand(planRemoveRule(doc, id))}
        />
        <AddRuleForm document={doc} values={values} onCommand={onCommand} />
      </div>
      <div className="pl-panel-column pl-grow">
        {reconciliation === null ? (
          <p className="pl-muted" data-testid="match-no-actuals">
            No actuals yet: import a usage or cost export (File › Import actuals…) to see what the rules match.
          </p>
        ) : (
          <UnassignedBuckets document={doc} rec={reconciliation.rec} onCommand={onCommand} />
        )}
      </div>
    </div>
  );
}
