import type { PreloadApi } from '../../../shared/ipc/contract';

declare global {
  interface Window {
    /** Exposed by the Electron preload; absent when the renderer runs in a plain browser. Use getApi(). */
    readonly pixelLedger?: PreloadApi;
  }
}

export {};
