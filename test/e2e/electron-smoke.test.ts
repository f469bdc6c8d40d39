import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { _electron as electron, type ElectronApplication, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parsePlanText, serializePlan } from '../../shared/plan/plan-document';
import { createSamplePlan } from '../../shared/plan/sample-plan';

/**
 * The real desktop app in a real Electron window: launch, the sample plan on screen, a save to disk.
 * Everything else is tested without Electron (Node tests with a mocked electron module, and the
 * browser end-to-end suites); this suite proves the pieces hold together in the real shell.
 * It needs the Electron binary, which npm downloads on install where the network allows it, and
 * on Linux a display (run under xvfb-run on a headless machine).
 */

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const run = promisify(execFile);

/** The Electron binary installed by the electron package, or why there is none. */
function findElectronBinary(): { binary: string } | { missing: string } {
  let packageDir: string;
  try {
    packageDir = path.dirname(createRequire(import.meta.url).resolve('electron'));
  } catch {
    return { missing: 'the electron package is not installed' };
  }
  const pathFile = path.join(packageDir, 'path.txt');
  if (!existsSync(pathFile))
    return {
      missing: `the Electron binary was never downloaded (${pathFile} is missing; npm could not fetch it here)`,
    };
  const binary = path.join(packageDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  if (!existsSync(binary)) return { missing: `the Electron binary ${binary} does not exist` };
  if (process.platform === 'linux' && !process.env['DISPLAY'] && !process.env['WAYLAND_DISPLAY']) {
    return { missing: 'there is no display (DISPLAY is unset); run the tests under xvfb-run' };
  }
  return { binary };
}

const electronBinary = findElectronBinary();
if ('missing' in electronBinary) {
  console.info(
    `[electron-smoke] skipped: ${electronBinary.missing}. The desktop shell is covered by test/electron (mocked electron module) and the browser end-to-end suites.`,
  );
}

describe.skipIf('missing' in electronBinary)('desktop app in Electron (smoke)', () => {
  let app: ElectronApplication;
  let page: Page;
  let userDataDir = '';
  let workDir = '';

  beforeAll(async () => {
    if (!('binary' in electronBinary)) return;
    await run(process.execPath, [path.join(root, 'scripts/build.mjs'), 'electron'], { cwd: root });
    if (!existsSync(path.join(root, 'out/renderer/index.html')))
      await run(process.execPath, [path.join(root, 'scripts/build.mjs'), 'renderer'], { cwd: root });
    userDataDir = await mkdtemp(path.join(os.tmpdir(), 'pixel-ledger-electron-userdata-'));
    workDir = await mkdtemp(path.join(os.tmpdir(), 'pixel-ledger-electron-work-'));
    app = await electron.launch({
      executablePath: electronBinary.binary,
      args: [root],
      cwd: root,
      env: { ...process.env, PIXEL_LEDGER_USER_DATA_DIR: userDataDir, ELECTRON_DISABLE_SECURITY_WARNINGS: 'true' },
    });
    page = await app.firstWindow();
  }, 180_000);

  afterAll(async () => {
    await app?.close().catch(() => undefined);
    await Promise.all([userDataDir, workDir].filter(Boolean).map((dir) => rm(dir, { recursive: true, force: true })));
  });

  it('launches one window showing the sample plan', async () => {
    await page.getByText('Product page drop: 12 SKUs x 2 angles').first().waitFor();
    await expect
      .poll(() => app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().map((w) => w.getTitle())))
      .toEqual(['Q1 launch imagery (sample) — Pixel Ledger']);
  });

  it('the page has the contract and nothing of Node', async () => {
    const surface = await page.evaluate(`({
      api: Object.keys(window.pixelLedger ?? {}).sort(),
      require: typeof window.require,
      process: typeof window.process,
      location: window.location.href,
    })`);
    expect(surface).toEqual({
      api: ['invoke', 'on', 'pathForFile'],
      require: 'undefined',
      process: 'undefined',
      location: 'app://pixel-ledger/index.html',
    });
  });

  it('File > Save As writes the plan to the chosen file', async () => {
    const target = path.join(workDir, 'smoke.pxplan');
    // The native Save dialog cannot be clicked by a test: answer it in the main process instead.
    await app.evaluate(({ dialog }, chosen) => {
      dialog.showSaveDialog = async () => ({ canceled: false, filePath: chosen });
    }, target);
    await app.evaluate(({ BrowserWindow }) => {
      BrowserWindow.getAllWindows()[0]?.webContents.send('menu:command', { command: 'file:save-as' });
    });
    await expect.poll(() => existsSync(target), { timeout: 15_000 }).toBe(true);
    const saved = parsePlanText(await readFile(target, 'utf8'));
    expect(saved.ok && saved.value.meta.name).toBe('Q1 launch imagery (sample)');
    await expect
      .poll(() => app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.getTitle()))
      .toBe('smoke.pxplan — Pixel Ledger');
  });

  it('File > Open shows a plan file (sent from main as the file’s bytes, parsed by the page)', async () => {
    const plan = createSamplePlan('2026-11-28');
    const rows = plan.rows.map((row, i) => (i === 0 ? { ...row, name: 'Opened through the preload' } : row));
    const target = path.join(workDir, 'opened.pxplan');
    await writeFile(target, serializePlan({ ...plan, rows }));
    await app.evaluate(({ dialog }, chosen) => {
      dialog.showOpenDialog = async () => ({ canceled: false, filePaths: [chosen] });
    }, target);
    await app.evaluate(({ BrowserWindow }) => {
      BrowserWindow.getAllWindows()[0]?.webContents.send('menu:command', { command: 'file:open' });
    });
    await page.getByText('Opened through the preload').first().waitFor({ timeout: 15_000 });
    await expect
      .poll(() => app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.getTitle()))
      .toBe('opened.pxplan — Pixel Ledger');
  });
});
