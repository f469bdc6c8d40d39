/**
 * Which renderer may talk to the main process: only the top frame of our own window, showing our own
 * page (app://pixel-ledger, or the Vite dev server during development). Anything else — an iframe,
 * a page navigated elsewhere, another window — is refused. Pure, so it is tested without Electron.
 */
export interface SenderFrame {
  url: string;
  /** The frame is the top frame of the window's page (not an iframe). */
  isMainFrame: boolean;
  /** The frame belongs to the app's own window. */
  isOurWindow: boolean;
}

/**
 * Where our page lives: `app://pixel-ledger` (the bundled renderer served by our own protocol) or the Vite
 * dev server's origin during development. Compared as scheme + host, since URL.origin is "null" for
 * custom schemes.
 */
export interface AppPageLocation {
  baseUrl: string;
}

function schemeAndHost(url: URL): string {
  return `${url.protocol}//${url.host}`;
}

/** Whether an address is on our own page (same scheme and host as appBaseUrl); an unreadable one is not. */
export function isAppPageUrl(url: string | URL, appBaseUrl: string): boolean {
  try {
    return schemeAndHost(new URL(url)) === schemeAndHost(new URL(appBaseUrl));
  } catch {
    return false;
  }
}

/** Returns null when the frame may send, else the reason it may not. */
export function senderFrameRejection(frame: SenderFrame | null, app: AppPageLocation): string | null {
  if (frame === null) return 'the sending frame is gone';
  if (!frame.isOurWindow) return 'the message did not come from the Pixel Ledger window';
  if (!frame.isMainFrame) return 'the message came from an embedded frame, not the Pixel Ledger page';
  let url: URL;
  try {
    url = new URL(frame.url);
  } catch {
    return `the sending page has an unreadable address (${frame.url})`;
  }
  if (isAppPageUrl(url, app.baseUrl)) return null;
  const expected = new URL(app.baseUrl);
  const where = url.protocol === 'file:' ? `file://${url.pathname}` : schemeAndHost(url);
  return `the sending page (${where}) is not the Pixel Ledger page (${schemeAndHost(expected)})`;
}
