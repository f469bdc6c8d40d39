import { describe, expect, it } from 'vitest';
import { integerField } from '../../shared/plan/row-field-kinds';
import { ROW_DETAILS, ROW_INPUTS } from '../../shared/plan/row-fields';
import { createSamplePlan } from '../../shared/plan/sample-plan';
import { buildPlanWorkbook } from '../../shared/workbook/build-workbook';
import { ColumnFit, displayLength, fitColumns } from '../../shared/workbook/column-fit';
import { wrapWords } from '../../shared/workbook/info-sheets';
import { PLAN_COLUMNS, planColumnNumber, planColumns } from '../../shared/workbook/plan-columns';
import { PlanTotalsTally, planTotalsRow } from '../../shared/workbook/plan-totals';
import { footerLiteral, workbookPrintSetup } from '../../shared/workbook/print-setup';
import { columnsXml, headerLines, headerRow } from '../../shared/workbook/sheet-xml-writer';
import type { ColumnLayout, SheetModel } from '../../shared/workbook/workbook-types';

/** The workbook's layout decisions, as pure functions: column order and groups, widths, print, totals. */

describe('a plan too long for one Excel sheet', () => {
  it('is refused with what to do instead, before any row is estimated', () => {
    const sample = createSamplePlan('2026-11-01');
    const row = sample.rows[0];
    if (!row) throw new Error('the sample has rows');
    // 1,048,576 rows a sheet: the header and the totals leave 1,048,574 for the plan's rows.
    const plan = { ...sample, scenarios: [], activeScenarioId: null, rows: new Array(1_048_575).fill(row) };
    const built = buildPlanWorkbook(plan, { scenarioId: null, appVersion: 'test', exportedAt: '2026-11-01T00:00:00Z' });
    expect(built.ok ? '' : built.error).toBe(
      'the plan has 1,048,575 rows, more than the 1,048,574 an Excel sheet holds under its header and totals: split the plan into smaller plans, or export it as CSV',
    );
  });
});

describe('the Plan layout', () => {
  it('puts every column in one section, sections in order, groups separated by an ungrouped column', () => {
    const sections = PLAN_COLUMNS.map((c) => c.section);
    const order = ['key', 'inputs', 'separator', 'machine', 'technical'];
    expect([...new Set(sections)]).toEqual(order);
    expect(sections).toEqual([...sections].sort((a, b) => order.indexOf(a) - order.indexOf(b)));
    PLAN_COLUMNS.forEach((c, i) => {
      const next = PLAN_COLUMNS[i + 1];
      // Adjacent columns of different groups would merge into one group in Excel.
      if (c.group && next?.group) expect([c.key, c.group]).toEqual([c.key, next.group]);
    });
    expect(new Set(PLAN_COLUMNS.map((c) => c.key)).size).toBe(PLAN_COLUMNS.length);
  });

  it('places a registry field the layout does not name beside its neighbour, in its neighbour section and group', () => {
    const extra = (label: string) =>
      integerField({
        label,
        description: label,
        width: { grid: 80, sheet: 9 },
        min: 0,
        max: 9,
        noun: 'n',
        defaultValue: 0,
      });
    const { name, ...details } = ROW_DETAILS;
    const fields = {
      ...ROW_INPUTS,
      fidelityBoost: extra('Fidelity boost'),
      name,
      shots: extra('Shots'),
      ...details,
    };
    const columns = planColumns(fields);
    const at = (key: string) => columns.findIndex((c) => c.key === key);
    expect(at('fidelityBoost')).toBe(at('partialImages') + 1);
    expect(columns[at('fidelityBoost')]).toMatchObject({ section: 'technical', group: 'collapsed' });
    expect(at('shots')).toBe(at('name') + 1);
    expect(columns[at('shots')]).toMatchObject({ section: 'key' });
    expect(columns[at('shots')]?.group).toBeUndefined();
    expect(columns.length).toBe(PLAN_COLUMNS.length + 2);
  });
});

describe('column widths that fit', () => {
  it('measures values as their number format shows them', () => {
    expect(displayLength(4786586.05, 'usd')).toBe('$4,786,586.05'.length);
    expect(displayLength(-130.65, 'usd')).toBe('-$130.65'.length);
    expect(displayLength(0.004, 'usd')).toBe('$0.00'.length);
    expect(displayLength(999.999, 'usd')).toBe('$1,000.00'.length);
    expect(displayLength(0.0123456, 'usd-precise')).toBe('$0.012346'.length);
    expect(displayLength(1234567, 'integer')).toBe('1,234,567'.length);
    expect(displayLength(1.25, 'decimal')).toBe('1.25'.length);
    expect(displayLength(0.0047393, 'price')).toBe('0.0047393'.length);
    expect(displayLength(30, 'price')).toBe('30.0'.length);
    expect(displayLength(0.0812, 'percent')).toBe('8.1%'.length);
    expect(displayLength({ kind: 'date', iso: '2027-01-11' }, 'date')).toBe(10);
    expect(displayLength({ kind: 'formula', formula: 'X', result: 12.5 }, 'usd')).toBe('$12.50'.length);
    expect(displayLength('gpt-image-1-mini', 'text')).toBe(16);
  });

  it('fits the longest value or header word with a margin, within the caps', () => {
    const columns: ColumnLayout[] = [
      { header: 'Model', width: 30, style: 'text' },
      { header: 'Budget remaining', width: 30, style: 'usd' },
      { header: 'Notes', width: 30, style: 'text' },
    ];
    const fit = new ColumnFit(columns);
    fit.observeRow(['gpt-image-1-mini', 5, 'x'.repeat(200)]);
    fit.observeRow(['gpt-image-2', -123.5, null]);
    const widths = fit.fitted({ maxWidth: (c) => (c.header === 'Notes' ? 32 : 48) }).map((c) => c.width);
    expect(widths).toEqual(['gpt-image-1-mini'.length + 2, 'remaining'.length + 2, 32]);
    expect(fitColumns(columns, [['a', 1, 'b']]).map((c) => c.width)).toEqual([7, 11, 7]);
  });
});

describe('the header row', () => {
  it('counts the lines a header wraps to between words', () => {
    expect(headerLines('Cost per approved final', 11)).toBe(3);
    expect(headerLines('Row total', 11)).toBe(1);
    expect(headerLines('Generations', 6)).toBe(1);
  });

  it('is as tall as the tallest wrapped header in view (hidden and collapsed columns do not count)', () => {
    const sheet: SheetModel = {
      name: 'S',
      state: 'visible',
      about: '',
      autoFilter: false,
      freezeHeader: true,
      rows: [],
      columns: [
        { header: 'Cost per approved final', width: 11, style: 'usd' },
        { header: 'A very long technical header text', width: 6, style: 'text', group: 'collapsed' },
      ],
    };
    expect(headerRow(sheet, '', '')).toMatch(/^<row r="1" ht="45" customHeight="1">/);
  });
});

describe('the <cols> of a sheet', () => {
  it('writes widths, hidden columns, outline levels, and the collapsed marker after a collapsed group', () => {
    const xml = columnsXml([
      { header: 'a', width: 10, style: 'text' },
      { header: 'b', width: 8, style: 'text', group: 'expanded' },
      { header: 'c', width: 8, style: 'text' },
      { header: 'd', width: 8, style: 'text', hidden: true },
      { header: 'e', width: 12, style: 'text', group: 'collapsed' },
    ]);
    expect(xml).toBe(
      '<cols>' +
        '<col min="1" max="1" width="10" customWidth="1"/>' +
        '<col min="2" max="2" width="8" outlineLevel="1" customWidth="1"/>' +
        '<col min="3" max="3" width="8" customWidth="1"/>' +
        '<col min="4" max="4" width="8" hidden="1" customWidth="1"/>' +
        '<col min="5" max="5" width="12" hidden="1" outlineLevel="1" customWidth="1"/>' +
        '<col min="6" max="6" width="9.140625" collapsed="1"/>' +
        '</cols>',
    );
  });
});

describe('print setup', () => {
  it('is landscape, one page wide, header repeated, with a footer of plan, sheet, page and export date', () => {
    expect(workbookPrintSetup({ planName: 'Q1 launch', exportedAt: '2026-11-28T09:00:00.000Z' })).toMatchObject({
      orientation: 'landscape',
      fitToWidth: 1,
      fitToHeight: 0,
      repeatRows: 1,
      footer: '&LQ1 launch · &A&CPage &P of &N&RExported 2026-11-28',
    });
  });

  it('writes the plan name literally (& doubled, no line breaks or XML-illegal characters) and cuts a long one', () => {
    expect(footerLiteral('R&D &P "x"\n2027\u0001')).toBe('R&&D &&P "x" 2027');
    const long = workbookPrintSetup({ planName: '&'.repeat(300), exportedAt: '2026-11-28T00:00:00Z' }).footer;
    expect(long.length).toBeLessThanOrEqual(255);
    expect(long).toMatch(/^&L(&&)+… · &A&C/);
    expect(workbookPrintSetup({ planName: ' ', exportedAt: '2026-11-28' }).footer).toMatch(/^&LUntitled plan · /);
  });
});

describe('the totals row', () => {
  it('is absent for a plan without rows', () => {
    expect(planTotalsRow(new PlanTotalsTally())).toBeNull();
  });

  it('holds SUBTOTALs over the data rows and the mark import skips', () => {
    const built = buildPlanWorkbook(createSamplePlan('2026-11-01'), {
      scenarioId: null,
      appVersion: 'test',
      exportedAt: '2026-11-28T09:00:00.000Z',
    });
    if (!built.ok) throw new Error(built.error);
    const plan = built.value.workbook.sheets[0];
    const totals = plan?.totalsRow?.() ?? [];
    const cell = (key: string) => totals[planColumnNumber(key) - 1];
    expect(cell('totalCost')).toMatchObject({ kind: 'formula', formula: expect.stringMatching(/^SUBTOTAL\(109,/) });
    expect(cell('finals')).toMatchObject({ formula: expect.stringContaining('SUBTOTAL(109,') });
    expect(cell('originals')).toBe('{"totalsRow":true}');
    expect(cell('model')).toBeNull();
  });
});

describe('the About text', () => {
  it('is broken between words into lines that fit', () => {
    expect(wrapWords('one two three four', 9)).toEqual(['one two', 'three', 'four']);
    expect(wrapWords('averyveryverylongword x', 5)).toEqual(['averyveryverylongword', 'x']);
  });
});
