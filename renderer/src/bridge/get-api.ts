import type { PixelLedgerApi } from '../../../shared/ipc/contract';
import { createHttpBridge } from './http-bridge';

let httpBridge: PixelLedgerApi | null = null;

/**
 * The one way the renderer reaches the main process: the Electron preload's `window.pixelLedger` when
 * running in the desktop app, else the HTTP bridge to the browser host (tests, `npm run host`).
 */
export function getApi(): PixelLedgerApi {
  if (window.pixelLedger) return window.pixelLedger;
  httpBridge ??= createHttpBridge();
  return httpBridge;
}
