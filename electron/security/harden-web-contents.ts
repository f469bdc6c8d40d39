import type { Session, WebContents } from 'electron';
import { isAppPageUrl } from '../ipc/sender-frame';
import { isSafeExternalUrl } from '../../node/security/external-url';

/**
 * The renderer shows one page and nothing else: no navigation away, no new windows, no <webview>, no
 * permissions (camera, notifications, clipboard-read...). Web links go to the OS browser, and only
 * http(s) ones.
 */
export interface HardeningOptions {
  /** scheme://host of our own page; a same-page navigation (e.g. a hash change) is allowed. */
  appBaseUrl: string;
  openExternal: (url: string) => void;
}

export function hardenWebContents(contents: WebContents, options: HardeningOptions): void {
  const refuseNavigation = (event: { preventDefault(): void }, url: string): void => {
    if (isAppPageUrl(url, options.appBaseUrl)) return;
    event.preventDefault();
    if (isSafeExternalUrl(url)) options.openExternal(url);
  };
  contents.on('will-navigate', (event, url) => refuseNavigation(event, url));
  contents.on('will-redirect', (event, url) => refuseNavigation(event, url));
  contents.setWindowOpenHandler(({ url }) => {
    if (isSafeExternalUrl(url)) options.openExternal(url);
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

export function denyAllPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}
