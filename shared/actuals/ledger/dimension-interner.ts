import type { RecordDimensions } from '../actual-record';
import { type BucketDimensions, canonicalTags, encodeDimensions } from './bucket-format';

export interface InternedDimensions {
  readonly dimensions: BucketDimensions;
  /** The dictionary entry (bucket-format.ts): also the dimensions' key within a day. */
  readonly encoded: string;
}

const FNV_PRIME = 0x01000193;
/** Lookups by object identity before they are given up for a reader that builds an object per record. */
const OBJECT_TRIAL = 65_536;
/** Characters hashed at each end of a long field (fields up to twice this are hashed whole). */
const SAMPLE = 16;

/** Mixes a field into the hash: its length, then its characters (the first and last SAMPLE of long ones). */
function mix(h: number, s: string): number {
  const n = s.length;
  h = Math.imul(h ^ n, FNV_PRIME);
  if (n <= 2 * SAMPLE) {
    for (let i = 0; i < n; i++) h = Math.imul(h ^ s.charCodeAt(i), FNV_PRIME);
  } else {
    for (let i = 0; i < SAMPLE; i++) h = Math.imul(h ^ s.charCodeAt(i), FNV_PRIME);
    for (let i = n - SAMPLE; i < n; i++) h = Math.imul(h ^ s.charCodeAt(i), FNV_PRIME);
  }
  return h;
}

function hashDimensions(d: RecordDimensions): number {
  let h = mix(0x811c9dc5, d.project);
  h = mix(h, d.apiKey);
  h = mix(h, d.user);
  h = mix(h, d.campaign);
  const tags = d.tags;
  h = Math.imul(h ^ tags.length, FNV_PRIME);
  for (let i = 0; i < tags.length; i++) h = mix(h, tags[i] ?? '');
  h = mix(h, d.vendor);
  h = mix(h, d.model);
  h = mix(h, d.lineItem);
  h = mix(h, d.modality);
  h = mix(h, d.direction);
  h = mix(h, d.size);
  h = mix(h, d.quality);
  h = mix(h, d.imageSource);
  h = mix(h, d.surface);
  return h ^ (h >>> 15);
}

function sameDimensions(a: RecordDimensions, b: RecordDimensions): boolean {
  if (
    a.project !== b.project ||
    a.apiKey !== b.apiKey ||
    a.user !== b.user ||
    a.campaign !== b.campaign ||
    a.vendor !== b.vendor ||
    a.model !== b.model ||
    a.lineItem !== b.lineItem ||
    a.modality !== b.modality ||
    a.direction !== b.direction ||
    a.size !== b.size ||
    a.quality !== b.quality ||
    a.imageSource !== b.imageSource ||
    a.surface !== b.surface ||
    a.tags.length !== b.tags.length
  )
    return false;
  for (let i = 0; i < a.tags.length; i++) if (a.tags[i] !== b.tags[i]) return false;
  return true;
}

/**
 * Gives each distinct dimension tuple of an import a small number, fast: the per-row cost of aggregation
 * is mostly here, since a reader hands over new strings for every row. A tuple is found by a hash of its
 * fields (long fields sampled at both ends, so a 64-character API key costs 32 characters) in an
 * open-addressing table, then compared field by field, so two tuples are never confused. The escaped
 * dictionary entry is built only the first time a tuple is seen. A reader that gives one dimensions object
 * to all records with the same dimensions skips even the hash (a lookup by object identity, given up after
 * 65,536 records when the reader builds a new object per record).
 */
export class DimensionInterner {
  readonly entries: InternedDimensions[] = [];
  /** Tuples as first seen (tags possibly unsorted), each with its entry index. */
  private readonly seen: RecordDimensions[] = [];
  private readonly seenIds: number[] = [];
  private slots = new Int32Array(1024).fill(-1);
  private readonly byEncoded = new Map<string, number>();
  private lastDims: RecordDimensions | null = null;
  private lastId = -1;
  private byObject: WeakMap<RecordDimensions, number> | null = new WeakMap();
  private objectLookups = 0;
  private objectHits = 0;

  id(d: RecordDimensions): number {
    if (d === this.lastDims) return this.lastId;
    const byObject = this.byObject;
    if (byObject !== null) {
      const known = byObject.get(d);
      this.objectLookups += 1;
      if (known !== undefined) {
        this.objectHits += 1;
        this.lastDims = d;
        this.lastId = known;
        return known;
      }
      // Judged on enough records for a reader that shares a few thousand objects to have met them all.
      if (this.objectLookups >= OBJECT_TRIAL && this.objectHits * 2 < this.objectLookups) this.byObject = null;
    }
    const id = this.idByContent(d);
    this.byObject?.set(d, id);
    this.lastDims = d;
    this.lastId = id;
    return id;
  }

  private idByContent(d: RecordDimensions): number {
    const mask = this.slots.length - 1;
    let slot = hashDimensions(d) & mask;
    for (;;) {
      const s = this.slots[slot] ?? -1;
      if (s < 0) break;
      const seen = this.seen[s];
      if (seen !== undefined && sameDimensions(seen, d)) return this.seenIds[s] ?? 0;
      slot = (slot + 1) & mask;
    }
    const id = this.entryId(d);
    this.slots[slot] = this.seen.length;
    this.seen.push(d);
    this.seenIds.push(id);
    if (this.seen.length * 2 > this.slots.length) this.grow();
    return id;
  }

  private grow(): void {
    const slots = new Int32Array(this.slots.length * 4).fill(-1);
    const mask = slots.length - 1;
    for (const [s, d] of this.seen.entries()) {
      let slot = hashDimensions(d) & mask;
      while ((slots[slot] ?? -1) >= 0) slot = (slot + 1) & mask;
      slots[slot] = s;
    }
    this.slots = slots;
  }

  /** The dictionary entry of a tuple not seen in this form before (tags made canonical). */
  private entryId(d: RecordDimensions): number {
    const dimensions: BucketDimensions = {
      project: d.project,
      apiKey: d.apiKey,
      user: d.user,
      campaign: d.campaign,
      tags: canonicalTags(d.tags),
      vendor: d.vendor,
      model: d.model,
      lineItem: d.lineItem,
      modality: d.modality,
      direction: d.direction,
      size: d.size,
      quality: d.quality,
      imageSource: d.imageSource,
      surface: d.surface,
    };
    const encoded = encodeDimensions(dimensions);
    let id = this.byEncoded.get(encoded);
    if (id === undefined) {
      id = this.entries.length;
      this.entries.push({ dimensions, encoded });
      this.byEncoded.set(encoded, id);
    }
    return id;
  }
}
