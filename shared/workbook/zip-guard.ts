import { fail, ok, type Result } from '../result';

/**
 * Looks at a file's bytes before the workbook reader (node/io/xlsx-import.ts) inflates anything: is it
 * a zip at all, an encrypted Office file (password-protected workbooks are OLE compound files, not zips),
 * and would inflating it blow up (a zip bomb)? Reads the zip central directory, and tells the reader where
 * each entry's compressed data starts; pure, works on the file's bytes.
 */

export interface ZipEntryInfo {
  readonly name: string;
  readonly compressedSize: number;
  readonly uncompressedSize: number;
  /** 0 = stored, 8 = deflate. */
  readonly method: number;
  readonly localHeaderOffset: number;
  /** The CRC-32 of the uncompressed bytes, as the directory states it. */
  readonly crc32: number;
}

/** Where an entry's compressed bytes start: after its local header (name and extra field). */
export function entryDataOffset(bytes: Uint8Array, entry: ZipEntryInfo): number | null {
  const at = entry.localHeaderOffset;
  if (at + 30 > bytes.length || u32(bytes, at) !== ZIP_LOCAL) return null;
  return at + 30 + u16(bytes, at + 26) + u16(bytes, at + 28);
}

export interface ZipLimits {
  /** Total uncompressed bytes allowed. */
  readonly maxTotalUncompressed: number;
  /** Largest compression ratio allowed for entries bigger than `ratioCheckAbove`. */
  readonly maxRatio: number;
  readonly ratioCheckAbove: number;
  readonly maxEntries: number;
}

/** A 1M-row export stays far below these; a zip bomb does not. */
const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxTotalUncompressed: 2 * 1024 ** 3,
  maxRatio: 200,
  ratioCheckAbove: 16 * 1024 ** 2,
  maxEntries: 10_000,
};

const OLE_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const ZIP_LOCAL = 0x04034b50;
const EOCD = 0x06054b50;
const ZIP64_EOCD_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;

function u16(b: Uint8Array, at: number): number {
  return (b[at] ?? 0) | ((b[at + 1] ?? 0) << 8);
}
function u32(b: Uint8Array, at: number): number {
  return (u16(b, at) | (u16(b, at + 2) << 16)) >>> 0;
}
function u64(b: Uint8Array, at: number): number {
  return u32(b, at) + u32(b, at + 4) * 2 ** 32;
}

export type FileKind = 'zip' | 'encrypted-office' | 'other';

export function sniffFileKind(head: Uint8Array): FileKind {
  if (OLE_SIGNATURE.every((v, i) => head[i] === v)) return 'encrypted-office';
  if (head.length >= 4 && u32(head, 0) === ZIP_LOCAL) return 'zip';
  return 'other';
}

/** The central directory of a zip, from the whole file's bytes. */
export function readZipDirectory(bytes: Uint8Array): Result<ZipEntryInfo[]> {
  const minEocd = 22;
  if (bytes.length < minEocd) return fail('the file is too short to be a zip archive');
  let eocd = -1;
  for (let i = bytes.length - minEocd; i >= Math.max(0, bytes.length - minEocd - 65_535); i--) {
    if (u32(bytes, i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return fail('the zip directory is missing (the file is damaged or cut short)');
  let count = u16(bytes, eocd + 10);
  let dirSize = u32(bytes, eocd + 12);
  let dirOffset = u32(bytes, eocd + 16);
  const locator = eocd - 20;
  if (locator >= 0 && u32(bytes, locator) === ZIP64_EOCD_LOCATOR) {
    const z64 = u64(bytes, locator + 8);
    if (z64 + 56 <= bytes.length && u32(bytes, z64) === ZIP64_EOCD) {
      count = u64(bytes, z64 + 32);
      dirSize = u64(bytes, z64 + 40);
      dirOffset = u64(bytes, z64 + 48);
    }
  }
  if (dirOffset + dirSize > bytes.length)
    return fail('the zip directory points outside the file (the file is damaged or cut short)');
  const entries: ZipEntryInfo[] = [];
  let at = dirOffset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > bytes.length || u32(bytes, at) !== CENTRAL) return fail('the zip directory is damaged');
    const method = u16(bytes, at + 10);
    const crc32 = u32(bytes, at + 16);
    let compressedSize = u32(bytes, at + 20);
    let uncompressedSize = u32(bytes, at + 24);
    const nameLength = u16(bytes, at + 28);
    const extraLength = u16(bytes, at + 30);
    const commentLength = u16(bytes, at + 32);
    let localHeaderOffset = u32(bytes, at + 42);
    const name = new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength));
    // Zip64: sizes that do not fit 32 bits live in extra field 0x0001.
    let extra = at + 46 + nameLength;
    const extraEnd = extra + extraLength;
    while (extra + 4 <= extraEnd) {
      const id = u16(bytes, extra);
      const size = u16(bytes, extra + 2);
      if (id === 0x0001) {
        let p = extra + 4;
        if (uncompressedSize === 0xffffffff) {
          uncompressedSize = u64(bytes, p);
          p += 8;
        }
        if (compressedSize === 0xffffffff) {
          compressedSize = u64(bytes, p);
          p += 8;
        }
        if (localHeaderOffset === 0xffffffff) localHeaderOffset = u64(bytes, p);
      }
      extra += 4 + size;
    }
    entries.push({ name, compressedSize, uncompressedSize, method, localHeaderOffset, crc32 });
    at = extraEnd + commentLength;
  }
  return ok(entries);
}

/**
 * Refuses archives that would inflate beyond the limits, naming the entry and the sizes. Every entry's
 * ratio is checked; the total counts only the entries `inflated` says a reader will inflate (all, unless
 * given): a workbook's sheets that are never read (an export's Actuals, gigabytes for a large ledger) cost
 * nothing to leave compressed.
 */
export function checkZipLimits(
  entries: readonly ZipEntryInfo[],
  limits: ZipLimits = DEFAULT_ZIP_LIMITS,
  inflated: (entry: ZipEntryInfo) => boolean = () => true,
): Result<true> {
  if (entries.length > limits.maxEntries)
    return fail(
      `the archive holds ${entries.length} files; a workbook holds far fewer (at most ${limits.maxEntries} accepted)`,
    );
  let total = 0;
  let all = true;
  for (const e of entries) {
    if (inflated(e)) total += e.uncompressedSize;
    else all = false;
    if (e.uncompressedSize > limits.ratioCheckAbove && e.uncompressedSize > e.compressedSize * limits.maxRatio) {
      const ratio = Math.round(e.uncompressedSize / Math.max(1, e.compressedSize));
      return fail(
        `${e.name} would inflate ${ratio}-fold (${e.compressedSize.toLocaleString('en-US')} bytes to ${e.uncompressedSize.toLocaleString('en-US')}): this looks like a zip bomb, not a workbook`,
      );
    }
  }
  if (total > limits.maxTotalUncompressed) {
    const what = all ? 'the archive' : 'the parts of it that are read';
    return fail(
      `${what} would inflate to ${total.toLocaleString('en-US')} bytes, more than the ${limits.maxTotalUncompressed.toLocaleString('en-US')} accepted: this looks like a zip bomb, not a workbook`,
    );
  }
  return ok(true);
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/**
 * The zip's CRC-32, fed as the bytes inflate: a damaged entry can inflate without an error into
 * garbage, and the checksum is what tells it ("damaged" rather than "the columns are missing").
 */
export class Crc32 {
  private crc = 0xffffffff;

  update(bytes: Uint8Array): void {
    let c = this.crc;
    for (let i = 0; i < bytes.length; i++) c = (CRC_TABLE[(c ^ (bytes[i] ?? 0)) & 0xff] ?? 0) ^ (c >>> 8);
    this.crc = c;
  }

  value(): number {
    return (this.crc ^ 0xffffffff) >>> 0;
  }
}
