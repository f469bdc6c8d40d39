import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import {
  type ActualsReader,
  type MappingProfile,
  type ReadBatch,
  type ReadOutcome,
  type SniffResult,
  sniffActuals,
} from '../../shared/actuals/read';
import { describeFsError } from '../files/describe-fs-error';

/**
 * Reading an actuals file from disk (or from bytes a page sent) in chunks, for the CLI, the IPC handlers and
 * the browser host alike. Everything after the bytes is the pure reader's (shared/actuals/read): here are
 * only the chunks, the content hash, progress and cancel. A file of any size is read in bounded memory.
 */

/** Where a file's bytes come from: a path on disk, or the bytes of a file dropped on the browser host's page. */
export type ActualsFileSource =
  | { readonly kind: 'path'; readonly path: string }
  | { readonly kind: 'bytes'; readonly name: string; readonly bytes: Uint8Array };

export interface ReadProgress {
  /** 'hash': the SHA-256 pass (recognises a file imported before); 'read': the records pass. */
  readonly phase: 'hash' | 'read';
  readonly bytesDone: number;
  readonly bytesTotal: number;
}

export interface ReadHooks {
  /** Called after each chunk. */
  readonly onProgress?: (progress: ReadProgress) => void;
  /** Aborting stops the read between two chunks; the read then answers `canceled`. */
  readonly signal?: AbortSignal;
  /** Bytes per chunk (default 1 MiB). */
  readonly chunkBytes?: number;
}

export const DEFAULT_CHUNK_BYTES = 1 << 20;

/** The read stopped because the caller aborted it. */
export const CANCELED = 'canceled' as const;
export type Canceled = typeof CANCELED;

/** The file name a source shows in messages and in the batch (the path's last part). */
export function sourceFileName(source: ActualsFileSource): string {
  if (source.kind === 'bytes') return source.name;
  const parts = source.path.split(/[\\/]/);
  return parts[parts.length - 1] || source.path;
}

/** Why a path cannot be read as an actuals file (missing, a folder), in words; null when it can. */
export async function checkReadable(source: ActualsFileSource): Promise<string | null> {
  if (source.kind === 'bytes') return null;
  try {
    const stat = await fs.stat(source.path);
    return stat.isFile() ? null : `${source.path} is a folder, not a file: name a CSV, JSON or JSON Lines file`;
  } catch (error) {
    return `${source.path} cannot be read: ${describeFsError(error, 'read')}`;
  }
}

/** The source's bytes in chunks, each a fresh buffer (the reader may keep a partial character of one). */
export async function* fileChunks(
  source: ActualsFileSource,
  chunkBytes = DEFAULT_CHUNK_BYTES,
): AsyncGenerator<Uint8Array> {
  if (source.kind === 'bytes') {
    for (let at = 0; at < source.bytes.byteLength; at += chunkBytes) {
      // Bytes in memory need no I/O: give the event loop a turn per chunk, so progress and cancel get through.
      await new Promise<void>((resolve) => setImmediate(resolve));
      yield source.bytes.subarray(at, Math.min(at + chunkBytes, source.bytes.byteLength));
    }
    return;
  }
  const handle = await fs.open(source.path, 'r');
  // Read ahead by one chunk: the disk read of the next chunk overlaps the parsing of this one.
  const readNext = () => handle.read(new Uint8Array(chunkBytes), 0, chunkBytes, null);
  let next = readNext();
  try {
    for (;;) {
      const { bytesRead, buffer } = await next;
      if (bytesRead === 0) return;
      next = readNext();
      yield bytesRead === chunkBytes ? buffer : buffer.subarray(0, bytesRead);
    }
  } finally {
    // A read may still be in flight (the consumer stopped early): let it settle before closing the handle.
    await next.catch(() => undefined);
    await handle.close();
  }
}

async function sizeOf(source: ActualsFileSource): Promise<number> {
  return source.kind === 'bytes' ? source.bytes.byteLength : (await fs.stat(source.path)).size;
}

/** Feeds every chunk to `each`, reporting progress; false when the signal aborted the read. */
async function eachChunk(
  source: ActualsFileSource,
  phase: ReadProgress['phase'],
  hooks: ReadHooks,
  each: (bytes: Uint8Array) => void,
): Promise<boolean> {
  const total = await sizeOf(source);
  let done = 0;
  for await (const chunk of fileChunks(source, hooks.chunkBytes)) {
    if (hooks.signal?.aborted === true) return false;
    each(chunk);
    done += chunk.byteLength;
    hooks.onProgress?.({ phase, bytesDone: done, bytesTotal: Math.max(total, done) });
  }
  return hooks.signal?.aborted !== true;
}

/**
 * SHA-256 of the content, 64 lowercase hex digits: the batch's identity (the same file imported again);
 * null when the signal aborted the read.
 */
export async function hashActualsFile(source: ActualsFileSource, hooks: ReadHooks = {}): Promise<string | null> {
  const hash = createHash('sha256');
  const finished = await eachChunk(source, 'hash', hooks, (chunk) => hash.update(chunk));
  return finished ? hash.digest('hex') : null;
}

/**
 * Pushes the file through a reader, handing each batch of records and rejected rows to `onBatch` as it is
 * produced (nothing is kept here), and returns the reader's outcome, whose last records `onBatch` also gets,
 * with the SHA-256 of the content, hashed in the same pass.
 */
export async function streamActualsFile(
  source: ActualsFileSource,
  reader: ActualsReader,
  onBatch: (batch: ReadBatch) => void,
  hooks: ReadHooks = {},
): Promise<{ readonly outcome: ReadOutcome; readonly sha256: string } | Canceled> {
  const hash = createHash('sha256');
  const finished = await eachChunk(source, 'read', hooks, (chunk) => {
    hash.update(chunk);
    const batch = reader.push(chunk);
    if (batch.records.length > 0 || batch.rejected.length > 0) onBatch(batch);
  });
  if (!finished) return CANCELED;
  const outcome = reader.end();
  if (outcome.records.length > 0 || outcome.rejected.length > 0) onBatch(outcome);
  return { outcome, sha256: hash.digest('hex') };
}

const SNIFF_BYTES = 65_536;

/**
 * The flow's first step on the file's first 128 KB (shared/actuals/read/sniff.ts): encoding, container,
 * dialect, source, header, sample rows, date order, and the saved mapping made for the same header.
 */
export async function sniffActualsFile(
  source: ActualsFileSource,
  profiles: readonly MappingProfile[] = [],
): Promise<SniffResult & { readonly fileName: string; readonly sizeBytes: number }> {
  const chunks: Uint8Array[] = [];
  let read = 0;
  for await (const chunk of fileChunks(source, SNIFF_BYTES)) {
    chunks.push(chunk);
    read += chunk.byteLength;
    if (read >= SNIFF_BYTES * 2) break;
  }
  const bytes = new Uint8Array(Math.min(read, SNIFF_BYTES * 2));
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk.subarray(0, bytes.length - at), at);
    at += Math.min(chunk.byteLength, bytes.length - at);
  }
  const fileName = sourceFileName(source);
  const sniff = sniffActuals(bytes, { fileName, complete: read < SNIFF_BYTES * 2, profiles });
  return { ...sniff, fileName, sizeBytes: await sizeOf(source) };
}
