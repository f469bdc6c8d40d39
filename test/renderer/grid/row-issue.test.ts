import { describe, expect, it } from 'vitest';
import { blankPlan, blankRow } from '../../../shared/plan/new-plan';
import { rowIssueText } from '../../../renderer/src/grid/row-issue';
import { totalsRowOf } from '../../../renderer/src/grid/totals-row';
import { PlanEstimator } from '../../../shared/estimate/plan-estimator';

const view = new PlanEstimator().view({
  ...blankPlan('2026-11-28'),
  rows: [
    blankRow('ok'),
    blankRow('credits', { surface: 'credits' }),
    blankRow('two', { quality: 'xhigh', nPerRequest: 10, model: 'flux-2-pro' }),
  ],
});

describe('why a row is not priced, in the row', () => {
  it('is empty for a priced row and names the input (by its header) or the missing price', () => {
    const [ok, credits, two] = view.rows;
    if (!ok || !credits || !two) throw new Error('three rows');
    expect(rowIssueText(ok)).toBe('');
    expect(rowIssueText(credits)).toMatch(/^no price for gpt-image-2 on the credits surface on 2026-11-28/);
    expect(rowIssueText(two)).toBe(
      'Quality: quality "xhigh" is not offered by flux-2-pro: use one of standard · Images per request: flux-2-pro allows at most 1 images per request',
    );
  });

  it('the totals row counts the rows it leaves out', () => {
    expect(totalsRowOf(view)[0]?.label).toBe('Total · 3 rows · 2 rows not priced');
  });

  it('groups its counts by three, as the rest of the app does', () => {
    const large = new PlanEstimator().view({
      ...blankPlan('2026-11-28'),
      rows: Array.from({ length: 1_200 }, (_, i) => blankRow(`r${i}`, i < 1_001 ? { surface: 'credits' } : {})),
    });
    expect(totalsRowOf(large)[0]?.label).toBe('Total · 1,200 rows · 1,001 rows not priced');
  });
});
