import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { exportPlanWorkbook } from '../../node/io/xlsx-export';
import { importPlanWorkbook } from '../../node/io/xlsx-import';
import { createSamplePlan } from '../../shared/plan/sample-plan';
import type { PlanDocument } from '../../shared/plan/plan-schema';
import { DATA_SHEET } from '../../shared/workbook/info-sheets';
import { ledgerOf } from '../shared/actuals/support/ledger-steps';
import { costRecords, litellmRecords, meta } from '../shared/actuals/support/records';
import { useTempDir } from '../support/temp-dir';

/** The plan's actuals ledger travels in the workbook's hidden Data sheet and comes back unchanged. */

const inTemp = useTempDir('pl-actuals-xlsx-');
let counter = 0;

async function roundTrip(
  plan: PlanDocument,
  edit?: (json: string) => string,
): Promise<ReturnType<typeof importPlanWorkbook>> {
  counter += 1;
  const file = inTemp(`plan-${counter}.xlsx`);
  const exported = await exportPlanWorkbook(plan, file, {
    scenarioId: null,
    appVersion: 'test',
    exportedAt: '2026-11-28T09:00:00.000Z',
  });
  if (!exported.ok) throw new Error(exported.error);
  if (edit) {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.getWorksheet(DATA_SHEET);
    if (!ws) throw new Error('no Data sheet');
    let json = '';
    for (let r = 2; r <= ws.rowCount; r++) json += String(ws.getCell(r, 1).value ?? '');
    const edited = edit(json);
    for (let r = 2; r <= ws.rowCount; r++) ws.getCell(r, 1).value = null;
    for (let i = 0, r = 2; i < edited.length; i += 30_000, r++) ws.getCell(r, 1).value = edited.slice(i, i + 30_000);
    await wb.xlsx.writeFile(file);
  }
  return importPlanWorkbook(file);
}

describe('actuals in an exported workbook', () => {
  it('come back exactly as they were', async () => {
    const costs = costRecords('export');
    const log = litellmRecords();
    const actuals = ledgerOf(
      [meta('openai-costs', costs.file), costs.records],
      [meta('litellm', log.file), log.records],
    );
    const plan = { ...createSamplePlan('2026-11-28'), actuals };
    const r = await roundTrip(plan);
    expect(r.ok && r.value.document.actuals).toEqual(actuals);
  });

  it('a workbook exported before actuals existed (schema version 1) imports with an empty ledger', async () => {
    const plan = createSamplePlan('2026-11-28');
    const r = await roundTrip(plan, (json) => {
      const v1 = json
        .replace('"schemaVersion":4', '"schemaVersion":1')
        .replace('"actuals":{"batches":[],"rules":[],"assignments":[]}', '"actuals":{"batches":[]}');
      expect(v1).toContain('"schemaVersion":1');
      expect(v1).toContain('"actuals":{"batches":[]}');
      return v1;
    });
    expect(r.ok && r.value.document.actuals).toEqual({ batches: [], rules: [], assignments: [] });
  });
});

describe('reconciliation in an exported workbook', () => {
  it('match rules, manual assignments, phasing and approved finals come back as they were', async () => {
    const sample = createSamplePlan('2026-11-28');
    const first = sample.rows[0]?.id ?? '';
    const plan: PlanDocument = {
      ...sample,
      rows: sample.rows.map((r, i) =>
        i === 0 ? { ...r, phasing: 'front-loaded', approvedFinals: 20 } : i === 1 ? { ...r, approvedFinals: 0 } : r,
      ),
      actuals: {
        ...sample.actuals,
        rules: [{ id: 'r1', when: { field: 'tag', value: 'team:growth' }, to: { kind: 'team', team: 'Growth' } }],
        assignments: [{ bucket: '2027-01-12|p||||||gpt-image-2||billed', parts: [{ rowId: first, pct: '100' }] }],
      },
    };
    const r = await roundTrip(plan);
    expect(r.ok && r.value.document.rows).toEqual(plan.rows);
    expect(r.ok && r.value.document.actuals).toEqual(plan.actuals);
  });
});
