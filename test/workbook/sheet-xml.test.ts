import { describe, expect, it } from 'vitest';
import { decodeXml, parseSharedStrings, parseWorkbookParts, SheetRowScanner } from '../../shared/workbook/sheet-xml';
import { checkZipLimits, readZipDirectory, sniffFileKind } from '../../shared/workbook/zip-guard';
import { cellText, EXCEL_CELL_TEXT_LIMIT, neutralizeText, restoreText } from '../../shared/workbook/cell-text';
import { columnLetter, columnNumber } from '../../shared/workbook/a1';

describe('SpreadsheetML reading', () => {
  it('decodes entities', () => {
    expect(decodeXml('a &amp; b &lt;c&gt; &quot;d&quot; &apos;e&apos; &#233; &#x20AC;')).toBe(
      'a & b <c> "d" \'e\' é €',
    );
  });

  it('reads shared strings, rich text runs joined, phonetic guides left out', () => {
    const xml =
      '<sst><si><t>plain</t></si><si><r><t>ri</t></r><r><rPr/><t xml:space="preserve">ch </t></r></si><si><t>x</t><rPh><t>yomi</t></rPh></si><si/></sst>';
    expect(parseSharedStrings(xml)).toEqual(['plain', 'rich ', 'x', '']);
  });

  it('maps sheet names to their parts and notices 1904 dates', () => {
    const wb =
      '<workbook><workbookPr date1904="1"/><sheets><sheet name="Plan" sheetId="1" r:id="rId2"/><sheet name="R&amp;D" sheetId="2" r:id="rId3"/></sheets></workbook>';
    const rels =
      '<Relationships><Relationship Id="rId2" Type="x" Target="worksheets/sheet1.xml"/><Relationship Id="rId3" Type="x" Target="/xl/worksheets/sheet9.xml"/></Relationships>';
    expect(parseWorkbookParts(wb, rels)).toEqual({
      date1904: true,
      sheets: [
        { name: 'Plan', path: 'xl/worksheets/sheet1.xml' },
        { name: 'R&D', path: 'xl/worksheets/sheet9.xml' },
      ],
    });
  });

  it('scans rows split anywhere across chunks, with every cell type, and rows or cells without addresses', () => {
    const xml =
      '<worksheet><sheetData>' +
      '<row r="1"><c r="A1" t="s"><v>1</v></c><c r="C1" t="inlineStr"><is><t>in&amp;line</t></is></c></row>' +
      '<row r="3"><c r="A3"><v>12.5</v></c><c r="B3" t="b"><v>1</v></c><c r="C3" t="e"><v>#N/A</v></c><c r="D3" t="str"><f>A1&amp;"x"</f><v>ax</v></c><c r="E3"><f t="shared" si="0"/><v>7</v></c><c r="F3"/></row>' +
      '<row><c><v>1</v></c><c t="s"><v>0</v></c></row>' +
      '<row r="9"/>' +
      '</sheetData><rowBreaks count="0"/></worksheet>';
    for (const size of [1, 7, 64, xml.length]) {
      const scanner = new SheetRowScanner(['zero', 'one']);
      const rows = [];
      for (let i = 0; i < xml.length; i += size) rows.push(...scanner.push(xml.slice(i, i + size)));
      rows.push(...scanner.end());
      expect(rows.map((r) => [r.row, Object.fromEntries(r.cells)])).toEqual([
        [1, { 1: 'one', 3: 'in&line' }],
        [
          3,
          { 1: 12.5, 2: true, 3: { error: '#N/A' }, 4: { formula: '', result: 'ax' }, 5: { formula: '', result: 7 } },
        ],
        [4, { 1: 1, 2: 'zero' }],
        [9, {}],
      ]);
    }
  });
});

describe('zip and file checks', () => {
  it('recognises zips, encrypted Office files and anything else', () => {
    expect(sniffFileKind(new Uint8Array([0x50, 0x4b, 0x03, 0x04]))).toBe('zip');
    expect(sniffFileKind(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))).toBe('encrypted-office');
    expect(sniffFileKind(new TextEncoder().encode('name,finals'))).toBe('other');
    expect(readZipDirectory(new Uint8Array(10)).ok).toBe(false);
  });

  it('refuses archives beyond the size, ratio and entry limits', () => {
    const entry = (uncompressedSize: number, compressedSize: number) => ({
      name: 'xl/worksheets/sheet1.xml',
      uncompressedSize,
      compressedSize,
      method: 8,
      localHeaderOffset: 0,
      crc32: 0,
    });
    expect(checkZipLimits([entry(256_000_000, 33_000_000)]).ok).toBe(true);
    const bomb = checkZipLimits([entry(4_000_000_000, 4_000_000)]);
    expect(bomb.ok ? '' : bomb.error).toMatch(/1000-fold.*zip bomb/);
    expect(checkZipLimits([entry(1_500_000_000, 100_000_000), entry(1_500_000_000, 100_000_000)]).ok).toBe(false);
    // Only the entries a reader inflates count toward the total; every entry's ratio is still checked.
    const read = entry(1_500_000_000, 100_000_000);
    const unread = [read, entry(1_500_000_000, 100_000_000)];
    expect(checkZipLimits(unread, undefined, (e) => e === read).ok).toBe(true);
    const unreadBomb = checkZipLimits([read, entry(4_000_000_000, 4_000_000)], undefined, (e) => e === read);
    expect(unreadBomb.ok ? '' : unreadBomb.error).toMatch(/1000-fold.*zip bomb/);
  });
});

describe('cell text', () => {
  it('neutralises formula-like text reversibly and leaves other text alone', () => {
    for (const t of ['=SUM(A1)', '+1', '-x', '@me', '\tx', '\rx', "'quoted", 'plain', '', '1=1'])
      expect(restoreText(neutralizeText(t))).toBe(t);
    expect(neutralizeText('=1+1')).toBe("'=1+1");
    expect(neutralizeText('plain')).toBe('plain');
  });

  it('cuts at the cell limit and keeps the tail', () => {
    const long = `=${'y'.repeat(EXCEL_CELL_TEXT_LIMIT)}`;
    const t = cellText(long);
    expect(t.text).toHaveLength(EXCEL_CELL_TEXT_LIMIT);
    expect(restoreText(t.text) + t.cutTail).toBe(long);
  });

  it('column letters', () => {
    for (const n of [1, 26, 27, 52, 53, 702, 703, 16384]) expect(columnNumber(columnLetter(n))).toBe(n);
    expect(columnLetter(56)).toBe('BD');
  });
});

describe('reading typed-over input cells', () => {
  it('accepts what people type: numbers as text, decimal commas, ISO dates as text; rejects the rest with what was expected', async () => {
    const { readField } = await import('../../shared/workbook/field-codec');
    expect(readField('finals', '12')).toEqual({ ok: true, value: 12 });
    expect(readField('iterationFactor', '1,8')).toEqual({ ok: true, value: '1.8' });
    expect(readField('iterationFactor', 1.8)).toEqual({ ok: true, value: '1.8' });
    expect(readField('startDate', '2027-01-31')).toEqual({ ok: true, value: '2027-01-31' });
    expect(readField('startDate', 46418)).toEqual({ ok: true, value: '2027-01-31' });
    expect(readField('promptTokens', null)).toEqual({ ok: true, value: null });
    expect(readField('finals', 'twelve')).toEqual({
      ok: false,
      error: "expected a whole number of finals, found 'twelve'",
    });
    expect(readField('finals', 12.5)).toEqual({ ok: false, error: "expected a whole number of finals, found '12.5'" });
    expect(readField('finals', null)).toEqual({
      ok: false,
      error: 'expected a whole number of finals, found an empty cell',
    });
    expect(readField('startDate', '31/01/2027')).toEqual({
      ok: false,
      error: "expected a date such as 2027-01-31 (or an empty cell), found '31/01/2027'",
    });
    expect(readField('name', "'=x")).toEqual({ ok: true, value: '=x' });
    expect(readField('finals', { formula: 'A1*2', result: 24 })).toEqual({ ok: true, value: 24 });
    expect(readField('finals', { error: '#REF!' })).toEqual({
      ok: false,
      error: 'expected a whole number of finals, found the error #REF!',
    });
  });
});
