import { describe, expect, it } from 'vitest';
import type { ActualRecord } from '../../../shared/actuals/actual-record';
import type { DateOrder } from '../../../shared/actuals/read/day-text';
import { cp1252, utf16, utf8 } from './support/generate';
import { countBy, fixtureText, readActuals, total, totalsBy } from './support/read-actuals';

/**
 * Every CSV sample of test/fixtures/actuals, written again in each dialect issue 11 §4 lists (delimiters,
 * decimal comma with thousands separators, encodings, line ends, quoted fields holding delimiters and
 * newlines, dates as ISO, unix seconds or milliseconds, DD/MM/YYYY or MM/DD/YYYY), must read to exactly
 * the totals of the original: same rows, same records, same money to the last digit, same counts.
 */

/** RFC 4180 rows of a CSV text (the samples are plain comma-separated UTF-8). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i += 1;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += c;
  }
  if (cell !== '' || row.length > 0) rows.push([...row, cell]);
  return rows;
}

interface Shape {
  readonly delimiter: string;
  readonly eol: string;
  /** Quote every cell, not only those that need it. */
  readonly quoteAll?: boolean;
}

function writeCsv(rows: readonly (readonly string[])[], shape: Shape): string {
  const d = shape.delimiter;
  const quote = (cell: string): string =>
    shape.quoteAll || cell.includes(d) || /["\r\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell;
  return rows.map((r) => r.map(quote).join(d)).join(shape.eol) + shape.eol;
}

const DECIMAL = /^(-?)(\d+)\.(\d+)$/;

/** A decimal as European Excel writes it: decimal comma, `.` between thousands ("9.832,0"). */
function decimalComma(cell: string): string {
  const m = DECIMAL.exec(cell);
  if (!m) return cell;
  return `${m[1]}${(m[2] ?? '').replace(/\B(?=(\d{3})+$)/g, '.')},${m[3]}`;
}

/** The date column of each sample, and how its text is written in the original. */
const SAMPLES = [
  { file: 'openai-costs-export.csv', dateColumn: 'start_time' },
  { file: 'openai-completions-usage-export.csv', dateColumn: 'start_time' },
  { file: 'litellm-spendlogs.csv', dateColumn: 'startTime' },
] as const;

/** The UTC instant a sample's date cell names (unix seconds, or a naive UTC time as LiteLLM writes it). */
function instantOf(cell: string): Date {
  return /^\d+$/.test(cell) ? new Date(Number(cell) * 1000) : new Date(cell.replace(' ', 'T') + 'Z');
}

const pad = (n: number) => String(n).padStart(2, '0');
type DateStyle = 'unix-s' | 'unix-ms' | 'iso' | 'DMY' | 'MDY';

function writeDate(cell: string, style: DateStyle): string {
  const t = instantOf(cell);
  const [d, m, y] = [pad(t.getUTCDate()), pad(t.getUTCMonth() + 1), t.getUTCFullYear()];
  const time = `${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}:${pad(t.getUTCSeconds())}`;
  switch (style) {
    case 'unix-s':
      return String(Math.floor(t.getTime() / 1000));
    case 'unix-ms':
      return String(t.getTime());
    case 'iso':
      return t.toISOString();
    case 'DMY':
      return `${d}/${m}/${y} ${time}`;
    case 'MDY':
      return `${m}/${d}/${y} ${time}`;
  }
}

interface Variant {
  readonly why: string;
  readonly bytes: (rows: string[][]) => Uint8Array;
  readonly dateOrder?: DateOrder;
}

/** An extra column the sources do not read, holding the delimiter, a quote and a line break. */
function withNoteColumn(rows: string[][], delimiter: string): string[][] {
  return rows.map((r, i) => [...r, i === 0 ? 'note' : `see "ticket${delimiter} 42"\r\nline two${delimiter} end`]);
}

function withDates(rows: string[][], column: string, style: DateStyle): string[][] {
  const at = rows[0]?.indexOf(column) ?? -1;
  if (at < 0) throw new Error(`no column ${column}`);
  return rows.map((r, i) => (i === 0 ? r : r.map((c, j) => (j === at ? writeDate(c, style) : c))));
}

function variants(dateColumn: string): Variant[] {
  const text = (rows: string[][], shape: Shape) => writeCsv(rows, shape);
  const comma = (rows: string[][]) => rows.map((r, i) => (i === 0 ? r : r.map(decimalComma)));
  const dates = (style: DateStyle, dateOrder?: DateOrder): Variant => ({
    why: `dates as ${style}`,
    bytes: (rows) => utf8(text(withDates(rows, dateColumn, style), { delimiter: ',', eol: '\n' })),
    ...(dateOrder ? { dateOrder } : {}),
  });
  return [
    { why: ', and LF', bytes: (rows) => utf8(text(rows, { delimiter: ',', eol: '\n' })) },
    { why: '; and CRLF', bytes: (rows) => utf8(text(rows, { delimiter: ';', eol: '\r\n' })) },
    { why: 'tab', bytes: (rows) => utf8(text(rows, { delimiter: '\t', eol: '\n' })) },
    { why: '|', bytes: (rows) => utf8(text(rows, { delimiter: '|', eol: '\n' })) },
    { why: 'CR line ends', bytes: (rows) => utf8(text(rows, { delimiter: ',', eol: '\r' })) },
    {
      why: '; with decimal commas and thousands separators (European Excel)',
      bytes: (rows) => utf8(text(comma(rows), { delimiter: ';', eol: '\r\n' })),
    },
    { why: 'UTF-8 with BOM', bytes: (rows) => utf8('\uFEFF' + text(rows, { delimiter: ',', eol: '\r\n' })) },
    { why: 'UTF-16 LE with BOM, tab', bytes: (rows) => utf16(text(rows, { delimiter: '\t', eol: '\r\n' }), true) },
    { why: 'UTF-16 BE with BOM', bytes: (rows) => utf16(text(rows, { delimiter: ',', eol: '\n' }), false) },
    {
      why: 'Windows-1252, ; with decimal commas',
      bytes: (rows) => cp1252(text(comma(rows), { delimiter: ';', eol: '\r\n' })),
    },
    {
      why: 'every cell quoted, and a column holding the delimiter, quotes and a line break',
      bytes: (rows) => utf8(text(withNoteColumn(rows, ','), { delimiter: ',', eol: '\r\n', quoteAll: true })),
    },
    {
      why: '; with a column holding ; and a line break',
      bytes: (rows) => utf8(text(withNoteColumn(rows, ';'), { delimiter: ';', eol: '\n' })),
    },
    dates('unix-s'),
    dates('unix-ms'),
    dates('iso'),
    dates('DMY', 'DMY'),
    dates('MDY', 'MDY'),
    // Without the user's choice: a day above 12 in the file proves the order (never guessed silently).
    { ...dates('DMY'), why: 'dates as DMY, the order proved by the file' },
    { ...dates('MDY'), why: 'dates as MDY, the order proved by the file' },
  ];
}

function summary(records: readonly ActualRecord[]) {
  const sum = (f: (r: ActualRecord) => number) => records.reduce((n, r) => n + f(r), 0);
  return {
    records: records.length,
    total: total(records),
    byDay: totalsBy(records, (r) => r.day),
    byModel: totalsBy(records, (r) => `${r.dims.model}|${r.dims.lineItem}|${r.dims.project}`),
    recordsByDay: countBy(records, (r) => r.day),
    images: sum((r) => r.images),
    requests: sum((r) => r.requests),
    failed: sum((r) => r.failedRequests),
    tokens: sum((r) => {
      const t = r.tokens;
      return t.textIn + t.textCachedIn + t.imageIn + t.imageCachedIn + t.audioIn + t.textOut + t.imageOut + t.audioOut;
    }),
    requestIds: records.filter((r) => r.requestId !== null).length,
  };
}

describe.each(SAMPLES)('$file in every dialect reads to the same totals', ({ file, dateColumn }) => {
  const original = fixtureText(file);
  const rows = parseCsv(original);
  const plain = readActuals(original, { fileName: file });
  const expected = summary(plain.records);

  it('the original reads cleanly', () => {
    expect(plain.outcome.status).toBe('done');
    expect(plain.rejected).toEqual([]);
    expect(expected.records).toBeGreaterThan(20);
  });

  it.each(variants(dateColumn).map((v) => ({ ...v, label: v.why })))('$label', (v) => {
    const read = readActuals(
      v.bytes(rows),
      { fileName: file, ...(v.dateOrder ? { dateOrder: v.dateOrder } : {}) },
      4093,
    );
    expect(read.outcome.error).toBeNull();
    expect(read.outcome.status).toBe('done');
    expect(read.outcome.source.source).toBe(plain.outcome.source.source);
    expect(read.rejected).toEqual([]);
    expect([read.outcome.rowsRead, read.outcome.rowsEmpty]).toEqual([plain.outcome.rowsRead, plain.outcome.rowsEmpty]);
    expect(summary(read.records)).toEqual(expected);
  });
});
