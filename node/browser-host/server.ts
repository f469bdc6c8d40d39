import http from 'node:http';
import { promises as fs, existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { EVENTS, MenuCommand, type EventChannel, type EventPayload } from '../../shared/ipc/contract';
import { createHandlers } from '../handlers';
import type { HandlerContext } from '../handlers/handler-types';
import { dispatch } from '../ipc/dispatch';
import { rendererAssetHeaders, resolveRendererAsset } from '../static/renderer-assets';
import { RecordingDesktop } from './host-desktop';
import { ScriptedDialogs } from './host-dialogs';

/**
 * The browser host: serves the built renderer on 127.0.0.1 and answers the IPC contract over HTTP with
 * the same dispatcher and the same handlers as the Electron main process. File dialogs are answered by
 * the test (or by hand through the /__test endpoints). Plain Node: it never imports electron.
 *
 *   POST /ipc/<channel>      body: the argument object; reply {result} or {error, kind}
 *   GET  /events             Server-Sent Events, one named event per contract event
 *   POST /__test/next-open-path {path} · /__test/next-save-path {path} · /__test/cancel-next-dialog {type?}
 *   POST /__test/menu-command {command} · GET /__test/state
 */

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const DEFAULT_RENDERER_DIR = path.join(projectRoot, 'out/renderer');

/** A 100k-row plan is about 60 MB of JSON; this leaves room and still refuses absurd bodies. */
const MAX_BODY_BYTES = 300 * 1024 * 1024;

export interface BrowserHostOptions {
  userDataDir: string;
  rendererDir?: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Plays the role of a plan file passed on the command line. */
  launchPath?: string | null;
  appVersion?: string;
  now?: () => Date;
  /** What the "system" theme resolves to (the host has no OS theme). */
  systemDark?: boolean;
}

export interface BrowserHost {
  readonly url: string;
  readonly port: number;
  readonly userDataDir: string;
  readonly dialogs: ScriptedDialogs;
  readonly desktop: RecordingDesktop;
  /** Sends a menu command as the native menu would; waits until the page listens for events. */
  sendMenuCommand(command: MenuCommand): Promise<void>;
  emit<C extends EventChannel>(channel: C, payload: EventPayload<C>): Promise<void>;
  /** Resolves once at least one page is subscribed to /events. */
  waitForEventSubscriber(timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

function readAppVersion(): string {
  try {
    const pkg: unknown = JSON.parse(readFileSync(path.join(projectRoot, 'package.json'), 'utf8'));
    if (typeof pkg === 'object' && pkg !== null && 'version' in pkg && typeof pkg.version === 'string')
      return pkg.version;
  } catch {
    // fall through
  }
  return '0.0.0';
}

/** Why the host cannot start from rendererDir (its index.html is missing), or null when it can. */
export function rendererBuildMissing(rendererDir = DEFAULT_RENDERER_DIR): string | null {
  const index = path.join(rendererDir, 'index.html');
  return existsSync(index)
    ? null
    : `The renderer is not built (${index} is missing). Run \`npm run build\` (or \`node scripts/build.mjs renderer\`) first.`;
}

class RequestError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

async function readJsonBody(req: http.IncomingMessage): Promise<unknown> {
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

function stringField(body: unknown, field: string): string {
  if (typeof body === 'object' && body !== null && field in body) {
    const value: unknown = Reflect.get(body, field);
    if (typeof value === 'string' && value !== '') return value;
  }
  throw new RequestError(400, `expected a JSON object with a non-empty string "${field}"`);
}

export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const rendererDir = path.resolve(options.rendererDir ?? DEFAULT_RENDERER_DIR);
  const missing = rendererBuildMissing(rendererDir);
  if (missing !== null) throw new Error(missing);
  await fs.mkdir(options.userDataDir, { recursive: true });

  const subscribers = new Set<http.ServerResponse>();
  const subscriberWaiters = new Set<() => void>();

  const writeEvent = <C extends EventChannel>(channel: C, payload: EventPayload<C>): void => {
    const data = EVENTS[channel].parse(payload);
    const frame = `event: ${channel}\ndata: ${JSON.stringify(data)}\n\n`;
    for (const res of subscribers) res.write(frame);
  };

  const dialogs = new ScriptedDialogs();
  const desktop = new RecordingDesktop(options.systemDark ?? false, (dark) => writeEvent('theme:changed', { dark }));
  const handlers = createHandlers(desktop);
  const ctx: HandlerContext = {
    dialogs,
    userDataDir: options.userDataDir,
    appVersion: options.appVersion ?? readAppVersion(),
    shell: 'browser',
    launchPath: options.launchPath ?? null,
    now: options.now ?? (() => new Date()),
  };

  let port = 0;
  const allowedHosts = (): string[] => [`127.0.0.1:${port}`, `localhost:${port}`];

  const waitForEventSubscriber = (timeoutMs = 15_000): Promise<void> => {
    if (subscribers.size > 0) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const done = (): void => {
        clearTimeout(timer);
        subscriberWaiters.delete(done);
        resolve();
      };
      const timer = setTimeout(() => {
        subscriberWaiters.delete(done);
        reject(
          new Error(
            `no page subscribed to /events within ${timeoutMs} ms: is the renderer loaded and listening (getApi().on)?`,
          ),
        );
      }, timeoutMs);
      subscriberWaiters.add(done);
    });
  };

  const emit = async <C extends EventChannel>(channel: C, payload: EventPayload<C>): Promise<void> => {
    await waitForEventSubscriber();
    writeEvent(channel, payload);
  };

  const handleTestEndpoint = async (
    name: string,
    req: http.IncomingMessage,
    res: http.ServerResponse,
  ): Promise<void> => {
    if (name === 'state' && req.method === 'GET') {
      sendJson(res, 200, {
        documentState: desktop.documentState,
        closeConfirmations: desktop.closeConfirmations,
        themeSource: desktop.themeSource,
        openedUrls: desktop.openedUrls,
        dialogsAsked: dialogs.asked,
        unusedDialogAnswers: dialogs.unusedAnswers,
        eventSubscribers: subscribers.size,
      });
      return;
    }
    if (req.method !== 'POST') throw new RequestError(405, 'use POST');
    const body = await readJsonBody(req);
    switch (name) {
      case 'next-open-path':
        dialogs.setNextOpenPath(stringField(body, 'path'));
        break;
      case 'next-save-path':
        dialogs.setNextSavePath(stringField(body, 'path'));
        break;
      case 'cancel-next-dialog': {
        const type: unknown = typeof body === 'object' && body !== null ? Reflect.get(body, 'type') : undefined;
        dialogs.cancelNextDialog(type === 'open' || type === 'save' ? type : 'any');
        break;
      }
      case 'menu-command': {
        const command = MenuCommand.safeParse(stringField(body, 'command'));
        if (!command.success)
          throw new RequestError(400, `unknown menu command; expected one of ${MenuCommand.options.join(', ')}`);
        await emit('menu:command', { command: command.data });
        break;
      }
      default:
        throw new RequestError(404, `no test endpoint "${name}"`);
    }
    sendJson(res, 200, { ok: true });
  };

  const serveAsset = async (pathname: string, res: http.ServerResponse): Promise<void> => {
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
  };

  const openEventStream = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
    res.write(': connected\n\n');
    subscribers.add(res);
    for (const waiter of [...subscriberWaiters]) waiter();
    req.on('close', () => subscribers.delete(res));
  };

  const server = http.createServer((req, res) => {
    void (async () => {
      try {
        // Only this machine's loopback names: refuses DNS-rebinding pages that point a domain at 127.0.0.1.
        if (!allowedHosts().includes(req.headers.host ?? '')) throw new RequestError(421, 'unexpected Host header');
        const origin = req.headers.origin;
        if (origin !== undefined && !allowedHosts().some((h) => origin === `http://${h}`))
          throw new RequestError(403, 'cross-origin requests are refused');
        const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
        if (url.pathname.startsWith('/ipc/')) {
          if (req.method !== 'POST') throw new RequestError(405, 'use POST');
          const channel = decodeURIComponent(url.pathname.slice('/ipc/'.length));
          const args = await readJsonBody(req);
          const outcome = await dispatch(handlers, channel, args, ctx);
          // A refused request is still a delivered reply (HTTP 200 with {error}), as ipcRenderer.invoke
          // rejects without a network error; it also keeps Chromium's console free of resource errors.
          sendJson(res, 200, outcome.ok ? { result: outcome.result } : { error: outcome.error, kind: outcome.kind });
        } else if (url.pathname === '/events') {
          openEventStream(req, res);
        } else if (url.pathname.startsWith('/__test/')) {
          await handleTestEndpoint(url.pathname.slice('/__test/'.length), req, res);
        } else if (req.method === 'GET' || req.method === 'HEAD') {
          await serveAsset(url.pathname, res);
        } else {
          throw new RequestError(405, 'method not allowed');
        }
      } catch (error) {
        const status = error instanceof RequestError ? error.status : 500;
        const message = error instanceof Error ? error.message : String(error);
        if (!res.headersSent) sendJson(res, status, { error: message });
        else res.end();
      }
    })();
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('the browser host did not get a TCP port');
  port = address.port;

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    userDataDir: options.userDataDir,
    dialogs,
    desktop,
    sendMenuCommand: (command) => emit('menu:command', { command }),
    emit,
    waitForEventSubscriber,
    async close() {
      for (const res of subscribers) res.end();
      subscribers.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

interface CliOptions {
  port: number;
  userDataDir: string;
  rendererDir: string;
  launchPath: string | null;
}

function parseCliArguments(argv: readonly string[]): CliOptions {
  const options: CliOptions = {
    port: 5780,
    userDataDir: path.join(os.homedir(), '.pixel-ledger-browser-host'),
    rendererDir: DEFAULT_RENDERER_DIR,
    launchPath: null,
  };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] ?? '';
    const value = (): string => {
      const next = argv[i + 1];
      if (next === undefined) throw new Error(`${arg} needs a value`);
      i += 1;
      return next;
    };
    if (arg === '--port') options.port = Number(value());
    else if (arg === '--user-data-dir') options.userDataDir = path.resolve(value());
    else if (arg === '--renderer-dir') options.rendererDir = path.resolve(value());
    else if (arg === '--help') {
      console.log('usage: npm run host -- [--port N] [--user-data-dir DIR] [--renderer-dir DIR] [PLAN.pxplan]');
      process.exit(0);
    } else if (arg.startsWith('--')) throw new Error(`unknown option ${arg} (try --help)`);
    else options.launchPath = path.resolve(arg);
  }
  if (!Number.isInteger(options.port) || options.port < 0 || options.port > 65535)
    throw new Error('--port must be a whole number from 0 to 65535');
  return options;
}

async function runCli(): Promise<void> {
  const options = parseCliArguments(process.argv.slice(2));
  const host = await startBrowserHost(options);
  console.log(`Pixel Ledger browser host: ${host.url}  (app state in ${host.userDataDir})`);
  console.log(
    `Dialogs: curl -X POST -H 'content-type: application/json' -d '{"path":"/abs/plan.pxplan"}' ${host.url}/__test/next-open-path`,
  );
  const stop = (): void => {
    void host.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

const entry = process.argv[1];
if (entry !== undefined && import.meta.url === pathToFileURL(path.resolve(entry)).href) {
  runCli().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  });
}
