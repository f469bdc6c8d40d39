import { describe, expect, it } from 'vitest';
import { createSamplePlan } from '../../shared/plan/sample-plan';
import { importPlanWorkbook } from '../../node/io/xlsx-import';
import { planEntry } from '../shared/support/fixtures';
import { useWorkbookFiles } from './support/workbook-files';

/** Issue 13 §4: figures Excel would round (over 15 significant digits) come back exact and unedited. */

const files = useWorkbookFiles('pl-exact-');
const SAMPLE = createSamplePlan('2026-11-01');

describe('price figures a cell cannot hold exactly', () => {
  it.each(['999999999999.999999999999', '1234.123456789012', '1234567890.12345678'])(
    'a plan entry priced %s comes back exact, with no edit reported',
    async (figure) => {
      const entry = planEntry({
        id: 'reseller-exact',
        model: 'gpt-image-1',
        pricing: { unit: 'usd-per-image', perImage: { '*': { '*': figure } } },
      });
      const plan = {
        ...SAMPLE,
        priceEntries: [...SAMPLE.priceEntries, entry],
        rows: SAMPLE.rows.map((r, i) =>
          i === 0 ? { ...r, model: 'gpt-image-1', draftQuality: null, priceEntryId: 'reseller-exact' } : r,
        ),
      };
      const r = await importPlanWorkbook(await files.exported(plan));
      if (!r.ok) throw new Error(r.error);
      expect(r.value.priceEdits).toEqual([]);
      expect(r.value.document).toEqual(plan);
    },
  );
});
