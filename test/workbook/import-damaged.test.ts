import { readFile, writeFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { importPlanWorkbook } from '../../node/io/xlsx-import';
import { createSamplePlan } from '../../shared/plan/sample-plan';
import { entryDataOffset, readZipDirectory } from '../../shared/workbook/zip-guard';
import { useWorkbookFiles } from './support/workbook-files';

/** Issue 13 §6: a damaged or lying workbook is refused with its real cause. */

const files = useWorkbookFiles('pl-damaged-');
const SAMPLE = createSamplePlan('2026-11-01');

/** Where the central directory record of `name` starts. */
function centralRecord(bytes: Buffer, name: string): number {
  const at = bytes.lastIndexOf(Buffer.from(name));
  if (at < 46 || bytes.readUInt32LE(at - 46) !== 0x02014b50) throw new Error(`no central record for ${name}`);
  return at - 46;
}

async function importError(bytes: Buffer): Promise<string> {
  const file = files.inTemp(`bad-${Math.random().toString(36).slice(2)}.xlsx`);
  await writeFile(file, bytes);
  const r = await importPlanWorkbook(file);
  if (r.ok) throw new Error('the damaged workbook was imported');
  return r.error;
}

describe('damaged and lying workbooks', () => {
  it('says a part inflates beyond its declared size, not "Cannot create a Buffer"', async () => {
    const bytes = await readFile(await files.exported(SAMPLE));
    bytes.writeUInt32LE(100, centralRecord(bytes, 'xl/workbook.xml') + 24);
    const error = await importError(bytes);
    expect(error).not.toMatch(/Buffer/);
    expect(error).toMatch(/xl\/workbook\.xml inflates to more than the 100 bytes its zip entry declares/);
  });

  it('says a damaged sheet is damaged, not that its columns are missing', async () => {
    const bytes = await readFile(await files.exported(SAMPLE));
    const directory = readZipDirectory(bytes);
    const sheet = directory.ok ? directory.value.find((e) => e.name.endsWith('sheet1.xml')) : undefined;
    const start = sheet ? entryDataOffset(bytes, sheet) : null;
    if (!sheet || start === null) throw new Error('no sheet1.xml');
    for (let i = 0; i < 64; i++) {
      const at = start + Math.floor(sheet.compressedSize / 2) + i;
      bytes[at] = (bytes[at] ?? 0) ^ 0x5a;
    }
    const error = await importError(bytes);
    expect(error).not.toMatch(/missing/);
    expect(error).toMatch(/damaged|altered/);
  });

  it('refuses /dev/zero as a device', async () => {
    const r = await importPlanWorkbook('/dev/zero');
    expect(r.ok ? '' : r.error).toMatch(/device, pipe or socket/);
  });
});
