import ExcelJS from 'exceljs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import {
  PINNED_EXCELJS_VERSION,
  workbookWriterInternals,
  worksheetWriterInternals,
} from '../../node/io/exceljs-adapter';

// The adapter reaches two private exceljs internals (the workbook writer's zip and styles, the worksheet
// writer's stream and data validations). These tests fail, naming what moved, if an exceljs upgrade
// moves them, and keep the version pinned so such an upgrade is a deliberate change.

const PIN_REASON =
  'node/io/exceljs-adapter.ts reaches private exceljs internals: re-check them (this file) before moving the pin';

describe('exceljs is pinned to the version whose internals the adapter reaches', () => {
  it('package.json names exactly that version (no range) and it is the one installed', async () => {
    const pkg = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    expect(pkg.dependencies.exceljs, PIN_REASON).toBe(PINNED_EXCELJS_VERSION);
    const installed = createRequire(import.meta.url)('exceljs/package.json') as { version: string };
    expect(installed.version, PIN_REASON).toBe(PINNED_EXCELJS_VERSION);
  });
});

describe('the private internals are where the adapter looks for them', () => {
  it('a real streaming writer and worksheet have them (else the error names the one that moved)', async () => {
    const sink = new PassThrough();
    sink.resume();
    const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: sink, useStyles: true });
    const internals = workbookWriterInternals(writer);
    expect(internals.styles.addStyleModel({ numFmt: '0.00' }, 2)).toBeGreaterThan(0);
    const ws = writer.addWorksheet('Probe');
    const sheet = worksheetWriterInternals(ws);
    sheet.dataValidations.add('A2:A3', { type: 'list', allowBlank: true, formulae: ['"a,b"'] });
    ws.getRow(1).commit();
    sheet.stream.write('<row r="2"><c r="A2" t="inlineStr"><is><t>a</t></is></c></row>');
    ws.commit();
    await writer.commit();
  });

  it('an internal that moved is named in the error, with what it was used for and what to do', () => {
    const movedZip = { zip: { add: () => undefined }, styles: { addStyleModel: () => 1 } };
    expect(() => workbookWriterInternals(movedZip)).toThrow(
      /exceljs internals moved: WorkbookWriter\.zip\.append is missing, which exceljs 4\.4\.0 has .*full recalculation.*package\.json/,
    );
    const movedStream = { _stream: { write: () => true }, dataValidations: { add: () => undefined } };
    expect(() => worksheetWriterInternals(movedStream)).toThrow(/WorksheetWriter\.stream\.write is missing/);
    const noBacklog = { stream: { write: () => true }, dataValidations: { add: () => undefined } };
    expect(() => worksheetWriterInternals(noBacklog)).toThrow(/WorksheetWriter\.stream\.buffers \/ \.pipes/);
  });
});
