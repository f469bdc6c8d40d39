import type { PixelLedgerApi } from '../../../shared/ipc/contract';
import { createHttpBridge } from './http-bridge';
import { bridgeFromPreload } from './preload-bridge';

let bridge: PixelLedgerApi | null = null;

/**
 * The one way the renderer reaches the main process: the Electron preload's `window.pixelLedger` when
 * running in the desktop app (preload-bridge.ts), else the HTTP bridge to the browser host (tests,
 * `npm run host`).
 */
export function getApi(): PixelLedgerApi {
  bridge ??= window.pixelLedger ? bridgeFromPreload(window.pixelLedger) : createHttpBridge();
  return bridge;
}
