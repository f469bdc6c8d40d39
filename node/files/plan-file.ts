import { isAscii, isUtf8 } from 'node:buffer';
import path from 'node:path';
import { valueNestsDeeperThan } from '../../shared/json-depth';
import { parsePlanDocument, parsePlanText, planTextPieces } from '../../shared/plan/plan-document';
import { PLAN_FILE_EXTENSION, type PlanDocument } from '../../shared/plan/plan-schema';
import { fail, ok, type Result } from '../../shared/result';
import { writeFileAtomically } from './atomic-write';
import { describeFsError } from './describe-fs-error';
import { describeFileKind, nodeFs, type FileInfo, type FsPort } from './fs-port';

/**
 * The largest file read as a plan, for the app and the CLI alike. A 100k-row plan (the largest the
 * benchmarks use) is about 60 MB of JSON, so 256 MB leaves four times that; it stays well under V8's
 * longest string (~512 MB), so a wrong file gets this clear message rather than an out-of-memory or
 * "string too long" error, and under the browser host's 300 MB request limit, so any plan that opens can
 * also be sent back to be saved.
 */
export const MAX_PLAN_FILE_BYTES = 256 * 1024 * 1024;

/** Why a plan file could not be read. */
export interface PlanReadFailure {
  /** The reason alone, for callers that name the file their own way (the CLI: "q1.pxplan: <reason>"). */
  readonly reason: string;
  /** The sentence the app shows: "Could not open “q1.pxplan”: <reason>". */
  readonly message: string;
}

/** `shownReason` replaces `reason` in the app's sentence where the app, with no path beside it, says more. */
function readFailure(absolute: string, reason: string, shownReason = reason): Result<never, PlanReadFailure> {
  return fail({ reason, message: `Could not open “${path.basename(absolute)}”: ${shownReason}` });
}

/** "it is a folder, not a plan file", "it is a device (such as /dev/zero...), not a file": never read. */
function notAPlanFile(info: FileInfo): string {
  return info.kind === undefined || info.kind === 'folder'
    ? 'it is a folder, not a plan file'
    : `it is ${describeFileKind(info)}`;
}

/**
 * A plan file's text: it exists, is a file, is not absurdly large and is UTF-8. The CLI's validate
 * command starts here (it lists every schema problem itself); everything else calls readPlanFile.
 */
export async function readPlanText(filePath: string, fs: FsPort = nodeFs): Promise<Result<string, PlanReadFailure>> {
  const read = await readPlanTextAndBytes(filePath, fs);
  return read.ok ? ok(read.value.text) : read;
}

/** readPlanText, with the bytes the text was decoded from. */
async function readPlanTextAndBytes(
  filePath: string,
  fs: FsPort,
): Promise<Result<{ text: string; bytes: Uint8Array }, PlanReadFailure>> {
  const bytes = await readPlanBytes(filePath, fs);
  return bytes.ok ? decodedPlanBytes(filePath, bytes.value) : bytes;
}

/** A plan file's bytes: it exists, is a file and is not absurdly large. */
async function readPlanBytes(filePath: string, fs: FsPort): Promise<Result<Uint8Array, PlanReadFailure>> {
  const absolute = path.resolve(filePath);
  try {
    const info = await fs.stat(absolute);
    if (info === null) {
      const missing = 'the file does not exist';
      return readFailure(absolute, `${missing} (check the path)`, `${missing} (${absolute})`);
    }
    if (!info.isFile) return readFailure(absolute, notAPlanFile(info));
    if (info.size > MAX_PLAN_FILE_BYTES) {
      return readFailure(
        absolute,
        `at ${Math.round(info.size / 1024 / 1024)} MB it is too large to be a Pixel Ledger plan`,
      );
    }
    return ok(await fs.readFile(absolute));
  } catch (error) {
    return readFailure(absolute, describeFsError(error, 'read'));
  }
}

/** The bytes as text, when they are UTF-8 (or UTF-16 with its byte-order mark). */
function decodedPlanBytes(
  filePath: string,
  bytes: Uint8Array,
): Result<{ text: string; bytes: Uint8Array }, PlanReadFailure> {
  const text = decodePlanBytes(bytes);
  // UTF-16 is read as the UTF-8 it is written back as: what the rest of the reader takes for the file.
  if (text !== null) return ok({ text, bytes: utf16Of(bytes) === null ? bytes : Buffer.from(text, 'utf8') });
  return readFailure(
    path.resolve(filePath),
    'the file is not text (it may be a different kind of file), so it is not a Pixel Ledger plan',
  );
}

/**
 * A plan file's bytes as text, as `new TextDecoder('utf-8', { fatal: true })` reads them (a leading
 * byte-order mark dropped), or as UTF-16 when a UTF-16 byte-order mark begins them; null when they are
 * neither. Checked natively first, then decoded
 * in one step: ASCII, the usual plan, is copied as it is rather than decoded (a 100k-row plan is 60 MB).
 */
export function decodePlanBytes(bytes: Uint8Array): string | null {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (isAscii(buffer)) return buffer.toString('latin1');
  const utf16 = utf16Of(buffer);
  if (utf16 !== null) {
    try {
      return new TextDecoder(utf16, { fatal: true }).decode(buffer.subarray(2));
    } catch {
      return null;
    }
  }
  if (!isUtf8(buffer)) return null;
  const bom = buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf;
  return buffer.toString('utf8', bom ? 3 : 0);
}

/**
 * The UTF-16 a file is written in, by its byte-order mark (an editor's "Unicode", as Windows Notepad saved
 * text before 2019), or null for any other file.
 */
function utf16Of(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return null;
}

/**
 * Reads a plan file: the one reader for the app (open, start-up, recent files) and the CLI. Only reads:
 * a file that is too new, corrupt or not a plan is left exactly as it was, and the failure says why.
 */
export async function readPlanFile(
  filePath: string,
  fs: FsPort = nodeFs,
): Promise<Result<PlanDocument, PlanReadFailure>> {
  const text = await readPlanText(filePath, fs);
  if (!text.ok) return text;
  const parsed = parsePlanText(text.value);
  return parsed.ok ? parsed : readFailure(path.resolve(filePath), parsed.error);
}

/**
 * readPlanFile, and the file's JSON text as bytes when the plan read is exactly what they hold (the
 * current schema version, nothing migrated, dropped or defaulted): the browser host sends those bytes
 * as they are instead of writing the plan out again (node/ipc/plan-file-bytes.ts). Same checks and
 * messages as readPlanFile; a file that does not parse, or nests too deep, gets parsePlanText's.
 *
 * `beforeValidating` is given the bytes (without a byte-order mark) of a file that begins as a plan
 * does, once they are read and before they are checked, so a caller can start sending them meanwhile
 * (the browser host, node/handlers/handler-types.ts); what this returns still decides.
 */
export async function readPlanFileAsWritten(
  filePath: string,
  fs: FsPort = nodeFs,
  beforeValidating?: (bytes: Uint8Array) => Promise<void>,
): Promise<Result<{ document: PlanDocument; asWritten: Uint8Array | null }, PlanReadFailure>> {
  const fileBytes = await readPlanBytes(filePath, fs);
  if (!fileBytes.ok) return fileBytes;
  if (beforeValidating && beginsAsAPlan(fileBytes.value)) await beforeValidating(withoutByteOrderMark(fileBytes.value));
  const read = decodedPlanBytes(filePath, fileBytes.value);
  if (!read.ok) return read;
  const { text, bytes } = read.value;
  let value: unknown;
  try {
    value = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch {
    value = undefined;
  }
  const parsed = value === undefined || valueNestsDeeperThan(value) ? parsePlanText(text) : parsePlanDocument(value);
  if (!parsed.ok) return readFailure(path.resolve(filePath), parsed.error);
  const asWritten = isAsWritten(parsed.value, value) ? withoutByteOrderMark(bytes) : null;
  return ok({ document: parsed.value, asWritten });
}

/**
 * The validated plan equals the parsed file: its rows are the file's own (validation kept them, as it
 * does unless something had to change), and everything else has the same keys, in the same order, with
 * the same JSON.
 */
function isAsWritten(plan: PlanDocument, value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const file = value as Record<string, unknown>;
  const read = plan as unknown as Record<string, unknown>;
  if (read.rows !== file.rows) return false;
  const keys = Object.keys(read);
  const fileKeys = Object.keys(file);
  if (keys.length !== fileKeys.length || keys.some((k, i) => k !== fileKeys[i])) return false;
  return keys.every((k) => k === 'rows' || JSON.stringify(read[k]) === JSON.stringify(file[k]));
}

/**
 * `{"schemaVersion": <digit>` at the start (after a byte-order mark and white space): how every plan file
 * begins, and what no file of another kind (a key, a config, a password file) does. Only bytes that
 * pass are handed on before validation, so a page that names another file never sees its contents.
 */
const PLAN_BEGINNING = /^(?:\uFEFF)?\s*\{\s*"schemaVersion"\s*:\s*\d/;

export function beginsAsAPlan(bytes: Uint8Array): boolean {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 256)).toString('utf8');
  return PLAN_BEGINNING.test(head);
}

function withoutByteOrderMark(bytes: Uint8Array): Uint8Array {
  return bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
}

/** Saves with the plan-file extension added when the chosen name lacks it. */
export function withPlanExtension(filePath: string): string {
  return path.extname(filePath).toLowerCase() === PLAN_FILE_EXTENSION ? filePath : `${filePath}${PLAN_FILE_EXTENSION}`;
}

/**
 * Saves atomically, keeping the previous version as `<name>.pxplan.bak`. The text is serializePlan's,
 * made and written a few thousand rows at a time (planTextPieces).
 */
export async function savePlanFile(
  filePath: string,
  document: PlanDocument,
  fs: FsPort = nodeFs,
): Promise<Result<{ path: string }>> {
  const absolute = path.resolve(filePath);
  const written = await writeFileAtomically(absolute, { pieces: planTextPieces(document) }, { keepBackup: true, fs });
  if (written.ok) return written;
  const kept = written.error.existed ? 'The previous version is unchanged.' : 'Nothing was written.';
  return fail(`Could not save “${path.basename(absolute)}”: ${written.error.reason}. ${kept}`);
}
