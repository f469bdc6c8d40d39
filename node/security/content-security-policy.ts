/**
 * The renderer's Content-Security-Policy, the same in the desktop app (response header of the app://
 * protocol) and in the browser host (response header), so end-to-end tests run under the real policy.
 * No eval and no inline scripts; inline styles are allowed because AG Grid and the chart library set
 * element styles at run time; images and fonts may be data: URIs (AG Grid's icon theme embeds them).
 * connect-src 'self' is what the HTTP bridge needs in the browser host; in Electron nothing connects.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-src 'none'",
  "frame-ancestors 'none'",
].join('; ');
