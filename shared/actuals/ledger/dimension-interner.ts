import type { RecordDimensions } from '../actual-record';
import { type BucketDimensions, TEXT_DIMENSIONS, canonicalTags, encodeDimensions } from './bucket-format';

export interface InternedDimensions {
  readonly dimensions: BucketDimensions;
  /** The dictionary entry (bucket-format.ts): also the dimensions' key within a day. */
  readonly encoded: string;
}

/**
 * Gives each distinct dimension tuple of an import a small number, fast: the per-row cost of aggregation
 * is mostly here. A tuple is looked up by its fields joined with NUL (tags with U+0001), a string V8
 * hashes once; the escaped dictionary entry is built only the first time a tuple is seen. The same
 * dimensions object twice in a row (readers that reuse one) skips even that.
 *
 * The joined key is unambiguous unless a field holds NUL or a tag holds U+0001 (no real export does):
 * only such a tuple can share a joined key with another, so once one is seen every later hit is checked
 * field by field.
 */
export class DimensionInterner {
  readonly entries: InternedDimensions[] = [];
  private readonly byJoined = new Map<string, number>();
  private readonly byEncoded = new Map<string, number>();
  private checkHits = false;
  private lastDims: RecordDimensions | null = null;
  private lastId = -1;

  id(d: RecordDimensions): number {
    if (d === this.lastDims) return this.lastId;
    const joined = joinedKey(d);
    let id = this.byJoined.get(joined);
    if (id === undefined) {
      id = this.slowId(d);
      this.byJoined.set(joined, id);
    } else if (this.checkHits && !sameDimensions(this.entries[id]?.dimensions, d)) {
      id = this.slowId(d);
    }
    this.lastDims = d;
    this.lastId = id;
    return id;
  }

  private slowId(d: RecordDimensions): number {
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
    if (!this.checkHits && isAmbiguous(dimensions)) this.checkHits = true;
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

function joinedKey(d: RecordDimensions): string {
  const t = d.tags;
  const tags = t.length === 0 ? '' : t.length === 1 ? (t[0] ?? '') : t.join('\u0001');
  return (
    d.project +
    '\0' +
    d.apiKey +
    '\0' +
    d.user +
    '\0' +
    d.campaign +
    '\0' +
    tags +
    '\0' +
    d.vendor +
    '\0' +
    d.model +
    '\0' +
    d.lineItem +
    '\0' +
    d.modality +
    '\0' +
    d.direction +
    '\0' +
    d.size +
    '\0' +
    d.quality +
    '\0' +
    d.imageSource +
    '\0' +
    d.surface
  );
}

function isAmbiguous(d: BucketDimensions): boolean {
  for (const f of TEXT_DIMENSIONS) if (d[f].includes('\0')) return true;
  return d.tags.some((t) => t.includes('\0') || t.includes('\u0001'));
}

function sameDimensions(a: BucketDimensions | undefined, d: RecordDimensions): boolean {
  if (!a) return false;
  for (const f of TEXT_DIMENSIONS) if (a[f] !== d[f]) return false;
  const tags = canonicalTags(d.tags);
  return tags.length === a.tags.length && tags.every((t, i) => t === a.tags[i]);
}
