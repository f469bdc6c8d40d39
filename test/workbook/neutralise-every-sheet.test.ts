import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { createSamplePlan } from '../../shared/plan/sample-plan';
import type { PlanDocument } from '../../shared/plan/plan-schema';
import { EXCEL_CELL_TEXT_LIMIT } from '../../shared/workbook/cell-text';
import { changeRow, planEntry } from '../shared/support/fixtures';
import { imported, useWorkbookFiles } from './support/workbook-files';

/** Issue 13 §5: every text cell of every sheet goes through the same neutraliser and cut. */

const files = useWorkbookFiles('pl-neutralise-');
const SAMPLE = createSamplePlan('2026-11-01');
const INJECTION = "=cmd|'/C calc'!A0";

/** A plan whose own price entry carries formula-like text in every text field the Prices sheet shows. */
function planWithHostileEntry(provider: string): PlanDocument {
  const entry = planEntry({
    id: INJECTION,
    provider,
    model: 'gpt-image-1',
    pricing: { unit: 'usd-per-image', perImage: { '=q': { '+1024x1024': '0.5' }, high: { '1024x1024': '0.19' } } },
    sources: ['@SUM(1)+https://example.com', '-2+3'],
    notes: '=1+1',
  });
  const plan = { ...SAMPLE, priceEntries: [...SAMPLE.priceEntries, entry] };
  return changeRow(plan, 0, {
    model: 'gpt-image-1',
    quality: 'high',
    draftQuality: null,
    size: '1024x1024',
    priceEntryId: INJECTION,
    name: "'already quoted",
  });
}

/** Every text cell of the workbook as a spreadsheet reads it, with its address. */
function textCells(wb: ExcelJS.Workbook): { where: string; text: string }[] {
  const out: { where: string; text: string }[] = [];
  for (const ws of wb.worksheets) {
    ws.eachRow((row) => {
      row.eachCell((cell) => {
        if (typeof cell.value === 'string') out.push({ where: `${ws.name}!${cell.address}`, text: cell.value });
      });
    });
  }
  return out;
}

describe('formula-like and over-long text in every sheet', () => {
  it('writes no text cell that a spreadsheet could take for a formula, Prices and Data included', async () => {
    const plan = planWithHostileEntry('+HYPERLINK("http://evil")');
    const file = await files.exported(plan);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const cells = textCells(wb);
    const prices = cells.filter((c) => c.where.startsWith('Prices!'));
    expect(prices.map((c) => c.text)).toContain(`'${INJECTION}`);
    expect(prices.map((c) => c.text)).toContain(`'+HYPERLINK("http://evil")`);
    expect(prices.map((c) => c.text)).toContain(`'@SUM(1)+https://example.com`);
    expect(cells.filter((c) => /^[=+\-@\t\r]/.test(c.text))).toEqual([]);
    expect(cells.filter((c) => c.text.length > EXCEL_CELL_TEXT_LIMIT)).toEqual([]);
  });

  it('imports the same plan back: the protective apostrophe is stripped, an entered one kept', async () => {
    const plan = planWithHostileEntry('=provider');
    const back = await imported(await files.exported(plan));
    expect(back.priceEntries).toEqual(plan.priceEntries);
    expect(back.rows[0]?.name).toBe("'already quoted");
    expect(back.rows[0]?.priceEntryId).toBe(INJECTION);
  });

  it('cuts over-long provider text at the cell limit and still imports the whole entry', async () => {
    const provider = `=${'p'.repeat(40_000)}`;
    const plan = planWithHostileEntry(provider);
    const file = await files.exported(plan);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const long = textCells(wb).filter((c) => c.text.startsWith("'=ppp"));
    expect(long.length).toBeGreaterThan(0);
    for (const c of long) expect(c.text.length).toBe(EXCEL_CELL_TEXT_LIMIT);
    expect((await imported(file)).priceEntries).toEqual(plan.priceEntries);
  });

  it('keeps U+FFFE and U+FFFF, which XML cannot carry, through the round trip', async () => {
    const plan = changeRow(SAMPLE, 1, { name: 'odd \uFFFE name \uFFFF', notes: '\uFFFF' });
    const withMeta = { ...plan, meta: { ...plan.meta, owner: 'owner\uFFFE' } };
    const back = await imported(await files.exported(withMeta));
    expect(back.rows[1]?.name).toBe('odd \uFFFE name \uFFFF');
    expect(back.rows[1]?.notes).toBe('\uFFFF');
    expect(back.meta.owner).toBe('owner\uFFFE');
  });
});
