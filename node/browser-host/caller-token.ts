import { timingSafeEqual } from 'node:crypto';
import type http from 'node:http';
import { RequestError } from './http-io';

/** The cookie that carries the token after the first page load (HttpOnly: the page's scripts never see it). */
export const TOKEN_COOKIE = 'pixel-ledger-token';
/** The header a script or a test may send instead of the cookie. */
export const TOKEN_HEADER = 'x-pixel-ledger-token';

function sameSecret(given: string | undefined, token: string): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function cookieValue(req: http.IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=');
  }
  return undefined;
}

/**
 * Every request must carry the per-launch secret, as Jupyter's token does: any local process can reach
 * 127.0.0.1, but only whoever has the address the host printed gets in. The first page load brings it in
 * the URL (`/?token=…`) and receives it as a strict, HttpOnly cookie; later requests (the page's fetches
 * and its event stream) send the cookie, scripts and tests may send the header. Returns the Set-Cookie
 * value to send, or null; throws 403 without the token.
 */
export function checkToken(req: http.IncomingMessage, url: URL, token: string): string | null {
  if (sameSecret(cookieValue(req, TOKEN_COOKIE), token)) return null;
  const header = req.headers[TOKEN_HEADER];
  if (sameSecret(typeof header === 'string' ? header : undefined, token)) return null;
  if ((req.method === 'GET' || req.method === 'HEAD') && sameSecret(url.searchParams.get('token') ?? undefined, token))
    return `${TOKEN_COOKIE}=${token}; Path=/; HttpOnly; SameSite=Strict`;
  throw new RequestError(403, 'this browser host needs its token: open the address it printed at start');
}
