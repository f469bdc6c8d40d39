import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { promises as fs, existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EventChannel, EventPayload, MenuCommand } from '../../shared/ipc/contract';
import { createHandlers } from '../handlers';
import { FileAccess } from '../handlers/file-access';
import { readWorkbookBeside } from '../io/read-workbook';
import { EventStream } from './event-stream';
import { RecordingDesktop } from './host-desktop';
import { ScriptedDialogs } from './host-dialogs';
import { routeRequest, type HostRoutes } from './router';

/**
 * The browser host: serves the built renderer on 127.0.0.1 and answers the IPC contract over HTTP with
 * the same dispatcher and the same handlers as the Electron main process. File dialogs are answered by
 * the test (or by hand through the /__test endpoints). Plain Node: it never imports electron.
 * This file wires the parts: router.ts (which part answers), http-io.ts, event-stream.ts (GET /events),
 * test-endpoints.ts (/__test/...), static-files.ts; `npm run host` starts it from host-main.ts.
 */

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const DEFAULT_RENDERER_DIR = path.join(projectRoot, 'out/renderer');

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
  /**
   * Serve /__test/* (answer dialogs, send menu commands): only for test harnesses and people who ask for
   * it (`npm run host -- --test-endpoints`). Off by default.
   */
  testEndpoints?: boolean;
  /** The per-launch secret; a random one by default (tests may fix it). */
  token?: string;
}

export interface BrowserHost {
  /** The origin, http://127.0.0.1:<port>: requests also need the token. */
  readonly url: string;
  /** The per-launch secret every request must carry (cookie after the first page load, or a header). */
  readonly token: string;
  /** The address to open in a browser: the origin with `/?token=<token>`, as the host prints it. */
  readonly openUrl: string;
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

export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const rendererDir = path.resolve(options.rendererDir ?? DEFAULT_RENDERER_DIR);
  const missing = rendererBuildMissing(rendererDir);
  if (missing !== null) throw new Error(missing);
  await fs.mkdir(options.userDataDir, { recursive: true });

  const events = new EventStream();
  const dialogs = new ScriptedDialogs();
  const desktop = new RecordingDesktop(options.systemDark ?? false, (dark) => events.write('theme:changed', { dark }));
  let port = 0;
  const token = options.token ?? randomBytes(24).toString('hex');
  const routes: HostRoutes = {
    rendererDir,
    // Imports read in a worker (built by scripts/build.mjs), so the host answers while a workbook is read.
    handlers: createHandlers(
      desktop,
      new FileAccess(),
      readWorkbookBeside(path.join(projectRoot, 'out/electron/xlsx-import-worker.cjs')),
    ),
    context: {
      dialogs,
      userDataDir: options.userDataDir,
      appVersion: options.appVersion ?? readAppVersion(),
      shell: 'browser',
      launchPath: options.launchPath ?? null,
      now: options.now ?? (() => new Date()),
    },
    events,
    dialogs,
    desktop,
    allowedHosts: () => [`127.0.0.1:${port}`, `localhost:${port}`],
    token,
    testEndpoints: options.testEndpoints ?? false,
  };
  const server = http.createServer((req, res) => void routeRequest(req, res, routes));
  port = await listen(server, options.port ?? 0);

  return {
    url: `http://127.0.0.1:${port}`,
    token,
    openUrl: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    userDataDir: options.userDataDir,
    dialogs,
    desktop,
    sendMenuCommand: (command) => events.emit('menu:command', { command }),
    emit: (channel, payload) => events.emit(channel, payload),
    waitForEventSubscriber: (timeoutMs) => events.waitForSubscriber(timeoutMs),
    async close() {
      events.closeAll();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Listens on 127.0.0.1 (port 0: a free one) and returns the port. */
async function listen(server: http.Server, port: number): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('the browser host did not get a TCP port');
  return address.port;
}
