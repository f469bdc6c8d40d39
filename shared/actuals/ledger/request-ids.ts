/**
 * Request ids, kept as 96-bit hashes.
 *
 * A per-request batch remembers which requests it contained without storing every id: each id becomes
 * the first 96 bits (h1, h2, h3) of MurmurHash3 x86_128 (seed 0) over the id's UTF-16LE bytes. Two
 * different ids share a hash with probability 2^-96; among n distinct ids the chance that any two do is
 * below n² / 2^97 — about 6e-16 for ten million requests and 6e-12 for a billion. A collision would make
 * one request count as a duplicate of another (never a crash, never money from nowhere).
 *
 * A batch stores its ids sorted (unsigned, h1 then h2 then h3), each as 12 big-endian bytes, as one
 * base64 string: 16 characters per request.
 */

/** Words per hash in the flat Uint32Arrays below. */
export const ID_WORDS = 3;
/** Base64 characters per hash (12 bytes, no padding). */
export const ID_BASE64_LENGTH = 16;

function rotl(x: number, r: number): number {
  return (x << r) | (x >>> (32 - r));
}

function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

const C1 = 0x239b961b;
const C2 = 0xab0e9789;
const C3 = 0x38b34ae5;
const C4 = 0xa1e38b93;

/** Little-endian 32-bit word `w` of the id's UTF-16LE bytes (two code units), 0 past the end. */
function word(s: string, w: number): number {
  return s.charCodeAt(2 * w) | (s.charCodeAt(2 * w + 1) << 16) | 0;
}

/**
 * Hashes `id` into `out[at]`, `out[at + 1]`, `out[at + 2]` (h1, h2, h3 as unsigned 32-bit words).
 * Standard MurmurHash3 x86_128, so any other implementation fed the same UTF-16LE bytes agrees.
 */
export function hashRequestId(id: string, out: Uint32Array, at: number): void {
  const bytes = id.length * 2;
  const blocks = bytes >>> 4; // 16-byte blocks = 8 code units
  let h1 = 0;
  let h2 = 0;
  let h3 = 0;
  let h4 = 0;
  for (let b = 0; b < blocks; b++) {
    let k1 = word(id, 4 * b);
    let k2 = word(id, 4 * b + 1);
    let k3 = word(id, 4 * b + 2);
    let k4 = word(id, 4 * b + 3);
    k1 = Math.imul(rotl(Math.imul(k1, C1), 15), C2);
    h1 ^= k1;
    h1 = (Math.imul(rotl(h1, 19) + h2, 5) + 0x561ccd1b) | 0;
    k2 = Math.imul(rotl(Math.imul(k2, C2), 16), C3);
    h2 ^= k2;
    h2 = (Math.imul(rotl(h2, 17) + h3, 5) + 0x0bcaa747) | 0;
    k3 = Math.imul(rotl(Math.imul(k3, C3), 17), C4);
    h3 ^= k3;
    h3 = (Math.imul(rotl(h3, 15) + h4, 5) + 0x96cd1c35) | 0;
    k4 = Math.imul(rotl(Math.imul(k4, C4), 18), C1);
    h4 ^= k4;
    h4 = (Math.imul(rotl(h4, 13) + h1, 5) + 0x32ac3b17) | 0;
  }
  // The tail: fewer than 16 bytes, always a whole number of code units (an even byte count), read as the
  // reference reads its tail bytes: k1 from bytes 0-3, k2 from 4-7, k3 from 8-11, k4 from 12-15.
  const rest = bytes & 15;
  const base = blocks * 8; // first code unit of the tail
  const unit = (i: number): number => (base + i < id.length ? id.charCodeAt(base + i) : 0);
  if (rest > 12) h4 ^= Math.imul(rotl(Math.imul(unit(6) | (unit(7) << 16), C4), 18), C1);
  if (rest > 8) h3 ^= Math.imul(rotl(Math.imul(unit(4) | (unit(5) << 16), C3), 17), C4);
  if (rest > 4) h2 ^= Math.imul(rotl(Math.imul(unit(2) | (unit(3) << 16), C2), 16), C3);
  if (rest > 0) h1 ^= Math.imul(rotl(Math.imul(unit(0) | (unit(1) << 16), C1), 15), C2);
  h1 ^= bytes;
  h2 ^= bytes;
  h3 ^= bytes;
  h4 ^= bytes;
  h1 = (h1 + h2 + h3 + h4) | 0;
  h2 = (h2 + h1) | 0;
  h3 = (h3 + h1) | 0;
  h4 = (h4 + h1) | 0;
  h1 = fmix(h1);
  h2 = fmix(h2);
  h3 = fmix(h3);
  h4 = fmix(h4);
  h1 = (h1 + h2 + h3 + h4) | 0;
  h2 = (h2 + h1) | 0;
  h3 = (h3 + h1) | 0;
  out[at] = h1 >>> 0;
  out[at + 1] = h2 >>> 0;
  out[at + 2] = h3 >>> 0;
}

/**
 * An open-addressing map from 96-bit hashes to small non-negative integers (a batch index, a flag), on
 * typed arrays: a million ids cost 24 MB and no per-id objects.
 */
export class IdHashMap {
  private words: Uint32Array;
  private values: Int32Array;
  private mask: number;
  size = 0;

  constructor(expected = 1024) {
    let capacity = 1024;
    while (capacity < expected * 2) capacity *= 2;
    this.words = new Uint32Array(capacity * ID_WORDS);
    this.values = new Int32Array(capacity).fill(-1);
    this.mask = capacity - 1;
  }

  /** The value kept for the hash at `src[at..at+2]`, or -1. */
  get(src: Uint32Array, at: number): number {
    const a = src[at] ?? 0;
    const b = src[at + 1] ?? 0;
    const c = src[at + 2] ?? 0;
    let slot = a & this.mask;
    for (;;) {
      const v = this.values[slot] ?? -1;
      if (v < 0) return -1;
      const w = slot * ID_WORDS;
      if (this.words[w] === a && this.words[w + 1] === b && this.words[w + 2] === c) return v;
      slot = (slot + 1) & this.mask;
    }
  }

  /** Keeps `value` (>= 0) for the hash unless it is already there; returns the value now kept. */
  setIfAbsent(src: Uint32Array, at: number, value: number): number {
    if ((this.size + 1) * 2 > this.values.length) this.grow();
    const a = src[at] ?? 0;
    const b = src[at + 1] ?? 0;
    const c = src[at + 2] ?? 0;
    let slot = a & this.mask;
    for (;;) {
      const v = this.values[slot] ?? -1;
      const w = slot * ID_WORDS;
      if (v < 0) {
        this.words[w] = a;
        this.words[w + 1] = b;
        this.words[w + 2] = c;
        this.values[slot] = value;
        this.size += 1;
        return value;
      }
      if (this.words[w] === a && this.words[w + 1] === b && this.words[w + 2] === c) return v;
      slot = (slot + 1) & this.mask;
    }
  }

  /** Replaces the value kept for a hash that is there; false when it is not. */
  replace(src: Uint32Array, at: number, value: number): boolean {
    const a = src[at] ?? 0;
    const b = src[at + 1] ?? 0;
    const c = src[at + 2] ?? 0;
    let slot = a & this.mask;
    for (;;) {
      const v = this.values[slot] ?? -1;
      if (v < 0) return false;
      const w = slot * ID_WORDS;
      if (this.words[w] === a && this.words[w + 1] === b && this.words[w + 2] === c) {
        this.values[slot] = value;
        return true;
      }
      slot = (slot + 1) & this.mask;
    }
  }

  private grow(): void {
    const oldWords = this.words;
    const oldValues = this.values;
    const capacity = oldValues.length * 2;
    this.words = new Uint32Array(capacity * ID_WORDS);
    this.values = new Int32Array(capacity).fill(-1);
    this.mask = capacity - 1;
    this.size = 0;
    for (let slot = 0; slot < oldValues.length; slot++) {
      const v = oldValues[slot] ?? -1;
      if (v >= 0) this.setIfAbsent(oldWords, slot * ID_WORDS, v);
    }
  }
}

/** -1, 0 or 1: the order of the hashes at `a[i]` and `b[j]` (unsigned, word by word). */
export function compareIds(a: Uint32Array, i: number, b: Uint32Array, j: number): number {
  for (let k = 0; k < ID_WORDS; k++) {
    const x = a[i + k] ?? 0;
    const y = b[j + k] ?? 0;
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

/**
 * Sorts `count` hashes (flat, ID_WORDS words each) by (h1, h2, h3), unsigned: an LSD radix sort on 16-bit
 * digits, linear in the count (a comparison sort of a million 96-bit keys costs ten times more).
 * `order[i]` is the position the i-th sorted hash had in `ids` (to sort what goes with each hash).
 */
export function sortIds(ids: Uint32Array, count: number): { sorted: Uint32Array; order: Uint32Array } {
  let src = ids.slice(0, count * ID_WORDS);
  let dst = new Uint32Array(count * ID_WORDS);
  let srcOrder = new Uint32Array(count);
  for (let i = 0; i < count; i++) srcOrder[i] = i;
  let dstOrder = new Uint32Array(count);
  const counts = new Uint32Array(65537);
  for (let pass = 0; pass < 6; pass++) {
    const wordIndex = 2 - (pass >> 1); // h3 low, h3 high, h2 low, ... h1 high
    const shift = (pass & 1) * 16;
    counts.fill(0);
    for (let i = 0; i < count; i++) {
      const digit = ((src[i * ID_WORDS + wordIndex] ?? 0) >>> shift) & 0xffff;
      counts[digit + 1] = (counts[digit + 1] ?? 0) + 1;
    }
    for (let d = 1; d <= 65536; d++) counts[d] = (counts[d] ?? 0) + (counts[d - 1] ?? 0);
    for (let i = 0; i < count; i++) {
      const at = i * ID_WORDS;
      const digit = ((src[at + wordIndex] ?? 0) >>> shift) & 0xffff;
      const slot = counts[digit] ?? 0;
      counts[digit] = slot + 1;
      const to = slot * ID_WORDS;
      dst[to] = src[at] ?? 0;
      dst[to + 1] = src[at + 1] ?? 0;
      dst[to + 2] = src[at + 2] ?? 0;
      dstOrder[slot] = srcOrder[i] ?? 0;
    }
    [src, dst] = [dst, src];
    [srcOrder, dstOrder] = [dstOrder, srcOrder];
  }
  return { sorted: src, order: srcOrder };
}

/** Index of the hash at `key[at..]` in sorted `ids` (binary search), or -1. */
export function findId(ids: Uint32Array, key: Uint32Array, at: number): number {
  let lo = 0;
  let hi = ids.length / ID_WORDS - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const c = compareIds(ids, mid * ID_WORDS, key, at);
    if (c === 0) return mid;
    if (c < 0) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DECODE = new Int16Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) DECODE[ALPHABET.charCodeAt(i)] = i;

/** Hashes as base64 of their big-endian bytes: every 3 words (12 bytes) give exactly 16 characters. */
export function idsToBase64(ids: Uint32Array): string {
  const parts: string[] = [];
  let chunk = '';
  for (let i = 0; i < ids.length; i += ID_WORDS) {
    chunk += idToBase64(ids, i);
    if (chunk.length >= 16_384) {
      parts.push(chunk);
      chunk = '';
    }
  }
  parts.push(chunk);
  return parts.join('');
}

/** One hash as its 16 base64 characters. */
export function idToBase64(ids: Uint32Array, at: number): string {
  let out = '';
  // 96 bits = 16 groups of 6 bits, read across the three words.
  for (let g = 0; g < 16; g++) {
    const bit = g * 6;
    const w = bit >>> 5;
    const off = bit & 31;
    const hi = ids[at + w] ?? 0;
    let v: number;
    if (off <= 26) v = (hi >>> (26 - off)) & 63;
    else v = ((hi << (off - 26)) | ((ids[at + w + 1] ?? 0) >>> (58 - off))) & 63;
    out += ALPHABET[v];
  }
  return out;
}

/** Reads base64 written by idsToBase64 into hashes, or null when the text is not such base64. */
export function idsFromBase64(text: string): Uint32Array | null {
  if (text.length % ID_BASE64_LENGTH !== 0) return null;
  const out = new Uint32Array((text.length / ID_BASE64_LENGTH) * ID_WORDS);
  for (let i = 0, at = 0; i < text.length; i += ID_BASE64_LENGTH, at += ID_WORDS) {
    if (!idFromBase64(text, i, out, at)) return null;
  }
  return out;
}

/** Reads the 16 characters at `text[from..]` into `out[at..at+2]`; false when one is not base64. */
export function idFromBase64(text: string, from: number, out: Uint32Array, at: number): boolean {
  let w0 = 0;
  let w1 = 0;
  let w2 = 0;
  for (let g = 0; g < 16; g++) {
    const code = text.charCodeAt(from + g);
    const v = code < 128 ? (DECODE[code] ?? -1) : -1;
    if (v < 0) return false;
    // Shift the 96-bit value (w0 w1 w2) left by 6 and add v.
    w0 = ((w0 << 6) | (w1 >>> 26)) >>> 0;
    w1 = ((w1 << 6) | (w2 >>> 26)) >>> 0;
    w2 = ((w2 << 6) | v) >>> 0;
  }
  out[at] = w0;
  out[at + 1] = w1;
  out[at + 2] = w2;
  return true;
}
