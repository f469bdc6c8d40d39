import { describe, expect, it } from 'vitest';
import { estimatePlan } from '../../shared/estimate/estimate-plan';
import { parsePlanDocument, parsePlanText, serializePlan } from '../../shared/plan/plan-document';
import { planProblems } from '../../shared/plan/plan-checks';
import { createSamplePlan } from '../../shared/plan/sample-plan';
import { readField } from '../../shared/workbook/field-codec';
import { changeRow } from './support/fixtures';

/** Issue 13 §4: one set of checks for every entry point, so what validates estimates, exports and round-trips. */

const SAMPLE = createSamplePlan('2026-11-01');

describe('plan checks', () => {
  it('refuses duplicate price entry ids, naming both', () => {
    const entry = SAMPLE.priceEntries[0];
    if (!entry) throw new Error('the sample has no price entries');
    const plan = { ...SAMPLE, priceEntries: [entry, { ...entry, notes: 'another figure' }] };
    const r = parsePlanDocument(plan);
    expect(r.ok ? '' : r.error).toContain(
      `priceEntries[1].id: the price entry id "${entry.id}" is used twice (also at priceEntries[0].id)`,
    );
  });

  it('refuses an active scenario that does not exist, so estimate and export never fail on it', () => {
    const plan = { ...SAMPLE, activeScenarioId: 'gone' };
    expect(planProblems(plan).map((p) => p.path)).toEqual(['activeScenarioId']);
    const r = parsePlanText(serializePlan(plan));
    expect(r.ok ? '' : r.error).toMatch(/the active scenario "gone" is not one of the plan's scenarios/);
  });

  it('refuses a budget cap beyond what is kept exactly, with the reason', () => {
    const plan = changeRow(SAMPLE, 0, { budgetCapUsd: '999999999999' });
    const r = parsePlanDocument(plan);
    expect(r.ok ? '' : r.error).toMatch(
      /rows\[0\]\.budgetCapUsd: a budget cap of 999999999999 USD is beyond the largest/,
    );
    expect(parsePlanDocument(changeRow(SAMPLE, 0, { budgetCapUsd: '9007199254.740991' })).ok).toBe(true);
  });

  it('refuses a scenario override whose value the field does not take, naming the scenario and what the field takes', () => {
    const plan = {
      ...SAMPLE,
      scenarios: [
        {
          id: 's',
          name: 'Busy',
          description: '',
          overrides: [{ rowId: '*', field: 'finals' as const, value: 'lots' }],
        },
      ],
    };
    expect(planProblems(plan).map((p) => p.path)).toEqual(['scenarios[0].overrides[0].value']);
    const r = parsePlanDocument(plan);
    expect(r.ok ? '' : r.error).toContain(
      'scenarios[0].overrides[0].value: scenario "Busy" overrides finals with "lots", where finals takes a whole number of finals: change or remove the override',
    );
  });

  it('keeps an override for a row that is gone: it changes nothing', () => {
    const plan = {
      ...SAMPLE,
      scenarios: [
        {
          id: 's',
          name: 'Old',
          description: '',
          overrides: [{ rowId: 'deleted', field: 'finals' as const, value: 3 }],
        },
      ],
    };
    expect(planProblems(plan)).toEqual([]);
  });

  it('estimates every plan that passes, without throwing', () => {
    const r = parsePlanDocument(SAMPLE);
    expect(r.ok).toBe(true);
    if (r.ok) expect(estimatePlan(r.value, {}).ok).toBe(true);
  });
});

describe('workbook cells read back', () => {
  it('a date serial with a time of day stays on its day; huge serials are refused clearly', () => {
    expect(readField('startDate', 46398.75)).toEqual({ ok: true, value: '2027-01-11' });
    expect(readField('startDate', 46398)).toEqual({ ok: true, value: '2027-01-11' });
    const huge = readField('startDate', 1e12);
    expect(huge.ok ? '' : huge.error).toMatch(/which is no date \(Excel's dates run from 1 to 2958465\)/);
  });

  it('serials of January and February 1900 read as the day Excel shows; serial 60 (1900-02-29) is refused', () => {
    expect(readField('startDate', 1)).toEqual({ ok: true, value: '1900-01-01' });
    expect(readField('startDate', 59.5)).toEqual({ ok: true, value: '1900-02-28' });
    expect(readField('startDate', 61)).toEqual({ ok: true, value: '1900-03-01' });
    const phantom = readField('startDate', 60.25);
    expect(phantom.ok ? '' : phantom.error).toMatch(/1900-02-29, a day that never was: type the date as text/);
  });

  it('0x10 and 0b11000 in a number column are refused as the text they are', () => {
    for (const text of ['0x10', '0b11000']) {
      const r = readField('finals', text);
      expect(r.ok ? '' : r.error).toContain(`found '${text}'`);
    }
  });
});
