// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { UnpricedUsageNotice } from '../../../renderer/src/panels/reconcile/ReconcileTables';

afterEach(cleanup);

describe('the Reconcile tab says which usage it could not price', () => {
  it('nothing when every bucket was priced', () => {
    render(<UnpricedUsageNotice buckets={0} byModel={[]} />);
    expect(screen.queryByTestId('reconcile-unpriced-usage')).toBeNull();
  });

  it('how many buckets count $0, then by model with why, the first ten and how many more', () => {
    const byModel = Array.from({ length: 12 }, (_, i) => ({
      model: `studio-model-${i}`,
      buckets: 12 - i,
      reason: `no price for studio-model-${i} on the api surface on 2027-01-05: add a plan price entry for it`,
    }));
    render(<UnpricedUsageNotice buckets={78} byModel={byModel} />);
    const notice = screen.getByTestId('reconcile-unpriced-usage');
    expect(notice.querySelector('p')?.textContent).toBe(
      '78 usage buckets could not be priced and count $0 in the actuals:',
    );
    const items = [...notice.querySelectorAll('li')].map((li) => li.textContent);
    expect(items).toHaveLength(11);
    expect(items[0]).toBe(
      'studio-model-0, 12 buckets; the first: no price for studio-model-0 on the api surface on 2027-01-05: add a plan price entry for it',
    );
    expect(items[10]).toBe('and 2 more models');
  });
});
