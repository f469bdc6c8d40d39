import { PLAN_BYTES_HEADER, PLAN_SLOT_HEADER } from '../../../shared/ipc/plan-stream';

/**
 * The browser host's reply to plan:open when it sent the plan file's bytes ahead of its verdict
 * (shared/ipc/plan-stream.ts): the plan is parsed as soon as its bytes are here, while the host still
 * validates them, and is given back only where the verdict puts it. A refusal drops it unseen.
 */
export interface PlanSentFirst {
  /** The reply's JSON that followed the plan (the same reply the host sends otherwise). */
  readonly reply: unknown;
  /** The plan, parsed from the bytes sent first (undefined when they were not JSON). */
  readonly plan: unknown;
  /** The string the reply holds in place of that plan. */
  readonly slot: string;
}

/**
 * Null when the reply does not begin with a plan (an ordinary JSON reply). `onPlan` is given the plan as
 * soon as it is parsed, before the verdict (InvokeOptions.onUnverifiedPlan).
 */
export async function readPlanSentFirst(
  response: Response,
  onPlan?: (plan: unknown) => void,
): Promise<PlanSentFirst | null> {
  const size = Number(response.headers.get(PLAN_BYTES_HEADER) ?? NaN);
  const slot = response.headers.get(PLAN_SLOT_HEADER);
  // Checked before the body is touched: an ordinary reply is read with response.json().
  if (!Number.isSafeInteger(size) || size < 0 || slot === null || response.body === null) return null;
  const reader = response.body.getReader();
  const planBytes = new Uint8Array(size);
  let filled = 0;
  let plan: unknown = undefined;
  const rest: Uint8Array[] = [];
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    let chunk = value;
    if (filled < size) {
      const taken = Math.min(size - filled, chunk.byteLength);
      planBytes.set(chunk.subarray(0, taken), filled);
      filled += taken;
      chunk = chunk.subarray(taken);
      // Parsed now, while the host validates the same bytes; its verdict follows.
      if (filled === size) {
        plan = parsePlanBytes(planBytes);
        if (plan !== undefined) onPlan?.(plan);
      }
    }
    if (chunk.byteLength > 0) rest.push(chunk);
  }
  return { reply: filled === size ? parsePlanBytes(concat(rest)) : undefined, plan, slot };
}

/**
 * `result` with the plan sent first where it holds the slot (plan.document), else as it is. Throws when
 * the verdict names a plan that did not arrive whole. Also for the desktop app's PlanBytesReply
 * (preload-bridge.ts), whose plan comes with its verdict.
 */
export function withPlanSentFirst(result: unknown, sent: Pick<PlanSentFirst, 'plan' | 'slot'>): unknown {
  if (!isRecord(result) || !isRecord(result.plan) || result.plan.document !== sent.slot) return result;
  if (sent.plan === undefined) throw new Error('the plan sent ahead of the reply did not arrive whole');
  return { ...result, plan: { ...result.plan, document: sent.plan } };
}

/** withPlanSentFirst for a reply to `channel`, its failure named by the channel as other refusals are. */
export function resultWithPlanSentFirst(channel: string, result: unknown, sent: Pick<PlanSentFirst, 'plan' | 'slot'>) {
  try {
    return withPlanSentFirst(result, sent);
  } catch (error) {
    throw new Error(`${channel}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** JSON bytes (UTF-8; a leading byte-order mark is dropped) as a value, or undefined when they are not JSON. */
export function parsePlanBytes(bytes: Uint8Array): unknown {
  try {
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    return undefined;
  }
}

function concat(chunks: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((sum, c) => sum + c.byteLength, 0));
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.byteLength;
  }
  return out;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
