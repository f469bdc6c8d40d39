import { randomUUID } from 'node:crypto';
import type { PlanDocument } from '../../shared/plan/plan-schema';

/**
 * Plans read from a file that holds exactly them (readPlanFileAsWritten), with that file's JSON bytes:
 * both shells send the bytes in place of the plan (the browser host in its reply, router.ts; Electron's
 * main as a PlanBytesReply, register-ipc.ts), so a 100k-row plan is not written out again, packed or
 * cloned value by value only to be rebuilt in the page. Held weakly: the bytes go when the plan does.
 * Plans are never changed in place (every edit makes a new document).
 */
const fileBytes = new WeakMap<PlanDocument, Uint8Array>();

export function rememberFileBytes(plan: PlanDocument, bytes: Uint8Array | null): PlanDocument {
  if (bytes !== null) fileBytes.set(plan, bytes);
  return plan;
}

export function fileBytesOf(plan: unknown): Uint8Array | undefined {
  return typeof plan === 'object' && plan !== null ? fileBytes.get(plan as PlanDocument) : undefined;
}

/** A result carrying a plan read as written, split into the file's bytes and the result around them. */
export interface PlanFileReply {
  /** The plan file's bytes (fileBytesOf the result's plan document). */
  readonly bytes: Uint8Array;
  /** The string standing in the result where the plan belongs. */
  readonly slot: string;
  /** The result with `slot` in place of its plan's document. */
  readonly result: Record<string, unknown>;
}

/**
 * `result` ({plan: {document, ...}, ...}) split as PlanFileReply when its plan document was read from a
 * file that holds exactly it, with `slot` (else a new one, made only then) in the plan's place; null for
 * any other result (nothing to gain: it goes as it is).
 */
export function planFileReply(result: unknown, slot?: string): PlanFileReply | null {
  const plan = isRecord(result) && isRecord(result.plan) ? result.plan : null;
  const bytes = plan === null ? undefined : fileBytesOf(plan.document);
  if (plan === null || bytes === undefined || !isRecord(result)) return null;
  const standIn = slot ?? newPlanSlot();
  return { bytes, slot: standIn, result: { ...result, plan: { ...plan, document: standIn } } };
}

/** A string no path, name or message holds: where a plan sent as bytes belongs in a reply. */
export function newPlanSlot(): string {
  return `plan-file-bytes:${randomUUID()}`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
