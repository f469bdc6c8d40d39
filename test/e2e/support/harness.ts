import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import {
  DEFAULT_RENDERER_DIR,
  rendererBuildMissing,
  startBrowserHost,
  type BrowserHost,
} from '../../../node/browser-host/server';
import { requireTool } from '../../support/tools';

/** The bench checks for a renderer build with it too. */
export { rendererBuildMissing };

/**
 * Starts the app as a user would see it, without Electron: the browser host (same handlers as the
 * desktop main process, dialogs answered by the test) and Chromium (or Chrome, found by
 * test/support/tools.ts; PIXEL_LEDGER_CHROMIUM overrides) showing the built renderer. Suites that use it
 * skip with `describe.skipIf(!hasTool('chromium'))`. Builds nothing: run `npm run build` (or
 * `node scripts/build.mjs renderer`) first.
 *
 * The page runs under the app's real Content-Security-Policy (no eval). Playwright's
 * `page.waitForFunction` polls by evaluating its predicate inside the page, which that policy refuses
 * (and reports in `pageErrors`): wait with locators or `expect.poll(() => page.evaluate(...))` instead.
 */

/** Flags for a closed network and a root user: no sandbox, no background connections, no first-run UI. */
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
  '--disable-quic',
];

export interface StartAppOptions {
  /** Reuse app state (recent files, recovery autosave) from an earlier start; kept on close. */
  userDataDir?: string;
  /** A plan file "passed on the command line". */
  launchPath?: string | null;
  rendererDir?: string;
  /** What the "system" theme resolves to (default light). */
  systemDark?: boolean;
  viewport?: { width: number; height: number };
  /** Fixed clock for the handlers (autosave timestamps). */
  now?: () => Date;
  /** Wait for the page's first subscription to events before returning (default true). */
  waitForEvents?: boolean;
}

export interface TestHost {
  readonly url: string;
  readonly userDataDir: string;
  /** The next Open dialog "chooses" this path. */
  setNextOpenPath(filePath: string): void;
  /** The next Save dialog "chooses" this path. */
  setNextSavePath(filePath: string): void;
  /** The next dialog (of that type, or whichever comes) is cancelled by the "user". */
  cancelNextDialog(type?: 'open' | 'save' | 'any'): void;
  /** Sends a native-menu command (File > Save, Edit > Undo, ...) to the page. */
  sendMenuCommand(command: Parameters<BrowserHost['sendMenuCommand']>[0]): Promise<void>;
  /** The underlying host: recorded title state, close confirmations, dialogs asked, raw emit. */
  readonly raw: BrowserHost;
}

export interface RunningApp {
  page: Page;
  host: TestHost;
  context: BrowserContext;
  /** A fresh temporary folder for the test's own files (plans to open, save targets); removed on close. */
  workDir: string;
  /** Console errors and uncaught page errors seen so far (CSP violations show up here). */
  pageErrors: string[];
  /** Stops the browser and the host and removes the temporary folders this harness created. */
  close(): Promise<void>;
}

export async function startApp(options: StartAppOptions = {}): Promise<RunningApp> {
  const rendererDir = options.rendererDir ?? DEFAULT_RENDERER_DIR;
  const missing = rendererBuildMissing(rendererDir);
  if (missing !== null) throw new Error(missing);
  const chromiumPath = requireTool('chromium');

  const ownedDirs: string[] = [];
  const makeTemp = async (prefix: string): Promise<string> => {
    const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
    ownedDirs.push(dir);
    return dir;
  };
  const userDataDir = options.userDataDir ?? (await makeTemp('pixel-ledger-userdata-'));
  const workDir = await makeTemp('pixel-ledger-work-');

  let raw: BrowserHost | null = null;
  let browser: Browser | null = null;
  const cleanup = async (): Promise<void> => {
    await browser?.close().catch(() => undefined);
    await raw?.close().catch(() => undefined);
    await Promise.all(ownedDirs.map((dir) => rm(dir, { recursive: true, force: true })));
  };

  try {
    raw = await startBrowserHost({
      userDataDir,
      rendererDir,
      launchPath: options.launchPath ?? null,
      systemDark: options.systemDark ?? false,
      testEndpoints: true,
      ...(options.now ? { now: options.now } : {}),
    });
    // Playwright gives every launch a new, empty temporary profile (user-data-dir) and removes it on close.
    browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: CHROMIUM_FLAGS });
    const context = await browser.newContext({
      viewport: options.viewport ?? { width: 1400, height: 900 },
      colorScheme: options.systemDark ? 'dark' : 'light',
      acceptDownloads: false,
    });
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(message.text());
    });
    page.on('pageerror', (error) => pageErrors.push(error.message));

    // The address with the launch's token, as a person opens the one `npm run host` prints.
    await page.goto(raw.openUrl);
    if (options.waitForEvents ?? true) await raw.waitForEventSubscriber();

    const host = raw;
    const testHost: TestHost = {
      url: host.url,
      userDataDir,
      setNextOpenPath: (filePath) => host.dialogs.setNextOpenPath(filePath),
      setNextSavePath: (filePath) => host.dialogs.setNextSavePath(filePath),
      cancelNextDialog: (type) => host.dialogs.cancelNextDialog(type),
      sendMenuCommand: (command) => host.sendMenuCommand(command),
      raw: host,
    };
    return { page, host: testHost, context, workDir, pageErrors, close: cleanup };
  } catch (error) {
    await cleanup();
    throw error;
  }
}
