import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { estimatePlan } from '../../shared/estimate/estimate-plan';
import { createSamplePlan } from '../../shared/plan/sample-plan';
import { planColumnNumber } from '../../shared/workbook/plan-columns';
import { hasTool } from '../support/tools';
import { convertWithLibreOffice, recalcWorkbooks } from '../support/xlsx-recalc';
import { compareRow, newStats } from './support/compare';
import { readSheetCsv } from './support/sheet-csv';
import { imported, rowNumberOf, sheet, useWorkbookFiles } from './support/workbook-files';

/**
 * Import of a workbook that LibreOffice saved (its own zip layout, expanded formulas), and the formulas
 * of an edited workbook recalculated by LibreOffice. Needs LibreOffice (test/support/tools.ts); the
 * import tests that need nothing but files are in import.test.ts.
 */

const { inTemp, exported, editWorkbook } = useWorkbookFiles('pl-lo-import-');
const SAMPLE = createSamplePlan('2026-11-01');

describe.skipIf(!hasTool('libreoffice'))('a workbook saved by LibreOffice', () => {
  it('imports to the same plan, and edited inputs and prices recalculate to the engine values', async () => {
    const file = await exported(SAMPLE);
    const edited = await editWorkbook(file, (wb) => {
      const plan = sheet(wb, 'Plan');
      const r = rowNumberOf(plan, 'ugc-ad-hooks');
      plan.getRow(r).getCell(planColumnNumber('finals')).value = 48;
      plan.getRow(r).getCell(planColumnNumber('quality')).value = 'high';
      const prices = sheet(wb, 'Prices');
      for (let i = 2; i <= prices.rowCount; i++) {
        if (prices.getRow(i).getCell(1).value === 'P1/image-out') prices.getRow(i).getCell(9).value = 36;
      }
    });
    // LibreOffice saves both files as real spreadsheet users would (its own zip layout, expanded formulas).
    const out = inTemp('lo');
    await convertWithLibreOffice([file], 'xlsx', out);
    expect(await imported(join(out, basename(file)))).toEqual(SAMPLE);

    const plan = await imported(edited);
    const ugc = plan.rows.find((r) => r.id === 'ugc-ad-hooks');
    expect(ugc?.finals).toBe(48);
    expect(ugc?.quality).toBe('high');
    const override = plan.priceEntries.find((e) => e.id === 'openai/gpt-image-2@2026-04-21');
    expect(override?.pricing.unit === 'usd-per-1m-tokens' ? override.pricing.rates.imageOutput : null).toBe('36');
    expect(override?.sourceClass).toBe('user');

    // The edited workbook's formulas, recalculated, agree with the engine on the imported plan.
    const recalcDir = inTemp('recalc-edited');
    await recalcWorkbooks([edited], recalcDir);
    const csv = await readSheetCsv(recalcDir, edited, 'Plan');
    const estimate = estimatePlan(plan, { scenario: null });
    if (!estimate.ok) throw new Error(estimate.error);
    const stats = newStats();
    for (const result of estimate.value.rows) {
      const row = csv.find((c) => c[planColumnNumber('id') - 1] === result.row.id);
      expect(row).toBeDefined();
      expect(compareRow(row ?? [], result, stats)).toEqual([]);
    }
    const before = estimatePlan(SAMPLE, { scenario: null });
    expect(before.ok && estimate.value.totals.totalCost > before.value.totals.totalCost).toBe(true);
  }, 240_000);
});
