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

/** Little-endian 32-bit word `w` of the id's UTF-16LE bytes (two code units); a missing unit reads 0. */
function word(s: string, w: number): number {
  return s.charCodeAt(2 * w) | 0 | ((s.charCodeAt(2 * w + 1) | 0) << 16);
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
  if (rest > 0) {
    const w = blocks * 4; // first tail word; word() reads 0 past the end (NaN | 0)
    if (rest > 12) h4 ^= Math.imul(rotl(Math.imul(word(id, w + 3), C4), 18), C1);
    if (rest > 8) h3 ^= Math.imul(rotl(Math.imul(word(id, w + 2), C3), 17), C4);
    if (rest > 4) h2 ^= Math.imul(rotl(Math.imul(word(id, w + 1), C2), 16), C3);
    h1 ^= Math.imul(rotl(Math.imul(word(id, w), C1), 15), C2);
  }
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

/** Words per slot of an IdHashMap: the hash, then the value plus one (0: the slot is empty). */
const SLOT_WORDS = 4;

/**
 * An open-addressing map from 96-bit hashes to small non-negative integers (a batch index, a flag), on one
 * typed array: a slot is 16 bytes (hash and value side by side, so a probe touches one cache line), and a
 * million ids cost no per-id objects.
 */
export class IdHashMap {
  private slots: Uint32Array;
  private mask: number;
  size = 0;

  constructor(expected = 1024) {
    let capacity = 1024;
    while (capacity < expected * 2) capacity *= 2;
    this.slots = new Uint32Array(capacity * SLOT_WORDS);
    this.mask = capacity - 1;
  }

  /** The value kept for the hash at `src[at..at+2]`, or -1. */
  get(src: Uint32Array, at: number): number {
    const v = this.slots[this.probe(src, at) + 3] ?? 0;
    return v - 1;
  }

  /** Keeps `value` (>= 0) for the hash unless it is already there; returns the value now kept. */
  setIfAbsent(src: Uint32Array, at: number, value: number): number {
    if ((this.size + 1) * 2 > this.mask + 1) this.grow();
    const w = this.probe(src, at);
    const v = this.slots[w + 3] ?? 0;
    if (v !== 0) return v - 1;
    const slots = this.slots;
    slots[w] = src[at] ?? 0;
    slots[w + 1] = src[at + 1] ?? 0;
    slots[w + 2] = src[at + 2] ?? 0;
    slots[w + 3] = value + 1;
    this.size += 1;
    return value;
  }

  /** Replaces the value kept for a hash that is there; false when it is not. */
  replace(src: Uint32Array, at: number, value: number): boolean {
    const w = this.probe(src, at);
    if ((this.slots[w + 3] ?? 0) === 0) return false;
    this.slots[w + 3] = value + 1;
    return true;
  }

  /** The first word of the hash's slot, or of the empty slot where it would go (linear probing). */
  private probe(src: Uint32Array, at: number): number {
    const a = src[at] ?? 0;
    const b = src[at + 1] ?? 0;
    const c = src[at + 2] ?? 0;
    const slots = this.slots;
    let slot = a & this.mask;
    for (;;) {
      const w = slot * SLOT_WORDS;
      if ((slots[w + 3] ?? 0) === 0 || (slots[w] === a && slots[w + 1] === b && slots[w + 2] === c)) return w;
      slot = (slot + 1) & this.mask;
    }
  }

  private grow(): void {
    const old = this.slots;
    // Small maps quadruple (fewer rehashes); large ones double, so a log of millions of ids does not
    // hold a table four times the size it needs (the memory target is for any file size).
    const capacity = (this.mask + 1) * (this.mask + 1 >= 1 << 18 ? 2 : 4);
    this.slots = new Uint32Array(capacity * SLOT_WORDS);
    this.mask = capacity - 1;
    this.size = 0;
    for (let w = 0; w < old.length; w += SLOT_WORDS) {
      const v = old[w + 3] ?? 0;
      if (v !== 0) this.setIfAbsent(old, w, v - 1);
    }
  }
}

/**
 * A set of 96-bit hashes, for "was this request seen before in this file": 12 bytes a slot in one typed
 * array plus one occupancy byte, filled to at most 3/4 (about 17–35 bytes per id). The per-request
 * importer's memory grows only with its distinct request ids — this set, then their sorted list — and this
 * keeps that growth as small as an exact set allows.
 */
export class IdSet {
  private hashes: Uint32Array;
  private used: Uint8Array;
  private mask: number;
  size = 0;

  constructor() {
    this.hashes = new Uint32Array(1024 * ID_WORDS);
    this.used = new Uint8Array(1024);
    this.mask = 1023;
  }

  /** Adds the hash at `src[at..at+2]`; false when it was already there. */
  add(src: Uint32Array, at: number): boolean {
    if ((this.size + 1) * 4 > (this.mask + 1) * 3) this.grow();
    const slot = this.probe(src, at);
    if (this.used[slot] === 1) return false;
    this.put(slot, src, at);
    return true;
  }

  /** Every hash in the set, flat (ID_WORDS words each), in no particular order: a fresh array. */
  toFlat(): Uint32Array {
    const out = new Uint32Array(this.size * ID_WORDS);
    let to = 0;
    for (let slot = 0; slot <= this.mask; slot++) {
      if (this.used[slot] !== 1) continue;
      out.set(this.hashes.subarray(slot * ID_WORDS, slot * ID_WORDS + ID_WORDS), to);
      to += ID_WORDS;
    }
    return out;
  }

  /** Every hash, as toFlat, and the set emptied: its memory is free before the caller sorts the list. */
  takeAll(): Uint32Array {
    const all = this.toFlat();
    this.hashes = new Uint32Array(1024 * ID_WORDS);
    this.used = new Uint8Array(1024);
    this.mask = 1023;
    this.size = 0;
    return all;
  }

  private put(slot: number, src: Uint32Array, at: number): void {
    const w = slot * ID_WORDS;
    this.hashes[w] = src[at] ?? 0;
    this.hashes[w + 1] = src[at + 1] ?? 0;
    this.hashes[w + 2] = src[at + 2] ?? 0;
    this.used[slot] = 1;
    this.size += 1;
  }

  /** The hash's slot, or the empty slot where it would go (linear probing). */
  private probe(src: Uint32Array, at: number): number {
    const a = src[at] ?? 0;
    const b = src[at + 1] ?? 0;
    const c = src[at + 2] ?? 0;
    const hashes = this.hashes;
    let slot = a & this.mask;
    for (;;) {
      if (this.used[slot] !== 1) return slot;
      const w = slot * ID_WORDS;
      if (hashes[w] === a && hashes[w + 1] === b && hashes[w + 2] === c) return slot;
      slot = (slot + 1) & this.mask;
    }
  }

  private grow(): void {
    const oldHashes = this.hashes;
    const oldUsed = this.used;
    const capacity = (this.mask + 1) * 2;
    this.hashes = new Uint32Array(capacity * ID_WORDS);
    this.used = new Uint8Array(capacity);
    this.mask = capacity - 1;
    this.size = 0;
    for (let slot = 0; slot < oldUsed.length; slot++) {
      if (oldUsed[slot] === 1) this.put(this.probe(oldHashes, slot * ID_WORDS), oldHashes, slot * ID_WORDS);
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
 * Sorts `count` hashes (flat, ID_WORDS words each) by (h1, h2, h3), unsigned: an LSD radix sort of h1 in
 * two 16-bit passes (linear; a comparison sort of a million keys costs several times more), then the rare
 * runs of equal h1 (about n² / 2^33 pairs) sorted by h2 and h3. `order[i]` is the position the i-th
 * sorted hash had in `ids` (to sort what goes with each hash); without `withOrder` it is empty. With
 * `owned`, `ids` is the caller's scratch array and is sorted in place of a copy (a million ids: 12 MB less).
 */
export function sortIds(
  ids: Uint32Array,
  count: number,
  { owned = false, withOrder = true }: { owned?: boolean; withOrder?: boolean } = {},
): { sorted: Uint32Array; order: Uint32Array } {
  let src: Uint32Array = owned ? ids.subarray(0, count * ID_WORDS) : ids.slice(0, count * ID_WORDS);
  let dst: Uint32Array = new Uint32Array(count * ID_WORDS);
  const orderLength = withOrder ? count : 0;
  let srcOrder = new Uint32Array(orderLength);
  for (let i = 0; i < orderLength; i++) srcOrder[i] = i;
  let dstOrder = new Uint32Array(orderLength);
  const counts = new Uint32Array(65537);
  for (let shift = 0; shift <= 16; shift += 16) {
    counts.fill(0);
    for (let i = 0; i < count; i++) {
      const digit = ((src[i * ID_WORDS] ?? 0) >>> shift) & 0xffff;
      counts[digit + 1] = (counts[digit + 1] ?? 0) + 1;
    }
    for (let d = 1; d <= 65536; d++) counts[d] = (counts[d] ?? 0) + (counts[d - 1] ?? 0);
    for (let i = 0; i < count; i++) {
      const at = i * ID_WORDS;
      const digit = ((src[at] ?? 0) >>> shift) & 0xffff;
      const slot = counts[digit] ?? 0;
      counts[digit] = slot + 1;
      const to = slot * ID_WORDS;
      dst[to] = src[at] ?? 0;
      dst[to + 1] = src[at + 1] ?? 0;
      dst[to + 2] = src[at + 2] ?? 0;
      if (withOrder) dstOrder[slot] = srcOrder[i] ?? 0;
    }
    [src, dst] = [dst, src];
    [srcOrder, dstOrder] = [dstOrder, srcOrder];
  }
  for (let i = 1; i < count; i++) if (src[i * ID_WORDS] === src[(i - 1) * ID_WORDS]) sortTie(src, srcOrder, i);
  return { sorted: src, order: srcOrder };
}

/** Insertion step for hash `i`, whose h1 equals its predecessor's: moves it back past larger (h2, h3). */
function sortTie(ids: Uint32Array, order: Uint32Array, i: number): void {
  const a = ids[i * ID_WORDS] ?? 0;
  const b = ids[i * ID_WORDS + 1] ?? 0;
  const c = ids[i * ID_WORDS + 2] ?? 0;
  const o = order[i] ?? 0;
  let j = i;
  for (; j > 0; j--) {
    const p = (j - 1) * ID_WORDS;
    const pb = ids[p + 1] ?? 0;
    const pc = ids[p + 2] ?? 0;
    if (ids[p] !== a || pb < b || (pb === b && pc <= c)) break;
    ids.copyWithin(j * ID_WORDS, p, p + ID_WORDS);
    if (order.length > 0) order[j] = order[j - 1] ?? 0;
  }
  ids[j * ID_WORDS] = a;
  ids[j * ID_WORDS + 1] = b;
  ids[j * ID_WORDS + 2] = c;
  if (order.length > 0) order[j] = o;
}

/** A growing list of hashes (ID_WORDS words each) in one typed array. */
export class IdList {
  private words = new Uint32Array(1024 * ID_WORDS);
  length = 0;

  push(src: Uint32Array, at: number): void {
    const to = this.length * ID_WORDS;
    if (to + ID_WORDS > this.words.length) {
      const grown = new Uint32Array(this.words.length * 2);
      grown.set(this.words);
      this.words = grown;
    }
    this.words[to] = src[at] ?? 0;
    this.words[to + 1] = src[at + 1] ?? 0;
    this.words[to + 2] = src[at + 2] ?? 0;
    this.length += 1;
  }

  /** The hashes pushed, as a view (no copy). */
  view(): Uint32Array {
    return this.words.subarray(0, this.length * ID_WORDS);
  }
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

const ALPHABET_CODES = Uint8Array.from(ALPHABET, (c) => c.charCodeAt(0));

/** Writes the 16 base64 character codes of the hash at `ids[at..]` into `out` from `to`. */
function writeBase64(ids: Uint32Array, at: number, out: Uint8Array, to: number): void {
  // 96 bits = 16 groups of 6 bits, read across the three words.
  const a = ids[at] ?? 0;
  const b = ids[at + 1] ?? 0;
  const c = ids[at + 2] ?? 0;
  out[to + 0] = ALPHABET_CODES[(a >>> 26) & 63] ?? 0;
  out[to + 1] = ALPHABET_CODES[(a >>> 20) & 63] ?? 0;
  out[to + 2] = ALPHABET_CODES[(a >>> 14) & 63] ?? 0;
  out[to + 3] = ALPHABET_CODES[(a >>> 8) & 63] ?? 0;
  out[to + 4] = ALPHABET_CODES[(a >>> 2) & 63] ?? 0;
  out[to + 5] = ALPHABET_CODES[((a << 4) | (b >>> 28)) & 63] ?? 0;
  out[to + 6] = ALPHABET_CODES[(b >>> 22) & 63] ?? 0;
  out[to + 7] = ALPHABET_CODES[(b >>> 16) & 63] ?? 0;
  out[to + 8] = ALPHABET_CODES[(b >>> 10) & 63] ?? 0;
  out[to + 9] = ALPHABET_CODES[(b >>> 4) & 63] ?? 0;
  out[to + 10] = ALPHABET_CODES[((b << 2) | (c >>> 30)) & 63] ?? 0;
  out[to + 11] = ALPHABET_CODES[(c >>> 24) & 63] ?? 0;
  out[to + 12] = ALPHABET_CODES[(c >>> 18) & 63] ?? 0;
  out[to + 13] = ALPHABET_CODES[(c >>> 12) & 63] ?? 0;
  out[to + 14] = ALPHABET_CODES[(c >>> 6) & 63] ?? 0;
  out[to + 15] = ALPHABET_CODES[c & 63] ?? 0;
}

/** Character codes to a string, a slice at a time (one call per character would be ten times slower). */
function fromCodes(codes: Uint8Array): string {
  const parts: string[] = [];
  for (let i = 0; i < codes.length; i += 8192)
    parts.push(String.fromCharCode.apply(null, codes.subarray(i, i + 8192) as unknown as number[]));
  return parts.join('');
}

/** Hashes as base64 of their big-endian bytes: every 3 words (12 bytes) give exactly 16 characters. */
export function idsToBase64(ids: Uint32Array): string {
  const count = Math.floor(ids.length / ID_WORDS);
  const codes = new Uint8Array(count * ID_BASE64_LENGTH);
  for (let i = 0; i < count; i++) writeBase64(ids, i * ID_WORDS, codes, i * ID_BASE64_LENGTH);
  return fromCodes(codes);
}

/** One hash as its 16 base64 characters. */
export function idToBase64(ids: Uint32Array, at: number): string {
  const codes = new Uint8Array(ID_BASE64_LENGTH);
  writeBase64(ids, at, codes, 0);
  return String.fromCharCode(...codes);
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
