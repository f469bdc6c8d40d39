import type { RecordDimensions } from '../actual-record';

/**
 * One dimensions object per distinct tuple of a mapper's values, so the rows of a million-row file share a
 * few thousand objects instead of building one each: less to allocate, and the ledger's interner then finds
 * a tuple by the object's identity instead of hashing its fields. The parts are pooled strings and shared
 * objects (a tags list, a call kind), compared by identity; strings are hashed on their length and last
 * characters only (values repeat, and a collision costs a probe, never a wrong tuple).
 *
 * Use: fill `key`, then `find()`; on null, build the dimensions and `keep` them.
 */

/** Tuples kept at most: past this, rows get fresh objects (correct, only slower). */
const MAX_TUPLES = 65_536;
const FNV_PRIME = 0x01000193;

export type DimensionsPart = string | object;

export class DimensionsCache {
  /** The tuple to look up, filled by the caller before find(). */
  readonly key: DimensionsPart[];
  private readonly parts: DimensionsPart[] = [];
  private readonly values: RecordDimensions[] = [];
  private readonly hashes: number[] = [];
  private slots = new Int32Array(1024).fill(-1);
  /** The slot and hash find() ended on, for keep(). */
  private lastSlot = -1;
  private lastHash = 0;

  constructor(private readonly arity: number) {
    this.key = new Array<DimensionsPart>(arity).fill('');
  }

  find(): RecordDimensions | null {
    this.lastSlot = -1;
    const h = this.hashKey();
    const mask = this.slots.length - 1;
    let slot = h & mask;
    for (;;) {
      const at = this.slots[slot] ?? -1;
      if (at < 0) break;
      if (this.hashes[at] === h && this.sameKey(at)) return this.values[at] ?? null;
      slot = (slot + 1) & mask;
    }
    this.lastSlot = slot;
    this.lastHash = h;
    return null;
  }

  /** Keeps `dims` for the key the last find() missed; returns them. */
  keep(dims: RecordDimensions): RecordDimensions {
    const at = this.values.length;
    if (at >= MAX_TUPLES || this.lastSlot < 0) return dims;
    this.slots[this.lastSlot] = at;
    this.lastSlot = -1;
    this.values.push(dims);
    this.hashes.push(this.lastHash);
    for (const part of this.key) this.parts.push(part);
    if (this.values.length * 2 > this.slots.length) this.grow();
    return dims;
  }

  private hashKey(): number {
    let h = 0x811c9dc5;
    for (const part of this.key) {
      if (typeof part !== 'string') {
        h = Math.imul(h ^ 1, FNV_PRIME);
        continue;
      }
      const n = part.length;
      h = Math.imul(h ^ n, FNV_PRIME);
      for (let i = n > 4 ? n - 4 : 0; i < n; i++) h = Math.imul(h ^ part.charCodeAt(i), FNV_PRIME);
    }
    return (h ^ (h >>> 15)) & 0x7fffffff;
  }

  private sameKey(at: number): boolean {
    const from = at * this.arity;
    for (let i = 0; i < this.arity; i++) if (this.parts[from + i] !== this.key[i]) return false;
    return true;
  }

  private grow(): void {
    const slots = new Int32Array(this.slots.length * 4).fill(-1);
    const mask = slots.length - 1;
    for (let at = 0; at < this.values.length; at++) {
      let slot = (this.hashes[at] ?? 0) & mask;
      while ((slots[slot] ?? -1) >= 0) slot = (slot + 1) & mask;
      slots[slot] = at;
    }
    this.slots = slots;
  }
}
