import { fail, ok, type Result } from '../../result';

/**
 * Bytes → text, streamed, for the encodings spreadsheets and exporters really write: UTF-8 with or without a
 * byte-order mark, UTF-16 LE/BE with a BOM (Excel's "Unicode text"), and Windows-1252 (Excel's "CSV" on a
 * Western Windows), which is chosen when the bytes are not valid UTF-8. Anything else (UTF-16 without a BOM,
 * UTF-32, binary files, bytes Windows-1252 does not define) is refused with a message saying what the file
 * looks like and how to save it instead. Chunks may split a character anywhere.
 */

/** TextDecoder is a web standard (Node and browsers); Node's typings declare it as a value only. */
type Decoder = InstanceType<typeof TextDecoder>;

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

/** Bytes looked at before deciding the encoding (BOM, NUL pattern, file signatures). */
const HEAD_BYTES = 512;

/**
 * Windows-1252's characters for bytes 0x80-0x9F ('' where it defines none). Browsers decode "windows-1252"
 * this way, but Node 20's TextDecoder decodes it as ISO-8859-1 (C1 controls), so those bytes are mapped
 * here after decoding in both.
 */
const CP1252_HIGH = [
  '€',
  '',
  '‚',
  'ƒ',
  '„',
  '…',
  '†',
  '‡',
  'ˆ',
  '‰',
  'Š',
  '‹',
  'Œ',
  '',
  'Ž',
  '',
  '',
  '‘',
  '’',
  '“',
  '”',
  '•',
  '–',
  '—',
  '˜',
  '™',
  'š',
  '›',
  'œ',
  '',
  'ž',
  'Ÿ',
];
const C1_CONTROL = /[\u0080-\u009f]/g;

export class ByteDecoder {
  private head: Uint8Array | null = new Uint8Array(0);
  private encodingName: TextEncodingName | null = null;
  private hasBom = false;
  /** UTF-8 is decoded chunk by chunk without stream mode, so an incomplete trailing sequence waits here. */
  private carry: Uint8Array = new Uint8Array(0);
  private utf8: Decoder | null = null;
  private other: Decoder | null = null;
  /** Whether any non-ASCII text came out of UTF-8 yet: only a pure-ASCII prefix may turn out to be 1252. */
  private sawNonAscii = false;
  /** Bytes handed to the decoders so far (for error positions). */
  private offset = 0;
  private failed: string | null = null;

  /** The encoding once the first bytes decided it. */
  get encoding(): TextEncodingName | null {
    return this.encodingName;
  }

  get bom(): boolean {
    return this.hasBom;
  }

  push(bytes: Uint8Array): Result<string> {
    if (this.failed !== null) return fail(this.failed);
    if (this.head !== null) {
      this.head = concatBytes(this.head, bytes);
      if (this.head.length < HEAD_BYTES) return ok('');
      return this.start(false);
    }
    return this.decode(bytes, false);
  }

  /** Decodes what the first bytes held back (for a look at a file's start) without ending the stream. */
  flush(): Result<string> {
    if (this.failed !== null) return fail(this.failed);
    return this.head !== null && this.head.length > 0 ? this.start(false) : ok('');
  }

  end(): Result<string> {
    if (this.failed !== null) return fail(this.failed);
    if (this.head !== null) return this.start(true);
    return this.decode(new Uint8Array(0), true);
  }

  private start(final: boolean): Result<string> {
    const head = this.head ?? new Uint8Array(0);
    this.head = null;
    const refusal = refuseByHead(head);
    if (refusal !== null) return this.fail(refusal);
    const bomLength = this.chooseEncoding(head);
    this.offset = bomLength;
    return this.decode(head.subarray(bomLength), final);
  }

  /** Picks the encoding from a BOM; returns how many BOM bytes to skip. */
  private chooseEncoding(head: Uint8Array): number {
    const [b0, b1, b2] = head;
    if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) {
      this.encodingName = 'utf-8';
      this.hasBom = true;
      return 3;
    }
    if ((b0 === 0xff && b1 === 0xfe) || (b0 === 0xfe && b1 === 0xff)) {
      this.encodingName = b0 === 0xff ? 'utf-16le' : 'utf-16be';
      this.hasBom = true;
      this.other = new TextDecoder(this.encodingName, { fatal: true, ignoreBOM: true });
      return 2;
    }
    this.encodingName = 'utf-8';
    return 0;
  }

  private decode(bytes: Uint8Array, final: boolean): Result<string> {
    let text: string;
    if (this.encodingName === 'utf-8') {
      const decoded = this.decodeUtf8(bytes, final);
      if (!decoded.ok) return decoded;
      text = decoded.value;
    } else {
      const decoded = this.decodeOther(bytes, final);
      if (!decoded.ok) return decoded;
      text = decoded.value;
    }
    const nul = text.indexOf('\u0000');
    if (nul !== -1) {
      return this.fail(
        `the file holds binary data (a NUL character near byte ${this.offset}): it is not a text export`,
      );
    }
    this.offset += bytes.length;
    return ok(text);
  }

  private decodeUtf8(bytes: Uint8Array, final: boolean): Result<string> {
    const all = this.carry.length > 0 ? concatBytes(this.carry, bytes) : bytes;
    const cut = final ? all.length : completeUtf8Length(all);
    this.carry = all.slice(cut);
    const part = all.subarray(0, cut);
    this.utf8 ??= new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
    try {
      const text = this.utf8.decode(part);
      // Every multi-byte sequence yields fewer UTF-16 units than bytes: equal lengths mean pure ASCII.
      if (text.length !== part.length) this.sawNonAscii = true;
      return ok(text);
    } catch {
      return this.switchTo1252(all, nonAsciiBeforeInvalid(all));
    }
  }

  /** The bytes are not UTF-8. If nothing before them was beyond ASCII, the file is Windows-1252 from the start. */
  private switchTo1252(bytes: Uint8Array, nonAsciiBefore: boolean): Result<string> {
    if (this.hasBom) {
      return this.fail(
        `the file starts with a UTF-8 byte-order mark but is not valid UTF-8 (near byte ${this.offset}): save it again as UTF-8`,
      );
    }
    if (this.sawNonAscii || nonAsciiBefore) {
      return this.fail(
        `the file mixes encodings: valid UTF-8 text, then bytes that are not UTF-8 near byte ${this.offset}; save it again as UTF-8`,
      );
    }
    this.encodingName = 'windows-1252';
    this.carry = new Uint8Array(0);
    this.other = new TextDecoder('windows-1252');
    return this.decodeOther(bytes, true);
  }

  private decodeOther(bytes: Uint8Array, final: boolean): Result<string> {
    const decoder = this.other;
    if (decoder === null) return this.fail('internal: no decoder');
    let text: string;
    try {
      text = decoder.decode(bytes, { stream: !final });
    } catch {
      return this.fail(
        `the file says ${this.encodingName?.toUpperCase()} (byte-order mark) but holds bytes that are not`,
      );
    }
    if (this.encodingName === 'windows-1252') return this.fix1252(text);
    return ok(text);
  }

  private fix1252(text: string): Result<string> {
    let undefinedAt = -1;
    const fixed = text.replace(C1_CONTROL, (c, index: number) => {
      const mapped = CP1252_HIGH[c.charCodeAt(0) - 0x80] ?? '';
      if (mapped === '' && undefinedAt === -1) undefinedAt = index;
      return mapped;
    });
    if (undefinedAt === -1) return ok(fixed);
    const byte = text.charCodeAt(undefinedAt).toString(16).toUpperCase();
    return this.fail(
      `byte 0x${byte} near byte ${this.offset + undefinedAt} is a character in neither UTF-8 nor Windows-1252: ` +
        'the file is in another encoding; save it as UTF-8',
    );
  }

  private fail(message: string): Result<never> {
    this.failed = message;
    return fail(message);
  }
}

/** What the first bytes prove the file cannot be read as text, or null. */
function refuseByHead(head: Uint8Array): string | null {
  if (head.length === 0) return 'the file is empty';
  const [b0, b1, b2, b3] = head;
  if ((b0 === 0xff && b1 === 0xfe && b2 === 0 && b3 === 0) || (b0 === 0 && b1 === 0 && b2 === 0xfe && b3 === 0xff)) {
    return 'the file is UTF-32, which is not supported: save it as UTF-8 (or UTF-16 with a byte-order mark)';
  }
  if (b0 === 0x50 && b1 === 0x4b && b2 === 3 && b3 === 4) {
    return 'the file is a ZIP archive (an .xlsx workbook?), not CSV or JSON: export the sheet as CSV';
  }
  if (b0 === 0xd0 && b1 === 0xcf && b2 === 0x11 && b3 === 0xe0) {
    return 'the file is an old Excel workbook (.xls), not CSV or JSON: export the sheet as CSV';
  }
  if (b0 === 0x25 && b1 === 0x50 && b2 === 0x44 && b3 === 0x46) return 'the file is a PDF, not CSV or JSON';
  if ((b0 === 0xff && b1 === 0xfe) || (b0 === 0xfe && b1 === 0xff)) return null; // UTF-16 with BOM: NULs expected
  return refuseByNuls(head);
}

/** NUL bytes in the head: every other byte means UTF-16 without a BOM; otherwise binary. */
function refuseByNuls(head: Uint8Array): string | null {
  let even = 0;
  let odd = 0;
  for (let i = 0; i < head.length; i++) {
    if (head[i] === 0) {
      if (i % 2 === 0) even++;
      else odd++;
    }
  }
  if (even + odd === 0) return null;
  const pairs = Math.floor(head.length / 2);
  const lopsided = Math.max(odd, even) >= pairs * 0.6 && Math.min(odd, even) <= pairs * 0.1;
  if (pairs > 0 && lopsided) {
    const order = odd > even ? 'little-endian' : 'big-endian';
    return (
      `the file looks like UTF-16 (${order}) without a byte-order mark, which cannot be read safely: ` +
      'save it as UTF-8, or as UTF-16 with a byte-order mark ("Unicode text")'
    );
  }
  return 'the file holds binary data (NUL bytes): it is not a CSV or JSON export';
}

/** How many leading bytes hold only complete UTF-8 sequences (a sequence cut at the end waits for the next chunk). */
export function completeUtf8Length(bytes: Uint8Array): number {
  const n = bytes.length;
  // Walk back over at most 3 continuation bytes to the last lead byte.
  for (let back = 1; back <= 4 && back <= n; back++) {
    const b = bytes[n - back] ?? 0;
    if ((b & 0xc0) === 0x80) continue; // continuation byte
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return need > back ? n - back : n;
  }
  return n; // not UTF-8 anyway: the decoder will say so
}

/**
 * Whether valid multi-byte UTF-8 comes before the first invalid sequence: then the file mixes encodings.
 * Runs once, when UTF-8 decoding first fails, so the decision does not depend on where chunks were cut.
 */
function nonAsciiBeforeInvalid(bytes: Uint8Array): boolean {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] ?? 0;
    if (b < 0x80) {
      i++;
      continue;
    }
    const need = b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (need === 0 || i + need > bytes.length) return false;
    for (let k = 1; k < need; k++) if (((bytes[i + k] ?? 0) & 0xc0) !== 0x80) return false;
    return true; // a valid-looking sequence before any invalid byte (overlong forms are rare enough)
  }
  return false;
}

function concatBytes(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return b;
  if (b.length === 0) return a;
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}
