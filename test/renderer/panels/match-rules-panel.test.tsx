// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { useMemo, useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import type { PlanDocument } from '../../../shared/plan/plan-schema';
import { createSamplePlan } from '../../../shared/plan/sample-plan';
import { blankRow } from '../../../shared/plan/new-plan';
import { reconcilePlan } from '../../../shared/reconcile/reconcile-plan';
import { usd } from '../../../renderer/src/grid/money-text';
import { ledgerOf } from '../../shared/actuals/support/ledger-steps';
import { meta, record } from '../../shared/actuals/support/records';
import { MatchRulesPanel } from '../../../renderer/src/panels/match-rules/MatchRulesPanel';
import {
  ledgerValues,
  splitPreview,
  splitProblem,
  valuesOffered,
  valuesOfferedText,
} from '../../../renderer/src/panels/match-rules/match-rules-model';
import { applyCommand, type Command, invertCommand } from '../../../renderer/src/state/commands';
import { rowFinder } from '../../../renderer/src/state/row-ops';
import { PlanEstimator } from '../../../shared/estimate/plan-estimator';
import { PlanReconciler } from '../../../shared/reconcile/plan-reconciler';

afterEach(cleanup);

const SAMPLE = createSamplePlan('2026-11-28');

/** The panel over a plan it edits through commands, with an undo stack, as the app wires it. */
function Harness({ start, log }: { start: PlanDocument; log: Command[] }) {
  const [doc, setDoc] = useState(start);
  const [asOf, setAsOf] = useState<string | null>(null);
  const [estimator] = useState(() => new PlanEstimator());
  const [reconciler] = useState(() => new PlanReconciler());
  const rec = useMemo(() => {
    if (doc.actuals.batches.length === 0) return null;
    const r = reconciler.reconcile(doc, estimator.view(doc), asOf);
    return r.ok ? r.value : null;
  }, [doc, estimator, reconciler, asOf]);
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
      <MatchRulesPanel document={doc} rec={rec} onCommand={run} asOf={asOf} onAsOf={setAsOf} />
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

describe('the Match rules panel on a plan of thousands of rows', () => {
  // The sample's actuals over the sample's rows and 2,000 more: past what one drop-down lists.
  const large: PlanDocument = {
    ...SAMPLE,
    rows: [
      ...SAMPLE.rows,
      ...Array.from({ length: 2_000 }, (_, i) => blankRow(`bulk-${i}`, { name: `Bulk line ${i}` })),
    ],
  };

  it('lists the first 500 rows to send spend to, and finds any other by the words typed', () => {
    const log: Command[] = [];
    render(<Harness start={large} log={log} />);
    const target = screen.getByTestId('match-target');
    expect(
      within(target)
        .getAllByRole('option')
        .filter((o) => o.closest('optgroup')?.label === 'Rows'),
    ).toHaveLength(500);
    expect(screen.getByTestId('match-target-listed').textContent).toBe(
      'the first 500 of 2,004 rows listed: type part of a name or id to find others',
    );
    fireEvent.change(screen.getByTestId('match-target-find'), { target: { value: 'bulk LINE 1999' } });
    expect(screen.getByTestId('match-target-listed').textContent).toBe('1 of 2,004 rows match');
    // The row chosen so far stays in the list, in front of what the words found.
    const rows = within(target)
      .getAllByRole('option')
      .filter((o) => o.closest('optgroup')?.label === 'Rows')
      .map((o) => o.getAttribute('value'));
    expect(rows).toEqual([SAMPLE.rows[0]?.id, 'bulk-1999']);
    addRule('api-key', 'key-marketing', 'bulk-1999');
    expect(ruleRows()).toEqual([
      expect.stringMatching(/^1api-key = key-marketingBulk line 1999 \(bulk-1999\)5\$0\.26/),
    ]);
    fireEvent.change(screen.getByTestId('match-target-find'), { target: { value: 'no such words' } });
    expect(screen.getByTestId('match-target-listed').textContent).toBe("no row's name or id holds those words");
  });

  it('splits buckets over rows found by name, keeping the rows given a percentage listed', () => {
    const log: Command[] = [];
    render(<Harness start={large} log={log} />);
    const boxes = within(screen.getByTestId('match-unassigned')).getAllByRole('checkbox');
    fireEvent.click(boxes[1] as HTMLElement);
    fireEvent.click(screen.getByLabelText('split by percentages'));
    const splitRows = () => within(screen.getByTestId('match-split')).getAllByRole('row').slice(1);
    expect(splitRows()).toHaveLength(500);
    fireEvent.change(screen.getByLabelText('Percent to SaaS landing: hero image'), { target: { value: '40' } });
    fireEvent.change(screen.getByTestId('match-split-find'), { target: { value: 'bulk line 1999' } });
    expect(splitRows().map((r) => r.textContent?.split('%')[0])).toEqual([
      'SaaS landing: hero image',
      'Bulk line 1999',
    ]);
    fireEvent.change(screen.getByLabelText('Percent to Bulk line 1999'), { target: { value: '60' } });
    fireEvent.click(screen.getByRole('button', { name: 'Split 1 bucket' }));
    expect(log.map((c) => c.label)).toEqual(['Assign 1 bucket split over 2 rows']);
    expect(screen.getByTestId('match-manual').textContent).toContain('Bulk line 1999 60%');
  });
});

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

function unassignedCaption(): string | null | undefined {
  return screen.getByTestId('match-unassigned').querySelector('caption')?.textContent;
}

describe('the Match rules panel: As of, every bucket reachable, focus (issue 12 §2)', () => {
  it('reconciles as of the shared As of day, and goes back to the latest actual', () => {
    render(<Harness start={SAMPLE} log={[]} />);
    const asOf = screen.getByTestId<HTMLInputElement>('match-as-of');
    expect(asOf.value).toBe('2027-01-27');
    expect(unassignedCaption()).toBe('Unassigned: $0.22 in 4 buckets');
    const earlier = reconcilePlan(SAMPLE, { asOf: '2027-01-19' });
    if (!earlier.ok) throw new Error(earlier.error);
    const n = earlier.value.unassignedPieces.length;
    expect(n).toBeLessThan(4);
    fireEvent.change(asOf, { target: { value: '2027-01-19' } });
    expect(asOf.value).toBe('2027-01-19');
    expect(unassignedCaption()).toBe(
      `Unassigned: ${usd(earlier.value.unassigned)} in ${n} bucket${n === 1 ? '' : 's'}`,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Latest actual (2027-01-27)' }));
    expect(asOf.value).toBe('2027-01-27');
    expect(unassignedCaption()).toBe('Unassigned: $0.22 in 4 buckets');
  });

  /** The sample plan with `count` billed buckets no rule matches: project proj_<i>, $<i>.00 each. */
  function manyBuckets(count = 250): PlanDocument {
    const records = Array.from({ length: count }, (_, k) =>
      record('2027-01-20', `${k + 1}.00`, {
        line: k + 2,
        dims: { project: `proj_${k + 1}`, lineItem: 'image output' },
      }),
    );
    return { ...SAMPLE, actuals: ledgerOf([meta('openai-costs', 'many-projects.csv'), records]) };
  }

  it('lists the 200 largest of 250 buckets, says so, and reaches any bucket through the filter', () => {
    const log: Command[] = [];
    render(<Harness start={manyBuckets()} log={log} />);
    expect(unassignedCaption()).toBe('Unassigned: $31,375.00 in 250 buckets');
    expect(screen.getAllByTestId('match-bucket')).toHaveLength(200);
    // $51 … $250 are shown: $30,100 of $31,375.
    expect(screen.getByTestId('match-buckets-shown').textContent).toBe(
      'Showing 200 of 250 unassigned buckets ($30,100.00 of $31,375.00), largest first: filter to reach the others.',
    );
    expect(screen.queryByText(/proj_42 /)).toBeNull();

    const filter = screen.getByLabelText('Filter buckets');
    fireEvent.change(filter, { target: { value: 'PROJ_42 billed' } });
    expect(screen.getAllByTestId('match-bucket').map((r) => r.textContent)).toEqual([
      '2027-01-20 billed: proj_42 · image output$42.00',
    ]);
    expect(screen.getByTestId('match-buckets-shown').textContent).toBe(
      'Showing 1 of 1 matching “PROJ_42 billed” ($42.00 of $42.00); 250 unassigned buckets in all ($31,375.00).',
    );
    fireEvent.change(filter, { target: { value: 'proj_1' } });
    // proj_1, proj_10…19 and proj_100…199: 111 buckets, all listed.
    expect(screen.getAllByTestId('match-bucket')).toHaveLength(111);

    fireEvent.change(filter, { target: { value: 'proj_42' } });
    fireEvent.click(screen.getByRole('checkbox', { name: 'Select every bucket shown' }));
    fireEvent.change(screen.getByLabelText('Row'), { target: { value: 'saas-hero' } });
    fireEvent.click(screen.getByRole('button', { name: 'Assign 1 bucket' }));
    expect(log.map((c) => c.label)).toEqual(['Assign 1 bucket to saas-hero']);
    expect(unassignedCaption()).toBe('Unassigned: $31,333.00 in 249 buckets');
    expect(screen.getByTestId('match-buckets-shown').textContent).toBe(
      'No unassigned bucket matches “proj_42” (of 249 unassigned buckets, $31,333.00).',
    );
    fireEvent.change(filter, { target: { value: '' } });
    expect(screen.getByTestId('match-buckets-shown').textContent).toMatch(/^Showing 200 of 249 unassigned buckets/);
  });

  it('suggests 500 of 1,200 projects for a rule’s value, says so, and finds any other by what is typed', () => {
    const log: Command[] = [];
    render(<Harness start={manyBuckets(1_200)} log={log} />);
    const suggested = () =>
      [...document.querySelectorAll('#match-values-project option')].map((o) => o.getAttribute('value'));
    // The ledger's values sorted as text: proj_1, proj_10, proj_100, proj_1000, …
    expect(suggested()).toHaveLength(500);
    expect(suggested().slice(0, 4)).toEqual(['proj_1', 'proj_10', 'proj_100', 'proj_1000']);
    expect(suggested()).not.toContain('proj_999');
    const note = () => screen.queryByTestId('match-values-offered')?.textContent ?? null;
    expect(note()).toBe('Suggesting the first 500 of 1,200 values: type part of a value to find others');
    const valueBox = screen.getByLabelText('equals');
    expect(valueBox.getAttribute('aria-describedby')).toBe('match-values-project-offered');

    fireEvent.change(valueBox, { target: { value: 'PROJ_999' } });
    expect(suggested()).toEqual(['proj_999']);
    expect(note()).toBeNull();
    expect(valueBox.getAttribute('aria-describedby')).toBeNull();
    // proj_1, proj_10…19, proj_100…199 and proj_1000…1200: 312 of them, all suggested.
    fireEvent.change(valueBox, { target: { value: 'proj_1' } });
    expect(suggested()).toHaveLength(312);

    // A field with few values suggests them all, with nothing to say.
    fireEvent.change(screen.getByLabelText('When'), { target: { value: 'line-item' } });
    fireEvent.change(screen.getByLabelText('equals'), { target: { value: '' } });
    expect(
      [...document.querySelectorAll('#match-values-line-item option')].map((o) => o.getAttribute('value')),
    ).toEqual(['image output']);
    expect(note()).toBeNull();

    addRule('project', 'proj_1199', 'saas-hero');
    expect(log.map((c) => c.label)).toEqual(['Add match rule project = proj_1199']);
  });

  it('lists the first 200 buckets assigned by hand, shows the rest on request, and each goes back to the rules', () => {
    const log: Command[] = [];
    render(<Harness start={manyBuckets()} log={log} />);
    const assignEveryShown = (n: number) => {
      fireEvent.click(screen.getByRole('checkbox', { name: 'Select every bucket shown' }));
      fireEvent.change(screen.getByLabelText('Row'), { target: { value: 'saas-hero' } });
      fireEvent.click(screen.getByRole('button', { name: `Assign ${n} buckets` }));
    };
    assignEveryShown(200); // the 200 largest, then the 50 left
    assignEveryShown(50);
    expect(unassignedCaption()).toBe('Unassigned: $0.00 in 0 buckets');
    const manualRows = () => within(screen.getByTestId('match-manual')).getAllByRole('row').slice(1);
    expect(manualRows()).toHaveLength(200);
    expect(screen.getByTestId('match-manual-not-listed').textContent).toBe(
      '200 of 250 buckets assigned by hand listed. Show 50 more',
    );
    fireEvent.click(screen.getByTestId('match-manual-show-more'));
    expect(manualRows()).toHaveLength(250);
    expect(screen.queryByTestId('match-manual-not-listed')).toBeNull();
    expect(manualRows()[0]?.textContent).toMatch(/^2027-01-20 · proj_250 · image output.*100%Return to rules$/);

    const last = manualRows()[249] as HTMLElement;
    const bucket = last.querySelector('td')?.textContent ?? '';
    fireEvent.click(within(last).getByRole('button', { name: `Return to rules: ${bucket}` }));
    expect(manualRows()).toHaveLength(249);
    expect(log.map((c) => c.label).slice(-1)).toEqual(['Return 1 bucket to the match rules']);
  });

  it('after Remove, focus goes to the next rule’s Remove button, or to the heading after the last rule', () => {
    render(<Harness start={SAMPLE} log={[]} />);
    addRule('project', 'a', 'saas-hero');
    addRule('project', 'b', 'saas-hero');
    addRule('project', 'c', 'saas-hero');
    const remove = (n: number, v: string) => screen.getByRole('button', { name: `Remove rule ${n} (project = ${v})` });
    remove(1, 'a').focus();
    fireEvent.click(remove(1, 'a'));
    expect(document.activeElement).toBe(remove(1, 'b'));
    remove(2, 'c').focus();
    fireEvent.click(remove(2, 'c'));
    expect(document.activeElement).toBe(screen.getByRole('heading', { name: 'Match rules' }));
    fireEvent.click(remove(1, 'b'));
    expect(screen.getByTestId('match-rules-empty')).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByRole('heading', { name: 'Match rules' }));
  });
});

describe('match rules panel model', () => {
  const rec = reconcilePlan(SAMPLE);
  if (!rec.ok) throw new Error(rec.error);

  it('suggests at most 500 values, those holding every word typed, in the order given', () => {
    const values = Array.from({ length: 1_000 }, (_, i) => `user-${i}@example.com`);
    expect(valuesOffered(values, '')).toHaveLength(500);
    expect(valuesOffered(values, '', 3)).toEqual(['user-0@example.com', 'user-1@example.com', 'user-2@example.com']);
    expect(valuesOffered(values, 'USER-99')).toEqual([
      'user-99@example.com',
      'user-990@example.com',
      ...Array.from({ length: 9 }, (_, i) => `user-99${i + 1}@example.com`),
    ]);
    expect(valuesOffered(values, '  example  user-7  ')).toHaveLength(111);
    expect(valuesOffered(values, 'nobody')).toEqual([]);
    expect(valuesOfferedText(500, 1_000, '')).toBe(
      'Suggesting the first 500 of 1,000 values: type part of a value to find others',
    );
    expect(valuesOfferedText(500, 1_000, ' user ')).toBe(
      'Suggesting the first 500 values holding “user” (of 1,000): type more to narrow them',
    );
    expect(valuesOfferedText(499, 1_000, 'user-1')).toBeNull();
    expect(valuesOfferedText(500, 500, '')).toBeNull();
  });

  it('lists the ledger’s values per field', () => {
    const values = ledgerValues(rec.value.pieces);
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

  it('finds rows by id the same way for a few lookups (a search) and many (a map)', () => {
    for (const lookups of [1, 1_000]) {
      const find = rowFinder(SAMPLE, lookups);
      expect(SAMPLE.rows.every((r) => find(r.id) === r)).toBe(true);
      expect(find('no-such-row')).toBeUndefined();
    }
  });

  it('explains a bad percentage by row', () => {
    expect(splitProblem([{ rowId: 'a', pct: '1e2' }], (id) => `row ${id}`)).toMatch(
      /^"1e2" for row a is not a percentage: write a number from 0 to 100/,
    );
    expect(splitProblem([], (id) => id)).toBe('Type a percentage for at least one row.');
    expect(splitProblem([{ rowId: 'a', pct: '100' }], (id) => id)).toBeNull();
  });
});
