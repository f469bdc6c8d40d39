import { readFile } from 'node:fs/promises';
import type { Protocol } from 'electron';
import { rendererAssetHeaders, resolveRendererAsset } from '../node/static/renderer-assets';

/**
 * The packaged renderer is served from app://pixel-ledger/ instead of file://: a real origin (so the
 * sender-frame check and 'self' in the CSP mean "our page" and not "any local file"), and every
 * response carries the CSP header.
 */
const APP_SCHEME = 'app';
const APP_HOST = 'pixel-ledger';
export const APP_BASE_URL = `${APP_SCHEME}://${APP_HOST}/`;

/** Must run before the app is ready. */
export function registerAppSchemePrivileges(protocol: Protocol): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
  ]);
}

export async function rendererResponse(rendererDir: string, requestUrl: string): Promise<Response> {
  const url = new URL(requestUrl);
  const file = url.host === APP_HOST ? resolveRendererAsset(rendererDir, url.pathname) : null;
  if (file === null) return new Response('Not found', { status: 404 });
  try {
    const body = await readFile(file);
    return new Response(body, { status: 200, headers: rendererAssetHeaders(file) });
  } catch {
    return new Response('Not found', { status: 404 });
  }
}

export function serveRenderer(protocol: Protocol, rendererDir: string): void {
  protocol.handle(APP_SCHEME, (request) => rendererResponse(rendererDir, request.url));
}
