import type http from 'node:http';

/**
 * Reading requests and writing replies for the browser host: JSON bodies (with a size limit and the
 * content type that keeps cross-site pages out) and errors that carry their HTTP status.
 */

/** A 100k-row plan is about 60 MB of JSON; this leaves room and still refuses absurd bodies. */
const MAX_BODY_BYTES = 300 * 1024 * 1024;

/** A refused request: the status and the message sent back as {error}. */
export class RequestError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

/**
 * `body` as JSON, with `json` (the UTF-8 bytes of a JSON value) written where `body` holds the string
 * `slot`: a large value already held as JSON text (a plan file) is sent without being written out again.
 */
export function sendJsonWithValueBytes(
  res: http.ServerResponse,
  status: number,
  body: unknown,
  slot: string,
  json: Uint8Array,
): void {
  const text = JSON.stringify(body);
  const marker = JSON.stringify(slot);
  const at = text.indexOf(marker);
  if (at < 0 || text.indexOf(marker, at + 1) >= 0) throw new Error('the reply does not hold its value slot once');
  const head = Buffer.from(text.slice(0, at));
  const tail = Buffer.from(text.slice(at + marker.length));
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'content-length': head.byteLength + json.byteLength + tail.byteLength,
  });
  res.write(head);
  res.write(json);
  res.end(tail);
}

/** Answers a failed request with its status (500 for anything unexpected), unless a reply has begun. */
export function sendError(res: http.ServerResponse, error: unknown): void {
  const status = error instanceof RequestError ? error.status : 500;
  const message = error instanceof Error ? error.message : String(error);
  if (!res.headersSent) sendJson(res, status, { error: message });
  else res.end();
}

export async function readJsonBody(req: http.IncomingMessage): Promise<unknown> {
  const contentType = req.headers['content-type'] ?? '';
  // Requiring JSON forces a CORS preflight for any cross-site page, which this host never answers.
  if (!contentType.toLowerCase().startsWith('application/json'))
    throw new RequestError(415, 'requests must be sent as application/json');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.byteLength;
    if (size > MAX_BODY_BYTES) throw new RequestError(413, 'the request is too large');
    chunks.push(buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text === '') return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new RequestError(400, 'the request body is not valid JSON');
  }
}

/** A non-empty string field of a JSON body, or a 400 naming the field. */
export function stringField(body: unknown, field: string): string {
  if (typeof body === 'object' && body !== null && field in body) {
    const value: unknown = Reflect.get(body, field);
    if (typeof value === 'string' && value !== '') return value;
  }
  throw new RequestError(400, `expected a JSON object with a non-empty string "${field}"`);
}
