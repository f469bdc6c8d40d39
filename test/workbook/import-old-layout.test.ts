import ExcelJS from 'exceljs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importPlanWorkbook } from '../../node/io/xlsx-import';
import { parsePlanDocument } from '../../shared/plan/plan-document';
import type { PlanDocument } from '../../shared/plan/plan-schema';
import { useTempDir } from '../support/temp-dir';

/**
 * Workbooks finance already holds keep importing after a layout change: columns are found by their
 * header, not their position. The fixture was exported by the layout before issue 9 §5 (see its README).
 */

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'workbook');
const OLD_LAYOUT = join(FIXTURES, 'plan-layout-v1.xlsx');

async function expectedPlan(): Promise<PlanDocument> {
  const json: unknown = JSON.parse(await readFile(join(FIXTURES, 'plan-layout-v1.expected.json'), 'utf8'));
  const plan = typeof json === 'object' && json !== null && 'plan' in json ? json.plan : null;
  // The fixture holds the plan as that version saved it (schema 1); it is read as any saved plan is.
  const parsed = parsePlanDocument(plan);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.value;
}

describe('a workbook exported with the previous Plan layout', () => {
  const inTemp = useTempDir('pl-old-layout-');

  it('imports to exactly the plan it was exported from (exact values and the scenario view included)', async () => {
    const r = await importPlanWorkbook(OLD_LAYOUT);
    if (!r.ok) throw new Error(r.error);
    expect(r.value.document).toEqual(await expectedPlan());
    expect(r.value.warnings).toEqual([]);
  });

  it('brings home an edit finance made in it, found by header', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(OLD_LAYOUT);
    const ws = wb.getWorksheet('Plan');
    if (!ws) throw new Error('no Plan sheet');
    const header = (ws.getRow(1).values as unknown[]).map((v) => String(v ?? ''));
    const column = (name: string) => header.indexOf(name);
    expect(column('Row id')).toBe(1);
    const row = [...Array(ws.rowCount).keys()]
      .map((i) => i + 1)
      .find((r) => ws.getRow(r).getCell(column('Row id')).value === 'saas-hero');
    if (row === undefined) throw new Error('no saas-hero row');
    ws.getRow(row).getCell(column('Finals')).value = 77;
    const edited = inTemp('edited.xlsx');
    await wb.xlsx.writeFile(edited);

    const r = await importPlanWorkbook(edited);
    if (!r.ok) throw new Error(r.error);
    const expected = await expectedPlan();
    expect(r.value.document.rows).toEqual(expected.rows.map((x) => (x.id === 'saas-hero' ? { ...x, finals: 77 } : x)));
  });
});
