import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvTokenizer, DEFAULT_CSV_LIMITS, type CsvLimits } from '../../../shared/actuals/read/csv-tokenizer';
import { CsvTokenizerBefore } from './support/csv-tokenizer-before';

interface Tokenized {
  records: { line: number; fields: string[] }[];
  rejected: { line: number; reason: string }[];
}

function tokenize(
  chunks: readonly string[],
  delimiter = ',',
  limits: CsvLimits = DEFAULT_CSV_LIMITS,
  Tokenizer: typeof CsvTokenizer | typeof CsvTokenizerBefore = CsvTokenizer,
): Tokenized {
  const out: Tokenized = { records: [], rejected: [] };
  const tokenizer = new Tokenizer(
    delimiter,
    {
      record: (view) => out.records.push({ line: view.line, fields: view.fields() }),
      reject: (line, reason) => out.rejected.push({ line, reason }),
    },
    limits,
  );
  for (const chunk of chunks) tokenizer.push(chunk);
  tokenizer.end();
  return out;
}

function split(text: string, cuts: readonly number[]): string[] {
  const points = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
  const parts: string[] = [];
  let last = 0;
  for (const p of points) {
    parts.push(text.slice(last, p));
    last = p;
  }
  parts.push(text.slice(last));
  return parts;
}

describe('CSV tokenizer', () => {
  it.each([
    {
      why: 'LF endings',
      text: 'a,b\n1,2\n',
      rows: [
        ['a', 'b'],
        ['1', '2'],
      ],
      lines: [1, 2],
    },
    {
      why: 'CRLF endings',
      text: 'a,b\r\n1,2\r\n',
      rows: [
        ['a', 'b'],
        ['1', '2'],
      ],
      lines: [1, 2],
    },
    {
      why: 'CR-only endings (old Mac Excel)',
      text: 'a,b\r1,2\r3,4',
      rows: [
        ['a', 'b'],
        ['1', '2'],
        ['3', '4'],
      ],
      lines: [1, 2, 3],
    },
    { why: 'mixed endings', text: 'a\r\nb\nc\rd', rows: [['a'], ['b'], ['c'], ['d']], lines: [1, 2, 3, 4] },
    {
      why: 'no final line break',
      text: 'a,b\n1,2',
      rows: [
        ['a', 'b'],
        ['1', '2'],
      ],
      lines: [1, 2],
    },
    { why: 'empty fields', text: ',,\n', rows: [['', '', '']], lines: [1] },
    { why: 'quoted delimiter', text: '"a,b",c\n', rows: [['a,b', 'c']], lines: [1] },
    { why: 'doubled quotes', text: '"say ""hi""",x\n', rows: [['say "hi"', 'x']], lines: [1] },
    {
      why: 'quoted LF and CRLF push later lines down',
      text: '"a\nb",1\n"c\r\nd",2\nz,3\n',
      rows: [
        ['a\nb', '1'],
        ['c\r\nd', '2'],
        ['z', '3'],
      ],
      lines: [1, 3, 5],
    },
    { why: 'blank lines are skipped but counted', text: 'a\n\n\r\nb\n', rows: [['a'], ['b']], lines: [1, 4] },
    { why: 'an empty quoted field is a record', text: '""\n', rows: [['']], lines: [1] },
    { why: 'a quote inside an unquoted field is text', text: 'ab"c,d\n', rows: [['ab"c', 'd']], lines: [1] },
    {
      why: 'JSON in a quoted field',
      text: 'x,"{""k"": [""a"", ""b""]}"\n',
      rows: [['x', '{"k": ["a", "b"]}']],
      lines: [1],
    },
  ])('$why', ({ text, rows, lines }) => {
    const out = tokenize([text]);
    expect(out.rejected).toEqual([]);
    expect(out.records.map((r) => r.fields)).toEqual(rows);
    expect(out.records.map((r) => r.line)).toEqual(lines);
  });

  it.each([
    { delimiter: ';', text: 'a;"b;c";1,5\n', fields: ['a', 'b;c', '1,5'] },
    { delimiter: '\t', text: 'a\t"b\tc"\t1\n', fields: ['a', 'b\tc', '1'] },
    { delimiter: '|', text: 'a|b|"c|d"\n', fields: ['a', 'b', 'c|d'] },
  ])('delimiter $delimiter', ({ delimiter, text, fields }) => {
    expect(tokenize([text], delimiter).records[0]?.fields).toEqual(fields);
  });

  it('rejects text after a closing quote, and goes on with the next record', () => {
    const out = tokenize(['"ab"cd,1\nok,2\n']);
    expect(out.rejected).toEqual([{ line: 1, reason: 'column 1: text after the closing quote' }]);
    expect(out.records).toEqual([{ line: 2, fields: ['ok', '2'] }]);
  });

  it('rejects an unterminated quote at the end of the file', () => {
    const out = tokenize(['a,b\n1,"open\nmore\n']);
    expect(out.records.map((r) => r.fields)).toEqual([['a', 'b']]);
    expect(out.rejected).toEqual([{ line: 2, reason: 'a quoted field is not closed before the end of the file' }]);
  });

  it('refuses a 5 MB line quickly, holding at most the record limit, and reads the rows after it', () => {
    const limits = DEFAULT_CSV_LIMITS;
    const huge = 'x'.repeat(5_000_000);
    const chunks = ['a,b\n'];
    for (let i = 0; i < huge.length; i += 65_536) chunks.push(huge.slice(i, i + 65_536));
    chunks.push('\n1,2\n');
    const out = tokenize(chunks, ',', limits);
    expect(out.rejected).toEqual([
      { line: 2, reason: `the record is longer than the limit of ${limits.maxRecordChars} characters` },
    ]);
    expect(out.records).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 3, fields: ['1', '2'] },
    ]);
  });

  it('skips an over-long record by quote parity, counting the line breaks inside its quotes', () => {
    const limits = { maxFieldChars: 10, maxRecordChars: 20, maxColumns: 5 };
    const text = 'h\n"' + 'y'.repeat(30) + '\n""\n' + 'z'.repeat(10) + '",x\r\nnext\n';
    const whole = tokenize([text], ',', limits);
    expect(whole.rejected).toEqual([{ line: 2, reason: 'the record is longer than the limit of 20 characters' }]);
    expect(whole.records).toEqual([
      { line: 1, fields: ['h'] },
      { line: 5, fields: ['next'] },
    ]);
    for (let cut = 0; cut <= text.length; cut++) {
      expect(tokenize([text.slice(0, cut), text.slice(cut)], ',', limits)).toEqual(whole);
    }
  });

  it.each([
    { text: 'aaaaaaaaaaa,b\n', reason: 'column 1 is 11 characters long, over the limit of 10' },
    { text: 'a,b,c,d,e,f\n', reason: '6 columns, more than the limit of 5' },
  ])('limits: $reason', ({ text, reason }) => {
    const out = tokenize([text + 'ok\n'], ',', { maxFieldChars: 10, maxRecordChars: 100, maxColumns: 5 });
    expect(out.rejected).toEqual([{ line: 1, reason }]);
    expect(out.records).toEqual([{ line: 2, fields: ['ok'] }]);
  });

  it('gives the same records however the text is cut into chunks', () => {
    const cell = fc.oneof(
      fc.constantFrom('', 'a', '1.5', 'x y', '"q"', 'a,b', 'l1\nl2', 'c\r\nd', 'é€', '""'),
      fc.string({ maxLength: 6 }),
    );
    const quoteCell = (t: string): string => (/[",\r\n]/.test(t) || t === '' ? `"${t.replaceAll('"', '""')}"` : t);
    const row = fc.array(cell, { minLength: 1, maxLength: 5 });
    const eol = fc.constantFrom('\n', '\r\n', '\r');
    fc.assert(
      fc.property(
        fc.array(fc.tuple(row, eol), { minLength: 1, maxLength: 8 }),
        fc.array(fc.nat(400), { maxLength: 12 }),
        (rows, cuts) => {
          const text = rows.map(([cells, end]) => cells.map(quoteCell).join(',') + end).join('');
          const whole = tokenize([text]);
          expect(whole.rejected).toEqual([]);
          expect(whole.records.map((r) => r.fields)).toEqual(rows.map(([cells]) => cells));
          expect(tokenize(split(text, cuts))).toEqual(whole);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('reads any text, however cut, as the charCodeAt tokenizer before it did: records, lines, rejections', () => {
    // Hostile text from the characters that matter: delimiters, quotes, every line break, BOM, non-ASCII.
    const piece = fc.constantFrom(
      'a',
      '1.5',
      ',',
      ';',
      '\t',
      '"',
      '""',
      '\n',
      '\r',
      '\r\n',
      ' ',
      '\ufeff',
      'é€',
      'x"y',
    );
    const delimiter = fc.constantFrom(',', ';', '\t');
    const tight: CsvLimits = { maxFieldChars: 6, maxRecordChars: 24, maxColumns: 4 };
    fc.assert(
      fc.property(
        fc.array(piece, { maxLength: 60 }),
        fc.array(fc.nat(400), { maxLength: 6 }),
        delimiter,
        fc.boolean(),
        (pieces, cuts, d, small) => {
          const text = pieces.join('');
          const limits = small ? tight : DEFAULT_CSV_LIMITS;
          const before = tokenize([text], d, limits, CsvTokenizerBefore);
          expect(tokenize([text], d, limits)).toEqual(before);
          expect(tokenize(split(text, cuts), d, limits)).toEqual(
            tokenize(split(text, cuts), d, limits, CsvTokenizerBefore),
          );
        },
      ),
      { numRuns: 2000 },
    );
  });
});
