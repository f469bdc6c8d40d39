import type { z } from 'zod';
import { isRequestChannel, REQUESTS, type RequestChannel } from '../../shared/ipc/contract';
import { describeZodError } from '../../shared/plan/plan-document';
import { safeMessage } from '../../shared/safe-text';
import type { HandlerContext, HandlerMap } from '../handlers/handler-types';

/**
 * The single entry for every request, in Electron (ipcMain.handle) and in the browser host (POST
 * /ipc/<channel>): the channel must exist, the argument must match the contract, the handler runs, and
 * its result must match the contract too (a result that does not is a bug here, never sent on).
 */
export type DispatchOutcome = { ok: true; result: unknown } | { ok: false; error: string; kind: DispatchFailure };
export type DispatchFailure = 'unknown-channel' | 'invalid-arguments' | 'handler-failed' | 'invalid-result';

export async function dispatch(
  handlers: HandlerMap,
  channel: string,
  rawArgs: unknown,
  ctx: HandlerContext,
): Promise<DispatchOutcome> {
  if (!isRequestChannel(channel)) {
    return {
      ok: false,
      kind: 'unknown-channel',
      error: `unknown channel "${channel}": it is not part of the IPC contract`,
    };
  }
  return dispatchKnown(handlers, channel, rawArgs, ctx);
}

async function dispatchKnown<C extends RequestChannel>(
  handlers: HandlerMap,
  channel: C,
  rawArgs: unknown,
  ctx: HandlerContext,
): Promise<DispatchOutcome> {
  const schemas = REQUESTS[channel];
  const args = schemas.args.safeParse(rawArgs);
  if (!args.success) {
    return {
      ok: false,
      kind: 'invalid-arguments',
      error: `${channel}: invalid arguments: ${describeZodError(args.error)}`,
    };
  }
  const handler = handlers[channel];
  let result: unknown;
  try {
    // The schema looked up by `channel` parses exactly this handler's argument type; TypeScript cannot
    // correlate the two lookups through the generic key.
    result = await handler(args.data as z.output<(typeof REQUESTS)[C]['args']>, ctx);
  } catch (error) {
    return {
      ok: false,
      kind: 'handler-failed',
      error: safeMessage(`${channel} failed: ${error instanceof Error ? error.message : String(error)}`),
    };
  }
  const checked = schemas.result.safeParse(result);
  if (!checked.success) {
    return {
      ok: false,
      kind: 'invalid-result',
      error: `${channel}: the main process produced an invalid result (${describeZodError(checked.error)})`,
    };
  }
  return { ok: true, result: checked.data };
}
