import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { importPlanWorkbook } from '../../node/io/xlsx-import';
import { readZipDirectory } from '../../shared/workbook/zip-guard';
import { createSamplePlan } from '../../shared/plan/sample-plan';
import { PLAN_COLUMNS, planColumnLetter, planColumnNumber } from '../../shared/workbook/plan-columns';
import { changeRow } from '../shared/support/fixtures';
import { planArbitrary } from './support/plan-arbitrary';
import { imported, rowNumberOf, sheet, useWorkbookFiles } from './support/workbook-files';

const { inTemp, exported, editWorkbook } = useWorkbookFiles('pl-import-');

const SAMPLE = createSamplePlan('2026-11-01');

describe('export then import is lossless', () => {
  it('the sample plan comes back identical, base and scenario views', async () => {
    expect(await imported(await exported(SAMPLE))).toEqual(SAMPLE);
    for (const s of SAMPLE.scenarios) expect(await imported(await exported(SAMPLE, s.id))).toEqual(SAMPLE);
  });

  it('every generated plan comes back identical (property)', async () => {
    await fc.assert(
      fc.asyncProperty(planArbitrary({ minRows: 0, maxRows: 6 }), async ({ plan, scenarioId }) => {
        expect(await imported(await exported(plan, scenarioId))).toEqual(plan);
      }),
      { numRuns: 60, seed: 5 },
    );
  });

  it('exact text the cells cannot hold survives: "12.00", presets, formula-like text, text over the cell limit', async () => {
    const plan = changeRow(SAMPLE, 0, {
      budgetCapUsd: '12.000',
      size: '4:5',
      name: '=HYPERLINK("http://evil")',
      team: "'quoted",
      notes: `-${'x'.repeat(32_766)}`,
    });
    expect(await imported(await exported(plan))).toEqual(plan);
  });
});

describe('edits made in a spreadsheet come home', () => {
  it('changed inputs, an added row, a deleted row and reordered rows', async () => {
    const file = await exported(SAMPLE);
    const edited = await editWorkbook(file, (wb) => {
      const ws = sheet(wb, 'Plan');
      const hero = rowNumberOf(ws, 'saas-hero');
      ws.getRow(hero).getCell(planColumnNumber('iterationFactor')).value = 3;
      ws.getRow(hero).getCell(planColumnNumber('notes')).value = 'changed in Excel';
      // What a person types or moves: the input cells and the hidden id / exact-value cells.
      const typed = PLAN_COLUMNS.map((c, i) => ({ c, n: i + 1 })).filter(
        ({ c }) => c.role === 'input' || c.role === 'machine',
      );
      const inputsOf = (r: number) => typed.map(({ n }) => ws.getRow(r).getCell(n).value);
      const put = (r: number, values: ExcelJS.CellValue[]) =>
        typed.forEach(({ n }, i) => (ws.getRow(r).getCell(n).value = values[i] ?? null));
      // Reorder: swap the first two rows.
      const first = inputsOf(2);
      put(2, inputsOf(3));
      put(3, first);
      // Delete the last row (the totals row is below it), then insert a new row (no id) above the totals.
      const totals = ws.rowCount;
      expect(ws.getRow(totals).getCell(planColumnNumber('name')).text).toMatch(/^Total/);
      const last = totals - 1;
      const lastInputs = inputsOf(last);
      ws.spliceRows(last, 1);
      const added = ws.rowCount;
      ws.insertRow(added, []);
      put(added, lastInputs);
      ws.getRow(added).getCell(planColumnNumber('id')).value = null;
      ws.getRow(added).getCell(planColumnNumber('name')).value = 'New line from finance';
      ws.getRow(added).getCell(planColumnNumber('finals')).value = 7;
    });
    const plan = await imported(edited);
    const ids = SAMPLE.rows.map((r) => r.id);
    const lastId = ids[ids.length - 1] ?? '';
    expect(plan.rows.map((r) => r.id)).toEqual([ids[1], ids[0], ...ids.slice(2, -1), 'row-1']);
    expect(plan.rows.find((r) => r.id === lastId)).toBeUndefined();
    expect(plan.rows.find((r) => r.id === 'saas-hero')).toMatchObject({
      iterationFactor: '3',
      notes: 'changed in Excel',
    });
    expect(plan.rows.at(-1)).toMatchObject({ id: 'row-1', name: 'New line from finance', finals: 7 });
  });

  it('an edited price figure becomes a plan override; a typed-over "as used" formula is ignored with a warning', async () => {
    const file = await exported(SAMPLE);
    const edited = await editWorkbook(file, (wb) => {
      const prices = sheet(wb, 'Prices');
      for (let i = 2; i <= prices.rowCount; i++) {
        const key = prices.getRow(i).getCell(1).value;
        if (key === 'P1/text-in') prices.getRow(i).getCell(9).value = 6.25;
        if (key === 'R1/mult') prices.getRow(i).getCell(9).value = 0.5;
      }
    });
    const r = await importPlanWorkbook(edited);
    if (!r.ok) throw new Error(r.error);
    expect(r.value.priceEdits).toEqual([
      expect.objectContaining({ entryId: 'openai/gpt-image-2@2026-04-21', before: '5.00', after: '6.25' }),
    ]);
    const entry = r.value.document.priceEntries.find((e) => e.id === 'openai/gpt-image-2@2026-04-21');
    expect(entry?.pricing.unit === 'usd-per-1m-tokens' ? entry.pricing.rates.textInput : null).toBe('6.25');
    expect(r.value.warnings.join('\n')).toMatch(/Prices!I\d+ was a formula .* import ignores/);
    expect(r.value.document.rows).toEqual(SAMPLE.rows);
  });

  it('a changed overridden cell in a scenario view becomes a scenario override; the base row stays', async () => {
    const scenario = SAMPLE.scenarios[0];
    if (!scenario) throw new Error('the sample has scenarios');
    const file = await exported(SAMPLE, scenario.id);
    const override = scenario.overrides[0];
    if (!override) throw new Error('the scenario has overrides');
    const rowId = override.rowId === '*' ? (SAMPLE.rows[0]?.id ?? '') : override.rowId;
    const edited = await editWorkbook(file, (wb) => {
      const ws = sheet(wb, 'Plan');
      const cell = ws.getRow(rowNumberOf(ws, rowId)).getCell(planColumnNumber(override.field));
      cell.value = typeof cell.value === 'number' ? cell.value + 1 : 9;
    });
    const plan = await imported(edited);
    expect(plan.rows).toEqual(SAMPLE.rows);
    const after = plan.scenarios.find((s) => s.id === scenario.id);
    expect(after?.overrides.length).toBe(scenario.overrides.length + 1);
    expect(after?.overrides.at(-1)).toMatchObject({ rowId, field: override.field });
  });
});

async function digest(file: string): Promise<string> {
  return createHash('sha256')
    .update(await readFile(file))
    .digest('hex');
}

async function expectError(file: string, pattern: RegExp): Promise<void> {
  const before = await digest(file);
  const r = await importPlanWorkbook(file);
  expect(r.ok).toBe(false);
  if (!r.ok) expect(r.error).toMatch(pattern);
  expect(await digest(file)).toBe(before);
}

interface ZipPart {
  readonly name: string;
  readonly content: Buffer;
  /** Uncompressed size to declare (a lie, for the inflate cap test); defaults to the real size. */
  readonly declaredSize?: number;
}

/** A minimal zip of deflated entries, to build bombs and impostors. */
async function zipOf(parts: readonly ZipPart[], file: string): Promise<void> {
  const { deflateRawSync, crc32 } = await import('node:zlib');
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const data = deflateRawSync(part.content, { level: 9 });
    const name = Buffer.from(part.name);
    const crc = crc32(part.content);
    const size = part.declaredSize ?? part.content.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    centrals.push(central, name);
    offset += local.length + name.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  await writeFile(file, Buffer.concat([...locals, directory, end]));
}

async function zipWith(name: string, content: Buffer, file: string): Promise<void> {
  await zipOf([{ name, content }], file);
}

describe('workbooks exported by earlier versions', () => {
  it('still import when a column has its former header ("Iteration factor" before "Generations per final")', async () => {
    const edited = await editWorkbook(await exported(SAMPLE), (wb) => {
      sheet(wb, 'Plan').getRow(1).getCell(planColumnNumber('iterationFactor')).value = 'Iteration factor';
    });
    expect(await imported(edited)).toEqual(SAMPLE);
  });
});

describe('bad files give an error naming the place and what was expected; the file is untouched', () => {
  it('not an xlsx', async () => {
    const file = inTemp('notes.xlsx');
    await writeFile(file, 'name,finals\nhero,12\n');
    await expectError(file, /is not an Excel workbook \(\.xlsx\)/);
  });

  it('a password-protected workbook', async () => {
    const file = inTemp('locked.xlsx');
    await writeFile(
      file,
      Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(4096)]),
    );
    await expectError(file, /password-protected/);
  });

  it('a zip bomb is refused before anything is inflated', async () => {
    const file = inTemp('bomb.xlsx');
    await zipWith('xl/workbook.xml', Buffer.alloc(64 * 1024 * 1024), file);
    await expectError(file, /zip bomb/);
  });

  it('the size limit counts the sheets the import reads, not the Actuals it leaves compressed', async () => {
    expect(SAMPLE.actuals.batches.length).toBeGreaterThan(0);
    const file = await exported(SAMPLE);
    const entries = readZipDirectory(new Uint8Array(await readFile(file)));
    if (!entries.ok) throw new Error(entries.error);
    const size = (name: string) => entries.value.find((e) => e.name === name)?.uncompressedSize ?? NaN;
    const total = entries.value.reduce((sum, e) => sum + e.uncompressedSize, 0);
    // Plan, Prices, Summary, Reconciliation, Weekly, Actuals, About, Lists, Data: the import reads 1, 2 and 9.
    const unread = [3, 4, 5, 6, 7, 8].reduce((sum, n) => sum + size(`xl/worksheets/sheet${n}.xml`), 0);
    expect(unread).toBeGreaterThan(0);
    const limits = {
      maxTotalUncompressed: total - unread,
      maxRatio: 200,
      ratioCheckAbove: 16 * 1024 ** 2,
      maxEntries: 100,
    };
    const r = await importPlanWorkbook(file, limits);
    expect(r.ok ? r.value.document : r.error).toEqual(SAMPLE);
    // A byte less and what is read is too much: refused, before any sheet is inflated.
    const refused = await importPlanWorkbook(file, { ...limits, maxTotalUncompressed: total - unread - 1 });
    expect(refused.ok ? '' : refused.error).toMatch(
      new RegExp(
        `cannot be imported: the parts of it that are read would inflate to ${(total - unread).toLocaleString('en-US')} bytes.*zip bomb`,
      ),
    );
  });

  it('a zip entry that inflates beyond the size it declares is stopped at the declared size', async () => {
    const file = inTemp('liar.xlsx');
    await zipOf(
      [
        {
          name: 'xl/workbook.xml',
          content: Buffer.from('<workbook><sheets><sheet name="Plan" sheetId="1" r:id="rId1"/></sheets></workbook>'),
        },
        {
          name: 'xl/_rels/workbook.xml.rels',
          content: Buffer.from(
            '<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>',
          ),
        },
        { name: 'xl/worksheets/sheet1.xml', content: Buffer.alloc(32 * 1024 * 1024, 0x20), declaredSize: 100 },
      ],
      file,
    );
    await expectError(file, /inflates (beyond|to more than) the 100 bytes its zip entry declares/);
  });

  it('a zip that is not a workbook', async () => {
    const file = inTemp('other.xlsx');
    await zipWith('readme.txt', Buffer.from('hello'), file);
    await expectError(file, /not an Excel workbook/);
  });

  it('a missing Plan sheet', async () => {
    const file = await editWorkbook(await exported(SAMPLE), (wb) => wb.removeWorksheet(sheet(wb, 'Plan').id));
    await expectError(file, /no Plan sheet/);
  });

  it('a missing column', async () => {
    const file = await editWorkbook(await exported(SAMPLE), (wb) => {
      sheet(wb, 'Plan').getRow(1).getCell(planColumnNumber('finals')).value = 'How many';
    });
    await expectError(file, /Plan!1:1: the column "Finals" is missing/);
  });

  it('a text where a number belongs', async () => {
    const file = await editWorkbook(await exported(SAMPLE), (wb) => {
      sheet(wb, 'Plan').getRow(7).getCell(planColumnNumber('finals')).value = 'twelve';
    });
    await expectError(
      file,
      new RegExp(`^Plan!${planColumnLetter('finals')}7: expected a whole number of finals, found 'twelve'`),
    );
  });

  it('a bad value filled down a column is one problem with its count, the others listed after it', async () => {
    // A plan of 40 rows; finance fills "twelve" down Finals on 30 of them and types a model that is not one.
    const plan = { ...SAMPLE, rows: Array.from({ length: 40 }, (_, i) => ({ ...SAMPLE.rows[i % 4]!, id: `r${i}` })) };
    const finals = planColumnLetter('finals');
    const file = await editWorkbook(await exported(plan), (wb) => {
      for (let r = 2; r < 32; r++) sheet(wb, 'Plan').getRow(r).getCell(planColumnNumber('finals')).value = 'twelve';
      sheet(wb, 'Plan').getRow(35).getCell(planColumnNumber('model')).value = 'gpt-9';
    });
    const r = await importPlanWorkbook(file);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const lines = r.error.split('\n');
    expect(lines[0]).toBe(
      `Plan!${finals}2: expected a whole number of finals, found 'twelve' — and 29 more cells of column ${finals} with the same problem (${finals}3, ${finals}4, ${finals}5, …)`,
    );
    expect(lines[1]).toMatch(new RegExp(`^Plan!${planColumnLetter('model')}35: unknown model 'gpt-9'`));
    expect(lines).toHaveLength(2);
  });

  it('an unknown model', async () => {
    const file = await editWorkbook(await exported(SAMPLE), (wb) => {
      sheet(wb, 'Plan').getRow(3).getCell(planColumnNumber('model')).value = 'gpt-9';
    });
    await expectError(
      file,
      new RegExp(`^Plan!${planColumnLetter('model')}3: unknown model 'gpt-9': expected one of gpt-image-2, `),
    );
  });

  it('a negative or non-numeric price', async () => {
    const file = await editWorkbook(await exported(SAMPLE), (wb) => {
      sheet(wb, 'Prices').getRow(2).getCell(9).value = 'cheap';
    });
    await expectError(file, /^Prices!I2: expected a non-negative price figure with at most 12 decimals, found 'cheap'/);
  });

  it('a damaged hidden Data sheet', async () => {
    const file = await editWorkbook(await exported(SAMPLE), (wb) => {
      sheet(wb, 'Data').getRow(2).getCell(1).value = '{broken';
    });
    await expectError(file, /Data!A2: the plan data is damaged/);
  });

  it('a file that does not exist', async () => {
    const r = await importPlanWorkbook(inTemp('missing.xlsx'));
    expect(r.ok ? '' : r.error).toMatch(/does not exist/);
  });
});

it('the Plan header row is the documented column list', () => {
  expect(PLAN_COLUMNS.filter((c) => c.role === 'input').map((c) => c.header)).toContain('Finals');
});
