// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ComparisonTable } from '../../../renderer/src/panels/ComparisonTable';
import { compareDocuments, type PlanComparison, type RowComparison } from '../../../renderer/src/state/plan-comparison';
import { blankPlan, blankRow } from '../../../shared/plan/new-plan';

afterEach(cleanup);

/** `count` rows, every `changedEvery`-th one costing $1 more after. */
function comparison(count: number, changedEvery: number): PlanComparison {
  const rows: RowComparison[] = Array.from({ length: count }, (_, i) => {
    const after = i % changedEvery === 0 ? 2_000_000 : 1_000_000;
    return { rowId: `r${i}`, name: `Row ${i}`, before: 1_000_000, after, delta: after - 1_000_000 };
  });
  const afterTotal = rows.reduce((sum, r) => sum + (r.after ?? 0), 0);
  return {
    rows,
    beforeTotal: count * 1_000_000,
    afterTotal,
    delta: afterTotal - count * 1_000_000,
    both: { rows: count, before: count * 1_000_000, after: afterTotal },
    onlyBefore: { rows: 0, total: 0 },
    onlyAfter: { rows: 0, total: 0 },
  };
}

function drawnIds(): (string | null)[] {
  return [...document.querySelectorAll('tbody tr[data-row-id]')].map((tr) => tr.getAttribute('data-row-id'));
}

describe('the comparison table', () => {
  it('lists every row of a small plan, changed or not, in plan order', () => {
    render(<ComparisonTable comparison={comparison(5, 2)} beforeLabel="Base" afterLabel="B" testId="cmp" />);
    expect(drawnIds()).toEqual(['r0', 'r1', 'r2', 'r3', 'r4']);
    expect(screen.queryByTestId('cmp-more')).toBeNull();
  });

  it('lists a large plan’s changed rows first, says how many more there are, and shows the rest on request', () => {
    render(<ComparisonTable comparison={comparison(1000, 10)} beforeLabel="Base" afterLabel="B" testId="cmp" />);
    const ids = drawnIds();
    expect(ids).toHaveLength(200);
    expect(ids.slice(0, 100)).toEqual(Array.from({ length: 100 }, (_, i) => `r${i * 10}`));
    expect(ids[100]).toBe('r1');
    expect(screen.getByTestId('cmp-more').textContent).toContain('800 more rows (100 changed in all');
    expect(screen.getByTestId('cmp-after-total').textContent).toBe('$1,100.00');
    fireEvent.click(screen.getByRole('button', { name: 'Show 800 more' }));
    expect(drawnIds()).toHaveLength(1000);
    expect(drawnIds()[999]).toBe('r999');
    expect(screen.queryByTestId('cmp-more')).toBeNull();
  });

  it('draws a 100k-row comparison a thousand rows at a time, never all at once, and starts again for other labels', () => {
    const large = comparison(100_000, 1_000);
    const { rerender } = render(<ComparisonTable comparison={large} beforeLabel="Base" afterLabel="B" testId="cmp" />);
    expect(drawnIds()).toHaveLength(200);
    expect(screen.getByTestId('cmp-more').textContent).toBe(
      '99,800 more rows (100 changed in all; changed rows are listed first). Show 1,000 more',
    );
    fireEvent.click(screen.getByRole('button', { name: 'Show 1,000 more' }));
    expect(drawnIds()).toHaveLength(1_200);
    // The 100 changed rows, then the others in plan order.
    expect(drawnIds().slice(99, 102)).toEqual(['r99000', 'r1', 'r2']);
    expect(screen.getByTestId('cmp-after-total').textContent).toBe('$100,100.00');
    rerender(<ComparisonTable comparison={large} beforeLabel="Base" afterLabel="C" testId="cmp" />);
    expect(drawnIds()).toHaveLength(200);
  });
});

describe('totals when one side leaves rows unpriced', () => {
  // Two rows on gpt-image-2; after, the second names a model no price book has, so it is not priced.
  const before = blankPlan('2026-11-28', 'Switch');
  before.rows.push(blankRow('kept', { name: 'Kept', finals: 100 }));
  before.rows.push(blankRow('moved', { name: 'Moved', finals: 100 }));
  const after = { ...before, rows: before.rows.map((r) => (r.id === 'moved' ? { ...r, model: 'studio-model' } : r)) };

  it('gives no delta between totals that leave out different rows, but the like-for-like line and what is left out', () => {
    const compared = compareDocuments(before, after);
    if (!compared.ok) throw new Error(compared.error);
    const c = compared.value;
    expect(c.onlyBefore.rows).toBe(1);
    expect(c.both.rows).toBe(1);
    // The plan totals as each side prices them: the credits row counts before and not after.
    expect(c.beforeTotal).toBe(c.both.before + c.onlyBefore.total);
    expect(c.afterTotal).toBe(c.both.after);
    render(<ComparisonTable comparison={c} beforeLabel="Base" afterLabel="On gpt-image-1.5" testId="cmp" />);
    expect(screen.getByTestId('cmp-delta').textContent).toBe('—');
    const cells = (id: string) => [...screen.getByTestId(id).querySelectorAll('td')].map((td) => td.textContent);
    expect(cells('cmp-both')[0]).toBe('Rows priced on both (1)');
    expect(cells('cmp-only-before')).toEqual([
      'Not priced on On gpt-image-1.5: 1 row',
      expect.stringMatching(/^\$[\d,]+\.\d\d$/),
      'not priced',
      '—',
      '—',
    ]);
    expect(screen.queryByTestId('cmp-only-after')).toBeNull();
  });

  it('shows the plain totals and their delta when both sides price every row', () => {
    const compared = compareDocuments(before, before);
    if (!compared.ok) throw new Error(compared.error);
    render(<ComparisonTable comparison={compared.value} beforeLabel="Base" afterLabel="Same" testId="cmp" />);
    expect(screen.getByTestId('cmp-delta').textContent).toBe('$0.00');
    expect(screen.queryByTestId('cmp-both')).toBeNull();
  });
});
