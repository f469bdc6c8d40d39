/**
 * Opening a plan through the browser host without waiting twice: the page's bridge asks for it with
 * PLAN_STREAM_HEADER, and when the file begins as a plan the host sends the file's JSON first, as soon as
 * it is read, then validates it and sends its usual reply after it. The page parses the plan while the
 * host checks it, and opens it only if the reply says so (node/browser-host/router.ts,
 * renderer/src/bridge/http-bridge.ts).
 *
 * Such a reply's body is the plan's N bytes (N in PLAN_BYTES_HEADER), then the reply's JSON, which holds
 * the string in PLAN_SLOT_HEADER where the plan sent first belongs.
 */
export const PLAN_STREAM_HEADER = 'x-pixel-ledger-plan-stream';
export const PLAN_BYTES_HEADER = 'x-pixel-ledger-plan-bytes';
export const PLAN_SLOT_HEADER = 'x-pixel-ledger-plan-slot';
