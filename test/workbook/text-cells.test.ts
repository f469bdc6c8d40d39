import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cellText, xmlSafeText } from '../../shared/workbook/cell-text';
import { RowRenderer } from '../../shared/workbook/sheet-xml-writer';
import { decodeXml } from '../../shared/workbook/sheet-xml';

/**
 * Text cells as the writer renders them, against the definitions by regular expression the writer's
 * fast path for plain text (printable ASCII without & < >) must agree with, for any text: ASCII, XML's
 * special characters, control characters, lone surrogates, U+FFFE, leading and trailing white space.
 */
const NOT_IN_XML =
  // eslint-disable-next-line no-control-regex -- the characters XML 1.0 cannot carry
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function referenceCell(text: string): string {
  const shown = cellText(text).text;
  const space = /^\s|\s$/.test(shown) ? ' xml:space="preserve"' : '';
  const escaped = shown
    .replace(NOT_IN_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\r/g, '&#13;');
  return `<row r="2"><c r="A2" t="inlineStr"><is><t${space}>${escaped}</t></is></c></row>`;
}

const pieces = fc.constantFrom(
  'a',
  'Z',
  '0',
  ' ',
  '&',
  '<',
  '>',
  '=',
  "'",
  '\t',
  '\r',
  '\n',
  '\u0001',
  '\u00e9',
  '\ud83d\ude00',
  '\ud800',
  '\udc00',
  '\ufffe',
  '\u00a0',
  '\u2028',
);
const texts = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.array(pieces, { maxLength: 12 }).map((p) => p.join('')),
);

describe('text cells in the writer', () => {
  it('render as the regular-expression definitions give them, plain ASCII fast path included', () => {
    const renderer = new RowRenderer(1, [''], '');
    fc.assert(
      fc.property(texts, (text) => {
        expect(renderer.row([text], 2)).toBe(referenceCell(text));
        expect(xmlSafeText(text)).toBe(text.replace(NOT_IN_XML, ''));
      }),
      { numRuns: 3_000 },
    );
  });

  it('keep plain text as it is, and read back as written', () => {
    const renderer = new RowRenderer(1, [''], '');
    expect(renderer.row(['proj_growth r-12 Line 7: hero'], 2)).toBe(
      '<row r="2"><c r="A2" t="inlineStr"><is><t>proj_growth r-12 Line 7: hero</t></is></c></row>',
    );
    expect(renderer.row([' padded '], 2)).toContain('<t xml:space="preserve"> padded </t>');
    const inCell = (text: string) => decodeXml(/<t>(.*)<\/t>/.exec(renderer.row([text], 2))?.[1] ?? '');
    expect(inCell('R&D <b> =SUM(1)')).toBe('R&D <b> =SUM(1)');
    expect(inCell('=SUM(1)')).toBe("'=SUM(1)"); // neutralised, plain or not
  });
});
