import { describe, expect, it } from 'vitest';
import { CAMPAIGNS, LINE_ITEMS, yearOfActuals } from '../../support/actuals-generator';
import { actualsTotals } from '../../../shared/actuals/ledger/actuals-report';
import { effectiveBuckets } from '../../../shared/actuals/ledger/effective-buckets';
import { parsePlanText, serializePlan } from '../../../shared/plan/plan-document';
import { createSamplePlan } from '../../../shared/plan/sample-plan';
import { BOOK } from './support/ledger-steps';

describe('a year of daily actuals for 50 campaigns', () => {
  const ledger = yearOfActuals();
  const plan = { ...createSamplePlan('2026-11-28'), actuals: ledger };
  const text = serializePlan(plan);

  it('keeps the plan file under 5 MB (size, not time: speed is in npm run bench -- ledger)', () => {
    expect(effectiveBuckets(ledger)).toHaveLength(365 * (CAMPAIGNS + LINE_ITEMS));
    expect(new TextEncoder().encode(text).length).toBeLessThan(5 * 1024 * 1024);
  });

  it('reads back to the same ledger and the same totals', () => {
    const back = parsePlanText(text);
    expect(back.ok && back.value.actuals).toEqual(ledger);
    if (!back.ok) return;
    const before = actualsTotals(ledger, BOOK);
    const after = actualsTotals(back.value.actuals, BOOK);
    expect(after.billedUsd).toEqual(before.billedUsd);
    expect(after.meteredUsd).toEqual(before.meteredUsd);
    // Each monthly export re-pulled 3 days: 11 overlaps replaced (identical figures), none added twice.
    expect(ledger.batches.filter((b) => b.source === 'openai-costs').map((b) => b.rowsDuplicate)).toEqual([
      0,
      ...Array<number>(11).fill(3 * LINE_ITEMS),
    ]);
  });
});
