import type { Measure } from '../actual-record';
import { type Exact, sub, toDecimalString } from '../../money/exact';
import { ExactSum } from '../../money/exact-sum';
import { type BucketColumns, BucketColumnsBuilder } from './bucket-columns';
import type { BucketDimensions, HeldBackRequest } from './bucket-format';
import { encodeHeldBack } from './bucket-format';
import { BucketSum } from './bucket-sum';
import { rememberDecoded } from './decoded-batch';
import type { AccumulatedImport } from './import-accumulator';
import {
  type ImportPreview,
  MAX_IMPORT_DAYS,
  PREVIEW_EXAMPLES,
  type PreviewTotal,
  type ReadSummary,
  type RevisedFact,
} from './import-types';
import { type KeyedComparison, compareKeyed } from './keyed-compare';
import { type FactRef, effectiveFacts, keySpace } from './ledger-index';
import type { StoredBatch } from './ledger-schema';
import { unpricedUsageOf } from './unpriced-usage';
import type { PriceBook } from '../../pricing/price-book';
import { ID_WORDS, idToBase64, idsToBase64, sortIds } from './request-ids';

const MAX_DAYS = MAX_IMPORT_DAYS;

function decimal(e: Exact | null): string | null {
  return e === null ? null : toDecimalString(e);
}

/** The batch's dictionary: the dimensions its buckets and held-back requests use, sorted. */
function buildDictionary(acc: AccumulatedImport): { encoded: string[]; dims: BucketDimensions[]; remap: Int32Array } {
  const used = new Uint8Array(acc.dims.entries.length);
  for (let i = 0; i < acc.buckets.size; i++) used[Math.floor(acc.buckets.keyAt(i) / MAX_DAYS)] = 1;
  for (const d of acc.heldBack.dims) used[d] = 1;
  const ids: number[] = [];
  for (let i = 0; i < used.length; i++) if (used[i]) ids.push(i);
  const encodedOf = (i: number) => acc.dims.entries[i]?.encoded ?? '';
  ids.sort((a, b) => (encodedOf(a) < encodedOf(b) ? -1 : encodedOf(a) > encodedOf(b) ? 1 : 0));
  const remap = new Int32Array(used.length).fill(-1);
  ids.forEach((id, i) => (remap[id] = i));
  const dims = ids.map((i) => acc.dims.entries[i]?.dimensions ?? ({} as BucketDimensions));
  return { encoded: ids.map(encodedOf), dims, remap };
}

/**
 * The summed buckets in columns, sorted by day then dimension; null when a count left the exact range.
 * Sorted through one numeric key per bucket (the day's rank, then the dimension), so no bucket object is made.
 */
function buildBuckets(acc: AccumulatedImport, remap: Int32Array): BucketColumns | null {
  const n = acc.buckets.size;
  const dayIds = new Int32Array(n);
  const sortKeys = new Float64Array(n);
  const dayRank = new Int32Array(acc.days.length);
  acc.days
    .map((day, id) => ({ day, id }))
    .sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0))
    .forEach(({ id }, rank) => (dayRank[id] = rank));
  for (let i = 0; i < n; i++) {
    const key = acc.buckets.keyAt(i);
    const day = key % MAX_DAYS;
    dayIds[i] = day;
    sortKeys[i] = (dayRank[day] ?? 0) * 2 ** 32 + (remap[Math.floor(key / MAX_DAYS)] ?? 0);
  }
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => (sortKeys[a] ?? 0) - (sortKeys[b] ?? 0));
  const builder = new BucketColumnsBuilder(n);
  for (const i of order) {
    const figures = acc.buckets.figures(i);
    if (!figures) return null;
    builder.push(acc.days[dayIds[i] ?? 0] ?? '', (sortKeys[i] ?? 0) % 2 ** 32, figures);
  }
  return builder.finish();
}

/** Per-request: every id of the file sorted, and the held-back requests sorted by id. */
function buildRequests(
  acc: AccumulatedImport,
  remap: Int32Array,
  withAmount: boolean,
): { ids: Uint32Array; heldBack: HeldBackRequest[]; heldBackIds: Uint32Array } {
  const count = acc.fileIds.size;
  // The set is done with (an import is finished once): free it before the sort needs its own copy.
  const ids = sortIds(acc.fileIds.takeAll(), count, { owned: true, withOrder: false }).sorted;
  const held = acc.heldBack;
  const { sorted, order } = sortIds(held.ids.view(), held.length);
  const heldBack: HeldBackRequest[] = [];
  for (let i = 0; i < held.length; i++) {
    const from = order[i] ?? 0;
    const record = held.records[from];
    if (!record) continue;
    const sum = new BucketSum();
    sum.addRecord(record, withAmount);
    const figures = sum.figures() ?? { amount: null, quantity: null, counts: [] };
    heldBack.push({
      id: idToBase64(sorted, i * ID_WORDS),
      day: acc.days[held.days[from] ?? 0] ?? '',
      dim: remap[held.dims[from] ?? 0] ?? -1,
      ...figures,
    });
  }
  return { ids, heldBack, heldBackIds: sorted };
}

function total(amounts: Iterable<Exact | null>, measure: Measure): Exact | null {
  if (measure === 'usage') return null;
  const sum = new ExactSum();
  for (const a of amounts) if (a !== null) sum.add(a);
  return sum.empty ? null : sum.total();
}

function* amountsOf(buckets: BucketColumns): Iterable<Exact | null> {
  for (let i = 0; i < buckets.length; i++) yield buckets.amountAt(i);
}

function groupTotals(buckets: BucketColumns, keyOf: (i: number) => string, measure: Measure): PreviewTotal[] {
  const groups = new Map<string, BucketSum>();
  for (let i = 0; i < buckets.length; i++) {
    const key = keyOf(i);
    let g = groups.get(key);
    if (!g) groups.set(key, (g = new BucketSum()));
    g.addColumns(buckets, i);
  }
  return [...groups.keys()].sort().map((key) => {
    const g = groups.get(key) ?? new BucketSum();
    const tokens =
      g.textIn + g.textCachedIn + g.imageIn + g.imageCachedIn + g.audioIn + g.textOut + g.imageOut + g.audioOut;
    return {
      key,
      amountUsd: measure === 'usage' ? null : g.amount ? toDecimalString(g.amount.total()) : null,
      images: g.images,
      requests: g.requests,
      failedRequests: g.failedRequests,
      tokens,
    };
  });
}

/** A batch id not yet used in the ledger: the content hash's first 12 digits unless the caller names one. */
function batchIdFor(acc: AccumulatedImport): string {
  const wanted = acc.meta.batchId ?? acc.meta.sha256.slice(0, 12);
  const taken = new Set(acc.ledger.batches.map((b) => b.id));
  if (!taken.has(wanted)) return wanted;
  for (let n = 2; ; n++) if (!taken.has(`${wanted}-${n}`)) return `${wanted}-${n}`;
}

/** What the preview says about a keyed import's overlap with earlier facts, per earlier batch and per day. */
function keyedFindings(
  acc: AccumulatedImport,
  buckets: BucketColumns,
  dims: readonly BucketDimensions[],
  earlier: ReadonlyMap<string, FactRef>,
  comparison: KeyedComparison,
): Pick<ImportPreview, 'revised' | 'identical' | 'overlap'> {
  const batches = acc.ledger.batches;
  const revised: RevisedFact[] = comparison.revised.map(({ bucket, earlier: before }) => {
    const b = buckets.at(bucket);
    const from = batches[before.batchIndex];
    return {
      batchId: from?.id ?? '',
      fileName: from?.fileName ?? '',
      day: b?.day ?? '',
      dimensions: dims[b?.dim ?? 0] ?? ({} as BucketDimensions),
      oldAmountUsd: decimal(before.bucket.amount),
      newAmountUsd: decimal(b?.amount ?? null),
      oldImages: before.bucket.counts[1] ?? 0,
      newImages: b?.counts[1] ?? 0,
      oldRequests: before.bucket.counts[2] ?? 0,
      newRequests: b?.counts[2] ?? 0,
    };
  });
  const identical = [...comparison.identical.entries()]
    .sort(([a], [b]) => a - b)
    .map(([i, n]) => ({ batchId: batches[i]?.id ?? '', fileName: batches[i]?.fileName ?? '', ...n }));
  if (earlier.size === 0) return { revised, identical, overlap: null };
  const fileKeys = new Map<string, number>();
  for (let i = 0; i < buckets.length; i++) {
    const day = buckets.dayAt(i);
    fileKeys.set(day, (fileKeys.get(day) ?? 0) + 1);
  }
  const earlierKeys = new Map<string, number>();
  for (const f of earlier.values())
    if (fileKeys.has(f.bucket.day)) earlierKeys.set(f.bucket.day, (earlierKeys.get(f.bucket.day) ?? 0) + 1);
  const shared = new Map<string, number>();
  for (const f of comparison.replaced) shared.set(f.bucket.day, (shared.get(f.bucket.day) ?? 0) + 1);
  const days = [...earlierKeys.keys()].sort();
  let keysOnlyInFile = 0;
  let keysOnlyEarlier = 0;
  for (const day of days) {
    keysOnlyInFile += (fileKeys.get(day) ?? 0) - (shared.get(day) ?? 0);
    keysOnlyEarlier += (earlierKeys.get(day) ?? 0) - (shared.get(day) ?? 0);
  }
  return { revised, identical, overlap: days.length > 0 ? { days, keysOnlyInFile, keysOnlyEarlier } : null };
}

/** Keyed: keys several rows of the file share (summed into one fact), with the first lines of each. */
function summedInFile(acc: AccumulatedImport): ImportPreview['summedInFile'] {
  let keys = 0;
  let rows = 0;
  const examples: { day: string; lines: number[] }[] = [];
  if (acc.dedupe !== 'keyed') return { keys, rows, examples };
  const t = acc.buckets;
  const shared: number[] = [];
  for (let i = 0; i < t.size; i++) if (t.rowsAt(i) > 1) shared.push(i);
  shared.sort((a, b) => t.firstLineAt(a) - t.firstLineAt(b));
  for (const i of shared) {
    const key = t.keyAt(i);
    keys += 1;
    rows += t.rowsAt(i);
    if (examples.length < PREVIEW_EXAMPLES)
      examples.push({ day: acc.days[key % MAX_DAYS] ?? '', lines: [t.firstLineAt(i), ...(acc.lines.get(key) ?? [])] });
  }
  return { keys, rows, examples };
}

function laterDay(a: string | null | undefined, b: string | null | undefined): string | null {
  if (!a) return b ?? null;
  if (!b) return a;
  return a > b ? a : b;
}

function earlierDay(a: string | null | undefined, b: string | null | undefined): string | null {
  if (!a) return b ?? null;
  if (!b) return a;
  return a < b ? a : b;
}

/** The preview of an import that adds nothing (same file, no valid record, a count out of range). */
function emptyPreview(
  acc: AccumulatedImport,
  read: ReadSummary,
  extra: Partial<ImportPreview> & Pick<ImportPreview, 'warnings'>,
): ImportPreview {
  const rejected = [...read.rejected, ...acc.rejected];
  const rowsRejected = read.rowsRejected + acc.rejected.length;
  return {
    base: acc.ledger.batches.map((b) => b.id),
    batch: null,
    sameFileAs: null,
    source: acc.meta.source,
    measure: acc.measure,
    dedupe: acc.dedupe,
    fileName: acc.meta.fileName,
    rowsRead: read.rowsRead,
    rowsToImport: 0,
    rowsRejected,
    rowsDuplicate: 0,
    rowsReplacing: 0,
    rowsEmpty: Math.max(0, read.rowsRead - rowsRejected),
    rowsWithoutAmount: 0,
    periodStart: earlierDay(acc.firstDay, read.coveredStart),
    periodEnd: laterDay(acc.lastDay, read.coveredEnd),
    amountUsd: null,
    changeUsd: null,
    byDay: [],
    byModel: [],
    revised: [],
    identical: [],
    overlap: null,
    summedInFile: { keys: 0, rows: 0, examples: [] },
    duplicateRequests: { inFile: 0, inFileExamples: [], heldByEarlier: [] },
    negativeAmounts: 0,
    futureDates: 0,
    rejected,
    rules: rulesFor(acc),
    unpricedUsage: null,
    ...extra,
  };
}

/** The duplicate rules that applied, in words for the preview screen. */
function rulesFor(acc: AccumulatedImport): string[] {
  const measure = `Amounts are ${acc.measure}${acc.measure === 'usage' ? ' (counts, priced from usage with the price book in reports)' : ''}; billed, metered and usage figures are never added together.`;
  if (acc.dedupe === 'per-request')
    return [
      measure,
      'A request id counts once across all imports: the earliest import that has it keeps it; later imports hold it back (and take it over if that import is removed).',
      'A repeated request id in this file counts once (its first row).',
      'Rows without a request id are never deduplicated: two identical rows without an id are two requests.',
    ];
  return [
    measure,
    'A fact is keyed by UTC day and every dimension (project, API key, user, campaign, tags, vendor, model, line item, modality, direction, size, quality, image source, surface).',
    'Where an earlier import has the same key, this import wins (providers revise the current, partial day): same figures count as duplicates, different ones as revised; keys only one import has are kept.',
    'Rows of this file with the same key are summed into one fact: an export grouped more finely than the key (a column not mapped) adds up. If the file could be two exports pasted together, check the lines listed.',
  ];
}

/** Earlier batches of the same measure whose figures will be added to this one's (another kind of export). */
function overlapWarnings(acc: AccumulatedImport, start: string | null, end: string | null): string[] {
  if (start === null || end === null) return [];
  const space = keySpace({ source: acc.meta.source, measure: acc.measure });
  const out: string[] = [];
  for (const b of acc.ledger.batches) {
    if (b.measure !== acc.measure || b.periodStart === null || b.periodEnd === null) continue;
    // Logs of one source share request ids; two different logs (a gateway's and a team's own) do not.
    const sameKind =
      b.dedupe === acc.dedupe && (acc.dedupe === 'per-request' ? b.source === acc.meta.source : keySpace(b) === space);
    if (sameKind || b.periodEnd < start || b.periodStart > end) continue;
    out.push(
      `Batch ${b.id} (${b.source}, ${b.fileName}, ${b.periodStart} to ${b.periodEnd}) is ${acc.measure} too and overlaps these days, but it is another kind of export: both are counted. If they describe the same spend, remove one.`,
    );
  }
  return out;
}

/** Warnings about the records themselves. */
function recordWarnings(acc: AccumulatedImport): string[] {
  const out: string[] = [];
  if (acc.rowsWithoutAmount > 0)
    out.push(
      `${acc.rowsWithoutAmount} ${acc.measure} record(s) have no amount: their images, requests and tokens count, they add no money.`,
    );
  if (acc.amountsIgnored > 0)
    out.push(
      `${acc.amountsIgnored} usage record(s) carry an amount: usage is priced from the price book, so the amount is not kept.`,
    );
  if (acc.negativeAmounts > 0)
    out.push(`${acc.negativeAmounts} record(s) have a negative amount (a credit or refund): kept as negative lines.`);
  if (acc.futureDates > 0) out.push(`${acc.futureDates} record(s) are dated in the future.`);
  const mixed = acc.buckets.mixedUnits;
  if (mixed > 0)
    out.push(`${mixed} fact(s) have quantities in different units on rows of one key: their quantity is not kept.`);
  return out;
}

/** Everything the import decided, for the stored batch and the preview. */
interface Decided {
  readonly dictionary: ReturnType<typeof buildDictionary>;
  readonly buckets: BucketColumns;
  readonly requests: { ids: Uint32Array; heldBack: HeldBackRequest[]; heldBackIds: Uint32Array };
  readonly comparison: KeyedComparison;
  readonly periodStart: string | null;
  readonly periodEnd: string | null;
  readonly rowsRejected: number;
  readonly rowsDuplicate: number;
  readonly amount: Exact | null;
}

/** The batch commit appends: the import's buckets and request ids in their stored form (decoding kept). */
function storedBatch(acc: AccumulatedImport, read: ReadSummary, d: Decided): StoredBatch {
  const perRequest = acc.dedupe === 'per-request';
  const batch: StoredBatch = {
    id: batchIdFor(acc),
    source: acc.meta.source,
    measure: acc.measure,
    dedupe: acc.dedupe,
    profile: acc.meta.profile,
    fileName: acc.meta.fileName,
    sha256: acc.meta.sha256,
    importedAt: acc.meta.importedAt,
    periodStart: d.periodStart,
    periodEnd: d.periodEnd,
    rowsRead: read.rowsRead,
    rowsImported: d.comparison.rowsImported,
    rowsRejected: d.rowsRejected,
    rowsDuplicate: d.rowsDuplicate,
    rowsReplaced: d.comparison.rowsReplaced,
    amountUsd: decimal(d.amount),
    conversion: acc.meta.conversion,
    dimensions: d.dictionary.encoded,
    buckets: Array.from({ length: d.buckets.length }, (_, i) => d.buckets.encodeAt(i)),
    requestIds: perRequest ? idsToBase64(d.requests.ids) : '',
    heldBack: d.requests.heldBack.map(encodeHeldBack),
  };
  rememberDecoded(batch, { dimensions: d.dictionary.dims, buckets: d.buckets, ...d.requests });
  return batch;
}

/** What the batch changes in its measure's total: keyed, its facts minus the facts they replace. */
function changeOf(acc: AccumulatedImport, d: Decided): Exact | null {
  if (d.amount === null || acc.dedupe === 'per-request') return d.amount;
  const replaced = total(
    d.comparison.replaced.map((f) => f.bucket.amount),
    acc.measure,
  );
  return replaced === null ? d.amount : sub(d.amount, replaced);
}

/**
 * Turns an accumulated import into its preview and the batch commit would append. Nothing in the ledger
 * changes here. With a price book (the plan's), the preview names the file's usage it cannot price.
 */
export function finishImport(acc: AccumulatedImport, read: ReadSummary, book: PriceBook | null): ImportPreview {
  const batches = acc.ledger.batches;
  if (acc.sameFile) {
    const s = acc.sameFile;
    return emptyPreview(acc, read, {
      sameFileAs: { batchId: s.id, fileName: s.fileName, importedAt: s.importedAt },
      rowsEmpty: 0,
      warnings: [
        `This file was imported before, as batch ${s.id} (${s.fileName}, ${s.importedAt}): nothing is added. ` +
          `To import it again, remove batch ${s.id} first (CLI: rollback PLAN --batch ${s.id}; ` +
          `app: Actuals › Import batches › Remove), then import again.`,
      ],
    });
  }
  const dictionary = buildDictionary(acc);
  const buckets = buildBuckets(acc, dictionary.remap);
  if (buckets === null)
    return emptyPreview(acc, read, {
      warnings: ['A count (images, requests or tokens) adds up beyond 9,007,199,254,740,991: nothing is imported.'],
    });
  const perRequest = acc.dedupe === 'per-request';
  const requests = perRequest
    ? buildRequests(acc, dictionary.remap, acc.measure !== 'usage')
    : { ids: new Uint32Array(0), heldBack: [], heldBackIds: new Uint32Array(0) };
  const earlier = perRequest
    ? new Map<string, FactRef>()
    : effectiveFacts(batches, keySpace({ source: acc.meta.source, measure: acc.measure }));
  const comparison = compareKeyed(buckets, dictionary.encoded, earlier, acc.measure);
  const held = requests.heldBack.length;
  const records = comparison.rowsImported + comparison.rowsDuplicate + acc.inFileDuplicates + held;
  if (records === 0)
    return emptyPreview(acc, read, {
      warnings: ['No valid record in this file: nothing is imported.', ...recordWarnings(acc)],
    });
  const decided: Decided = {
    dictionary,
    buckets,
    requests,
    comparison,
    periodStart: earlierDay(acc.firstDay, read.coveredStart),
    periodEnd: laterDay(acc.lastDay, read.coveredEnd),
    rowsRejected: read.rowsRejected + acc.rejected.length,
    rowsDuplicate: comparison.rowsDuplicate + acc.inFileDuplicates + held,
    amount: total(amountsOf(buckets), acc.measure),
  };
  const batch = storedBatch(acc, read, decided);
  const model = (i: number) => dictionary.dims[buckets.dimAt(i)]?.model || '(no model)';
  return {
    ...emptyPreview(acc, read, {
      warnings: [...recordWarnings(acc), ...overlapWarnings(acc, decided.periodStart, decided.periodEnd)],
    }),
    batch,
    rowsToImport: comparison.rowsImported,
    rowsDuplicate: decided.rowsDuplicate,
    rowsReplacing: comparison.rowsReplaced,
    rowsEmpty: Math.max(0, read.rowsRead - records - decided.rowsRejected),
    rowsWithoutAmount: acc.rowsWithoutAmount,
    amountUsd: batch.amountUsd,
    changeUsd: decimal(changeOf(acc, decided)),
    byDay: groupTotals(buckets, (i) => buckets.dayAt(i), acc.measure),
    byModel: groupTotals(buckets, model, acc.measure),
    ...keyedFindings(acc, buckets, dictionary.dims, earlier, comparison),
    summedInFile: summedInFile(acc),
    duplicateRequests: {
      inFile: acc.inFileDuplicates,
      inFileExamples: acc.inFileExamples,
      heldByEarlier: [...acc.heldByBatch.entries()]
        .sort(([a], [b]) => a - b)
        .map(([i, n]) => ({ batchId: batches[i]?.id ?? '', fileName: batches[i]?.fileName ?? '', requests: n })),
    },
    negativeAmounts: acc.negativeAmounts,
    futureDates: acc.futureDates,
    unpricedUsage: book === null || acc.measure !== 'usage' ? null : unpricedUsage(buckets, dictionary.dims, book),
  };
}

/** The preview's unpriced usage: null when every bucket prices. */
function unpricedUsage(
  buckets: BucketColumns,
  dims: readonly BucketDimensions[],
  book: PriceBook,
): ImportPreview['unpricedUsage'] {
  const tally = unpricedUsageOf(buckets, dims, book);
  return tally.buckets === 0 ? null : { buckets: tally.buckets, byModel: tally.byModelList() };
}
