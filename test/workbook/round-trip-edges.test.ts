import { describe, expect, it } from 'vitest';
import { estimatePlan } from '../../shared/estimate/estimate-plan';
import { parsePlanDocument } from '../../shared/plan/plan-document';
import type { PlanDocument, Scenario } from '../../shared/plan/plan-schema';
import { createSamplePlan } from '../../shared/plan/sample-plan';
import { planColumnLetter, planColumnNumber } from '../../shared/workbook/plan-columns';
import { changeRow, planEntry } from '../shared/support/fixtures';
import { imported, rowNumberOf, sheet, useWorkbookFiles } from './support/workbook-files';
import { importPlanWorkbook } from '../../node/io/xlsx-import';

/**
 * Issue 13 §4: a plan the plan check accepts exports and imports back unchanged, however odd its
 * values: a model the catalog does not list, a quality the model lacks (in the base plan or a scenario's
 * view), dates Excel's serials cannot show. Finance still cannot type an unknown model into a cell.
 */

const files = useWorkbookFiles('pl-edges-');
const SAMPLE = createSamplePlan('2026-11-01');

function scenario(overrides: Scenario['overrides']): Scenario {
  return { id: 'odd', name: 'Odd choices', description: '', overrides };
}

async function roundTrip(plan: PlanDocument, scenarioId: string | null = plan.activeScenarioId): Promise<void> {
  expect(parsePlanDocument(plan).ok).toBe(true);
  expect(estimatePlan(plan, { scenario: scenarioId }).ok).toBe(true);
  expect(await imported(await files.exported(plan, scenarioId))).toEqual(plan);
}

describe('models and qualities the catalog does not list', () => {
  it('a model the catalog does not list comes back unedited', async () => {
    await roundTrip(changeRow(SAMPLE, 1, { model: 'house-model-7', quality: 'ultra', priceEntryId: null }));
  });

  it('a quality the row’s model lacks, and a draft quality it lacks with drafts, come back unedited', async () => {
    await roundTrip(changeRow(SAMPLE, 0, { quality: 'ultra', draftQuality: 'sketch', draftsPerFinal: '1' }));
  });

  it('a scenario that overrides a quality or model the catalog does not offer comes back unedited', async () => {
    const plan: PlanDocument = {
      ...SAMPLE,
      scenarios: [
        scenario([
          { rowId: '*', field: 'quality', value: 'ultra' },
          { rowId: SAMPLE.rows[1]?.id ?? '', field: 'model', value: 'house-model-7' },
        ]),
      ],
      activeScenarioId: 'odd',
    };
    await roundTrip(plan);
    await roundTrip(plan, null);
  });

  it('a model typed into the cell that the catalog does not list is still refused, naming the cell', async () => {
    const plan = changeRow(SAMPLE, 1, { model: 'house-model-7', priceEntryId: null });
    const file = await files.editWorkbook(await files.exported(plan), (wb) => {
      const ws = sheet(wb, 'Plan');
      const row = rowNumberOf(ws, SAMPLE.rows[1]?.id ?? '');
      ws.getRow(row).getCell(planColumnNumber('model')).value = 'house-model-8';
    });
    const r = await importPlanWorkbook(file);
    expect(r.ok ? '' : r.error).toMatch(
      new RegExp(`^Plan!${planColumnLetter('model')}3: unknown model 'house-model-8': expected one of gpt-image-2, `),
    );
  });
});

describe('dates Excel’s serials cannot show (before 1900-03-01)', () => {
  const EARLY = ['0001-01-01', '1899-12-30', '1899-12-31', '1900-01-01', '1900-02-28'];

  it.each(EARLY)('%s is written as its text and comes back exactly', async (day) => {
    const plan = changeRow(SAMPLE, 0, { startDate: day, endDate: '1900-03-01' });
    const file = await files.exported(plan);
    await files.editWorkbook(file, (wb) => {
      const cells = sheet(wb, 'Plan').getRow(2);
      expect(cells.getCell(planColumnNumber('startDate')).value).toBe(day);
      // From 1900-03-01 on, a real date (serial) as before.
      expect(cells.getCell(planColumnNumber('endDate')).value).toEqual(new Date('1900-03-01T00:00:00.000Z'));
    });
    expect(await imported(file)).toEqual(plan);
  });

  it('a date typed in January or February 1900 reads as the day Excel shows', async () => {
    const file = await files.editWorkbook(await files.exported(SAMPLE), (wb) => {
      const cells = sheet(wb, 'Plan').getRow(2);
      cells.getCell(planColumnNumber('startDate')).value = 15; // Excel shows 1900-01-15
      cells.getCell(planColumnNumber('endDate')).value = 59; // Excel shows 1900-02-28
    });
    const back = await imported(file);
    expect(back.rows[0]?.startDate).toBe('1900-01-15');
    expect(back.rows[0]?.endDate).toBe('1900-02-28');
  });

  it('serial 60 (Excel’s 1900-02-29, a day that never was) is refused with the reason', async () => {
    const file = await files.editWorkbook(await files.exported(SAMPLE), (wb) => {
      sheet(wb, 'Plan').getRow(2).getCell(planColumnNumber('startDate')).value = 60;
    });
    const r = await importPlanWorkbook(file);
    expect(r.ok ? '' : r.error).toContain(
      `Plan!${planColumnLetter('startDate')}2: expected a date such as 2027-01-31 (or an empty cell), found the number 60, which Excel shows as 1900-02-29, a day that never was`,
    );
  });
});

describe('long texts with characters XML cannot carry', () => {
  it.each([
    ['6,000 control characters', '\u0001'.repeat(6_000)],
    ['U+FFFF after every letter, to the cell limit', 'a\uFFFF'.repeat(16_383)],
  ])('a note of %s comes back exactly (the cell shows what XML can carry)', async (_what, notes) => {
    const plan = changeRow(SAMPLE, 0, { notes });
    await roundTrip(plan);
  });
});

describe('a plan whose rows together total more than stays exact', () => {
  it('exports (the row past the limit shown as the app shows it: a row error) and comes back unchanged', async () => {
    const entry = planEntry({
      id: 'plan/very-dear',
      model: 'gpt-image-1',
      pricing: { unit: 'usd-per-image', perImage: { '*': { '*': '600000' } } },
    });
    // $6 billion a row: each row is exact, two rows would pass $9,007,199,254.740991.
    const dear = {
      model: 'gpt-image-1',
      priceEntryId: 'plan/very-dear',
      size: '1024x1024',
      quality: 'high',
      draftsPerFinal: '0',
      draftQuality: null,
      finals: 10_000,
      iterationFactor: '1',
    };
    const plan: PlanDocument = {
      ...changeRow(changeRow(SAMPLE, 0, dear), 1, dear),
      priceEntries: [...SAMPLE.priceEntries, entry],
    };
    const estimate = estimatePlan(plan, {});
    if (!estimate.ok) throw new Error(estimate.error);
    expect(estimate.value.rows[0]?.estimate.ok).toBe(true);
    expect(estimate.value.rows[1]?.estimate.ok).toBe(false);
    const file = await files.exported(plan);
    await files.editWorkbook(file, (wb) => {
      const errors = sheet(wb, 'Plan').getRow(3).getCell(planColumnNumber('errors')).value;
      expect(String(errors)).toMatch(/the plan would total more than .*: split the plan/);
    });
    expect(await imported(file)).toEqual(plan);
  });
});
