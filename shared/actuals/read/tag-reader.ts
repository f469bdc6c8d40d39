import { detach } from './string-pool';
import type { JsonValue } from './exact-json';
import { campaignOfTags, NO_TAGS, sortedTags } from './record-parts';

/**
 * Tags and LiteLLM's JSON columns, read cheaply. `request_tags` is a short JSON list that repeats across rows: each
 * distinct text is parsed once. `metadata` is large and is parsed only when the tags name no campaign and the
 * text mentions one (`spend_logs_metadata.campaign`).
 */

export interface TagInfo {
  readonly tags: readonly string[];
  /** From a `campaign:<slug>` tag, else ''. */
  readonly campaign: string;
}

const NO_TAG_INFO: TagInfo = { tags: NO_TAGS, campaign: '' };
const MAX_CACHED = 10_000;

export class TagReader {
  private readonly cache = new Map<string, TagInfo | null>();

  /** The tags of a cell (JSON text in CSV, a list in JSON), or null when it is not a list of strings. */
  read(value: JsonValue | undefined): TagInfo | null {
    if (value === undefined || value === null || value === '' || value === '[]' || value === '{}') return NO_TAG_INFO;
    if (typeof value === 'string') {
      const known = this.cache.get(value);
      if (known !== undefined) return known;
      const info = infoOf(parseTagText(value));
      if (this.cache.size < MAX_CACHED) this.cache.set(detach(value), info);
      return info;
    }
    return infoOf(Array.isArray(value) ? stringsOf(value) : null);
  }

  /** Like read, but plain text is a comma-separated list ("campaign:x, team:y"), as people type tags. */
  readLoose(value: JsonValue | undefined): TagInfo {
    const info = this.read(value);
    if (info !== null) return info;
    if (Array.isArray(value)) return infoOf(value.filter((t): t is string => typeof t === 'string')) ?? NO_TAG_INFO;
    return typeof value === 'string' ? (infoOf(value.split(',')) ?? NO_TAG_INFO) : NO_TAG_INFO;
  }
}

function infoOf(tags: readonly string[] | null): TagInfo | null {
  if (tags === null) return null;
  const sorted = sortedTags(tags);
  if (sorted.length === 0) return NO_TAG_INFO;
  return { tags: sorted, campaign: campaignOfTags(tags.map((t) => t.trim())) };
}

/** A JSON list of strings, or a PostgreSQL array literal `{a,b}` (a text[] column dumped by psql). */
function parseTagText(text: string): readonly string[] | null {
  const t = text.trim();
  if (t.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(t);
      return Array.isArray(parsed) && parsed.every((x) => typeof x === 'string') ? parsed : null;
    } catch {
      return null;
    }
  }
  if (t.startsWith('{') && t.endsWith('}')) {
    return t
      .slice(1, -1)
      .split(',')
      .map((s) => s.trim().replace(/^"(.*)"$/, '$1'))
      .filter((s) => s !== '');
  }
  return null;
}

function stringsOf(list: readonly JsonValue[]): readonly string[] | null {
  return list.every((x): x is string => typeof x === 'string') ? list : null;
}

/** `metadata.spend_logs_metadata.campaign` from the column's JSON text or object, else ''. */
export function metadataCampaign(value: JsonValue | undefined): string {
  let metadata: unknown = value;
  if (typeof value === 'string') {
    if (value.indexOf('"campaign"') === -1) return '';
    try {
      metadata = JSON.parse(value);
    } catch {
      return '';
    }
  }
  const campaign = prop(prop(metadata, 'spend_logs_metadata'), 'campaign');
  return typeof campaign === 'string' ? campaign.trim() : '';
}

function prop(value: unknown, key: string): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  return Object.hasOwn(value, key) ? (value as Record<string, unknown>)[key] : undefined;
}
