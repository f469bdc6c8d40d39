// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { useMemo, useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import type { PlanDocument } from '../../../shared/plan/plan-schema';
import { createSamplePlan } from '../../../shared/plan/sample-plan';
import { reconcilePlan } from '../../../shared/reconcile/reconcile-plan';
import { MatchRulesPanel } from '../../../renderer/src/panels/match-rules/MatchRulesPanel';
import { ledgerValues, splitPreview, splitProblem } from '../../../renderer/src/panels/match-rules/match-rules-model';
import { applyCommand, type Command, invertCommand } from '../../../renderer/src/state/commands';
import { PlanEstimator } from '../../../shared/estimate/plan-estimator';
import { PlanReconciler } from '../../../shared/reconcile/plan-reconciler';
import { GridReconciliation } from '../../../renderer/src/state/reconciliation-totals';

afterEach(cleanup);

const SAMPLE = createSamplePlan('2026-11-28');

/** The panel over a plan it edits through commands, with an undo stack, as the app wires it. */
function Harness({ start, log }: { start: PlanDocument; log: Command[] }) {
  const [doc, setDoc] = useState(start);
  const [estimator] = useState(() => new PlanEstimator());
  const [reconciler] = useState(() => new PlanReconciler());
  const rec = useMemo(() => {
    const r = reconciler.reconcile(doc, estimator.view(doc));
    return r.ok ? new GridReconciliation(r.value, doc.actuals.rules) : null;
  }, [doc, estimator, reconciler]);
  const run = (c: Command | null) => {
    if (c === null) return;
    log.push(c);
    setDoc((d) => applyCommand(d, c));
  };
  const undo = () => {
    const c = log.pop();
    if (c) setDoc((d) => applyCommand(d, invertCommand(c)));
  };
  return (
    <>
      <button type="button" onClick={undo}>
        Undo
      </button>
      <MatchRulesPanel document={doc} reconciliation={rec} onCommand={run} />
    </>
  );
}

function addRule(field: string, value: string, target: string) {
  fireEvent.change(screen.getByLabelText('When'), { target: { value: field } });
  fireEvent.change(screen.getByLabelText('equals'), { target: { value } });
  fireEvent.change(screen.getByLabelText('send to'), { target: { value: target } });
  fireEvent.click(screen.getByRole('button', { name: 'Add rule' }));
}

function ruleRows(): string[] {
  return within(screen.getByTestId('match-rules'))
    .getAllByRole('row')
    .slice(1)
    .map((r) => r.textContent ?? '');
}

describe('the Match rules panel (issue 12 §2)', () => {
  it('offers the ledger’s values, adds a rule as one labelled undo step, and shows what it matched', () => {
    const log: Command[] = [];
    render(<Harness start={SAMPLE} log={log} />);
    expect(screen.getByTestId('match-rules-empty')).toBeTruthy();
    expect(screen.getByTestId('match-unassigned').querySelector('caption')?.textContent).toBe(
      'Unassigned: $0.22 in 4 buckets',
    );
    fireEvent.change(screen.getByLabelText('When'), { target: { value: 'api-key' } });
    const offered = [...document.querySelectorAll('#match-values-api-key option')].map((o) => o.getAttribute('value'));
    expect(offered).toEqual(['key-marketing']);

    addRule('api-key', 'key-marketing', 'saas-hero');
    expect(log.map((c) => c.label)).toEqual(['Add match rule api-key = key-marketing']);
    // The rule takes the four Unassigned buckets and one the model pass had given a row: 5 buckets, $0.263774.
    expect(ruleRows()).toEqual([
      expect.stringMatching(/^1api-key = key-marketingSaaS landing: hero image \(saas-hero\)5\$0\.26/),
    ]);
    expect(screen.getByTestId('match-unassigned').querySelector('caption')?.textContent).toBe(
      'Unassigned: $0.00 in 0 buckets',
    );

    fireEvent.click(screen.getByRole('button', { name: 'Undo' }));
    expect(screen.getByTestId('match-rules-empty')).toBeTruthy();
    expect(screen.getByTestId('match-unassigned').querySelector('caption')?.textContent).toBe(
      'Unassigned: $0.22 in 4 buckets',
    );
  });

  it('says what is wrong with a rule instead of adding it', () => {
    const log: Command[] = [];
    render(<Harness start={SAMPLE} log={log} />);
    addRule('project', '   ', 'saas-hero');
    expect(screen.getByRole('alert').textContent).toBe('Write the project value the rule matches');
    expect(log).toEqual([]);
  });

  it('sends spend to a team, reorders rules (earlier wins) and removes them, each one undo step', () => {
    const log: Command[] = [];
    render(<Harness start={SAMPLE} log={log} />);
    addRule('project', 'proj_marketing', 'team:Product marketing');
    addRule('api-key', 'key-marketing', 'saas-ui-screens');
    expect(ruleRows()).toEqual([
      expect.stringMatching(/^1project = proj_marketingteam Product marketing \(by planned cost\)5\$0\.26/),
      expect.stringMatching(/^2api-key = key-marketingSaaS landing: 8 UI screenshots \(saas-ui-screens\)0\$0\.00/),
    ]);
    fireEvent.click(screen.getByRole('button', { name: 'Move rule 2 (api-key = key-marketing) earlier' }));
    expect(ruleRows()).toEqual([
      expect.stringMatching(/^1api-key = key-marketing.*5\$0\.26/),
      expect.stringMatching(/^2project = proj_marketing.*0\$0\.00/),
    ]);
    expect(screen.getByRole('button', { name: 'Move rule 1 (api-key = key-marketing) earlier' })).toHaveProperty(
      'disabled',
      true,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Remove rule 1 (api-key = key-marketing)' }));
    expect(ruleRows()).toEqual([expect.stringMatching(/^1project = proj_marketing.*5\$0\.26/)]);
    expect(log.map((c) => c.label)).toEqual([
      'Add match rule project = proj_marketing',
      'Add match rule api-key = key-marketing',
      'Move match rule api-key = key-marketing',
      'Remove match rule api-key = key-marketing',
    ]);
    fireEvent.click(screen.getByRole('button', { name: 'Undo' }));
    expect(ruleRows()).toHaveLength(2);
  });

  it('splits selected buckets by percentages exactly, and says when they do not add up to 100', () => {
    const log: Command[] = [];
    render(<Harness start={SAMPLE} log={log} />);
    const boxes = within(screen.getByTestId('match-unassigned')).getAllByRole('checkbox');
    fireEvent.click(boxes[1] as HTMLElement); // the largest bucket, 2027-01-20: $0.071006
    fireEvent.click(boxes[2] as HTMLElement); // 2027-01-19: $0.048192
    expect(screen.getByTestId('match-assign').querySelector('legend')?.textContent).toBe(
      'Assign the 2 buckets selected',
    );
    fireEvent.click(screen.getByLabelText('split by percentages'));
    fireEvent.change(screen.getByLabelText('Percent to SaaS landing: hero image'), { target: { value: '33.3333' } });
    fireEvent.change(screen.getByLabelText('Percent to SaaS landing: 8 UI screenshots'), {
      target: { value: '56.6667' },
    });
    expect(screen.getByTestId('match-split-sum').textContent).toBe('The percentages add up to 90% of 100%.');
    fireEvent.click(screen.getByRole('button', { name: 'Split 2 buckets' }));
    expect(screen.getByRole('alert').textContent).toBe(
      'The percentages add up to 90%; they must add up to exactly 100% (each bucket is split whole).',
    );
    expect(log).toEqual([]);

    fireEvent.change(screen.getByLabelText('Percent to SaaS landing: 8 UI screenshots'), {
      target: { value: '66.6667' },
    });
    // Each bucket split by largest remainder: 0.071006 → 0.023669 + 0.047337; 0.048192 → 0.016064 + 0.032128.
    const split = within(screen.getByTestId('match-split'))
      .getAllByRole('row')
      .map((r) => r.textContent);
    expect(split).toContain('SaaS landing: hero image%$0.04');
    expect(split).toContain('SaaS landing: 8 UI screenshots%$0.08');
    fireEvent.click(screen.getByRole('button', { name: 'Split 2 buckets' }));
    expect(log.map((c) => c.label)).toEqual(['Assign 2 buckets split over 2 rows']);
    expect(screen.getByTestId('match-unassigned').querySelector('caption')?.textContent).toBe(
      'Unassigned: $0.10 in 2 buckets',
    );
    expect(screen.getByTestId('match-manual').textContent).toContain('SaaS landing: hero image 33.3333%');

    // Back to the rules: one undo step.
    fireEvent.click(screen.getAllByRole('button', { name: /^Return to rules: 2027-01-/ })[0] as HTMLElement);
    expect(log.at(-1)?.label).toBe('Return 1 bucket to the match rules');
  });

  it('assigns a bucket to one row', () => {
    const log: Command[] = [];
    render(<Harness start={SAMPLE} log={log} />);
    fireEvent.click(within(screen.getByTestId('match-unassigned')).getAllByRole('checkbox')[0] as HTMLElement);
    fireEvent.change(screen.getByLabelText('Row'), { target: { value: 'saas-ui-screens' } });
    fireEvent.click(screen.getByRole('button', { name: 'Assign 4 buckets' }));
    expect(log.map((c) => c.label)).toEqual(['Assign 4 buckets to saas-ui-screens']);
    expect(screen.getByTestId('match-unassigned').querySelector('caption')?.textContent).toBe(
      'Unassigned: $0.00 in 0 buckets',
    );
  });
});

describe('match rules panel model', () => {
  const rec = reconcilePlan(SAMPLE);
  if (!rec.ok) throw new Error(rec.error);

  it('lists the ledger’s values per field', () => {
    const values = ledgerValues(rec.value.parts);
    expect(values.project).toEqual(['proj_marketing']);
    expect(values.campaign).toEqual(['ecom-product-pages', 'ugc-ad-hooks']);
    expect(values.user).toEqual([]);
  });

  it('splits each bucket exactly: the parts add up to the buckets to the micro-dollar', () => {
    const pieces = rec.value.unassignedPieces;
    const parts = [
      { rowId: 'a', pct: '33.3333' },
      { rowId: 'b', pct: '33.3333' },
      { rowId: 'c', pct: '33.3334' },
    ];
    const got = splitPreview(pieces, parts);
    const total = pieces.reduce((s, p) => s + p.micro, 0);
    expect([...got.values()].reduce((s, m) => s + m, 0)).toBe(total);
  });

  it('explains a bad percentage by row', () => {
    expect(splitProblem([{ rowId: 'a', pct: '1e2' }], (id) => `row ${id}`)).toMatch(
      /^"1e2" for row a is not a percentage: write a number from 0 to 100/,
    );
    expect(splitProblem([], (id) => id)).toBe('Type a percentage for at least one row.');
    expect(splitProblem([{ rowId: 'a', pct: '100' }], (id) => id)).toBeNull();
  });
});
