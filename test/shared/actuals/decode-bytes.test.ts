import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ByteDecoder, type TextEncodingName } from '../../../shared/actuals/read/decode-bytes';

function decode(chunks: readonly Uint8Array[]): {
  text: string;
  encoding: TextEncodingName | null;
  error: string | null;
} {
  const decoder = new ByteDecoder();
  let text = '';
  for (const chunk of [...chunks, null]) {
    const r = chunk === null ? decoder.end() : decoder.push(chunk);
    if (!r.ok) return { text, encoding: decoder.encoding, error: r.error };
    text += r.value;
  }
  return { text, encoding: decoder.encoding, error: null };
}

function bytes(...parts: (number[] | string)[]): Uint8Array {
  const out: number[] = [];
  for (const p of parts) out.push(...(typeof p === 'string' ? new TextEncoder().encode(p) : p));
  return new Uint8Array(out);
}

function utf16(text: string, littleEndian: boolean): Uint8Array {
  const out = new Uint8Array(2 + text.length * 2);
  out.set(littleEndian ? [0xff, 0xfe] : [0xfe, 0xff]);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    out[2 + 2 * i] = littleEndian ? c & 0xff : c >> 8;
    out[3 + 2 * i] = littleEndian ? c >> 8 : c & 0xff;
  }
  return out;
}

/** Windows-1252 bytes for text made of ASCII, é (0xE9) and € (0x80). */
function cp1252(text: string): Uint8Array {
  return new Uint8Array([...text].map((ch) => (ch === '€' ? 0x80 : ch === 'é' ? 0xe9 : ch.charCodeAt(0))));
}

function cuts(data: Uint8Array, points: readonly number[]): Uint8Array[] {
  const sorted = [...new Set(points.map((p) => p % (data.length + 1)))].sort((a, b) => a - b);
  const out: Uint8Array[] = [];
  let last = 0;
  for (const p of sorted) {
    out.push(data.slice(last, p));
    last = p;
  }
  out.push(data.slice(last));
  return out;
}

const TEXT = 'date;Kosten (€);Café\r\n01/10/2026;1,50;é\r\n';

describe('decoding bytes', () => {
  it.each([
    { why: 'UTF-8 without BOM', data: bytes(TEXT), encoding: 'utf-8' },
    { why: 'UTF-8 with BOM (the BOM is not text)', data: bytes([0xef, 0xbb, 0xbf], TEXT), encoding: 'utf-8' },
    { why: 'UTF-16 LE with BOM', data: utf16(TEXT, true), encoding: 'utf-16le' },
    { why: 'UTF-16 BE with BOM', data: utf16(TEXT, false), encoding: 'utf-16be' },
    { why: 'Windows-1252 (not valid UTF-8)', data: cp1252(TEXT), encoding: 'windows-1252' },
    {
      why: 'Windows-1252 whose first non-ASCII byte is past the first chunk',
      data: cp1252('a,b\n'.repeat(300) + TEXT),
      encoding: 'windows-1252',
    },
  ])('$why', ({ data, encoding }) => {
    const whole = decode([data]);
    expect(whole.error).toBeNull();
    expect(whole.encoding).toBe(encoding);
    expect(whole.text.endsWith(TEXT)).toBe(true);
    // One byte at a time: every character is cut somewhere.
    expect(decode([...data].map((b) => new Uint8Array([b])))).toEqual(whole);
  });

  it.each([
    { why: 'an empty file', data: bytes(''), error: 'the file is empty' },
    {
      why: 'UTF-16 LE without BOM',
      data: utf16('date,amount\n', true).slice(2),
      error: 'UTF-16 (little-endian) without a byte-order mark',
    },
    {
      why: 'UTF-16 BE without BOM',
      data: utf16('date,amount\n', false).slice(2),
      error: 'UTF-16 (big-endian) without a byte-order mark',
    },
    { why: 'UTF-32 LE', data: bytes([0xff, 0xfe, 0, 0], [0x61, 0, 0, 0]), error: 'UTF-32' },
    {
      why: 'binary with NULs',
      data: bytes([1, 2, 0, 0, 0, 7, 0, 0, 0, 0, 0, 9, 255, 0, 0, 0, 0]),
      error: 'binary data',
    },
    { why: 'a NUL later in a text file', data: bytes('a,b\n'.repeat(200), [0], 'x\n'), error: 'binary data' },
    { why: 'an xlsx workbook', data: bytes([0x50, 0x4b, 3, 4, 20, 0]), error: 'an .xlsx workbook' },
    { why: 'a byte Windows-1252 leaves undefined', data: bytes('a,b\n', [0x81], '\n'), error: 'byte 0x81' },
    { why: 'valid UTF-8, then invalid bytes', data: bytes('é'.repeat(300), [0xe9, 0x41]), error: 'mixes encodings' },
    {
      why: 'a UTF-8 BOM over invalid bytes',
      data: bytes([0xef, 0xbb, 0xbf], 'a', [0xe9, 0x41]),
      error: 'UTF-8 byte-order mark but is not valid UTF-8',
    },
  ])('refuses $why', ({ data, error }) => {
    const out = decode([data]);
    expect(out.error).toContain(error);
  });

  it('gives the same text however the bytes are cut', () => {
    const sample = fc.constantFrom(
      bytes(TEXT),
      bytes([0xef, 0xbb, 0xbf], TEXT),
      utf16(TEXT, true),
      utf16(TEXT, false),
      cp1252(TEXT),
    );
    fc.assert(
      fc.property(sample, fc.array(fc.nat(200), { maxLength: 8 }), (data, points) => {
        expect(decode(cuts(data, points))).toEqual(decode([data]));
      }),
    );
  });
});
