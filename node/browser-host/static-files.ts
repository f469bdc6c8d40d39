import { promises as fs } from 'node:fs';
import type http from 'node:http';
import { rendererAssetHeaders, resolveRendererAsset } from '../static/renderer-assets';
import { RequestError } from './http-io';

/**
 * GET of anything else: a file of the built renderer, with the same headers (and CSP) as Electron's
 * app:// protocol. Paths that leave the renderer folder are refused by resolveRendererAsset.
 */
export async function serveRendererFile(
  rendererDir: string,
  pathname: string,
  res: http.ServerResponse,
): Promise<void> {
  if (pathname === '/favicon.ico') {
    // Browsers ask for it on their own; the renderer has none, and a 404 would be console noise.
    res.writeHead(204).end();
    return;
  }
  const file = resolveRendererAsset(rendererDir, pathname);
  if (file === null) throw new RequestError(400, 'bad path');
  let body: Buffer;
  try {
    body = await fs.readFile(file);
  } catch {
    throw new RequestError(404, `not found: ${pathname}`);
  }
  res.writeHead(200, {
    ...rendererAssetHeaders(file),
    'content-length': body.byteLength,
    'cache-control': 'no-store',
  });
  res.end(body);
}
