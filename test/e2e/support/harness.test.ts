import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parsePlanText, serializePlan } from '../../../shared/plan/plan-document';
import { createSamplePlan } from '../../../shared/plan/sample-plan';
import { hasTool } from '../../support/tools';
import { startApp, type RunningApp } from './harness';

/**
 * The harness and the HTTP bridge in real Chromium, against a fixture page that bundles only the
 * renderer's bridge (the real UI is tested by the renderer's own end-to-end suites).
 */

const fixtureDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures/bridge-page');
let rendererDir = '';
let app: RunningApp;

beforeAll(async () => {
  rendererDir = await mkdtemp(path.join(os.tmpdir(), 'pixel-ledger-bridge-fixture-'));
  await build({
    entryPoints: [path.join(fixtureDir, 'main.js')],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    outfile: path.join(rendererDir, 'main.js'),
    logLevel: 'warning',
  });
  await copyFile(path.join(fixtureDir, 'index.html'), path.join(rendererDir, 'index.html'));
  app = await startApp({ rendererDir });
});

afterAll(async () => {
  await app?.close();
  await rm(rendererDir, { recursive: true, force: true });
});

describe.skipIf(!hasTool('chromium'))('browser host harness', () => {
  it('answers the contract through the page: first start shows the sample plan', async () => {
    const startup = await app.page.evaluate(`window.bridgeFixture.api.invoke('app:startup', { today: '2026-11-28' })`);
    expect(startup).toMatchObject({
      plan: { path: null, document: { meta: { name: 'Q1 launch imagery (sample)' } } },
      recovery: null,
      openError: null,
    });
    const info = await app.page.evaluate(`window.bridgeFixture.api.invoke('app:info', {})`);
    expect(info).toMatchObject({ shell: 'browser', version: expect.stringMatching(/^\d+\.\d+\.\d+/) });
  });

  it('rejects malformed arguments with the channel and the field', async () => {
    const message = await app.page.evaluate(
      `window.bridgeFixture.api.invoke('plan:new', { template: 'huge', today: '2026-11-28' }).then(() => 'resolved', (e) => e.message)`,
    );
    expect(message).toMatch(/^plan:new: invalid arguments: template: /);
  });

  it('saves through a scripted Save dialog and honours a cancelled one', async () => {
    const target = path.join(app.workDir, 'from-browser');
    app.host.setNextSavePath(target);
    const saved = await app.page.evaluate(`(async () => {
      const { document } = await window.bridgeFixture.api.invoke('plan:new', { template: 'sample', today: '2026-11-28' });
      return window.bridgeFixture.api.invoke('plan:save', { document, path: null, saveAs: true });
    })()`);
    expect(saved).toEqual({ ok: true, path: `${target}.pxplan` });
    const reread = parsePlanText(await readFile(`${target}.pxplan`, 'utf8'));
    expect(reread.ok && reread.value.meta.name).toBe('Q1 launch imagery (sample)');
    expect(app.host.raw.dialogs.asked.at(-1)).toMatchObject({
      type: 'save',
      kind: 'plan',
      suggestedName: 'Q1 launch imagery (sample).pxplan',
    });

    app.host.cancelNextDialog();
    const canceled = await app.page.evaluate(`window.bridgeFixture.api.invoke('plan:open', { path: null })`);
    expect(canceled).toEqual({ ok: false, canceled: true });
  });

  it('delivers menu commands as events, and an unsubscribed listener hears nothing more', async () => {
    await app.host.sendMenuCommand('edit:undo');
    await expect.poll(() => app.page.evaluate(`window.bridgeFixture.received.includes('edit:undo')`)).toBe(true);
    await expect
      .poll(() => app.page.evaluate(`window.bridgeFixture.receivedBySecond.includes('edit:undo')`))
      .toBe(true);

    await app.page.evaluate(`window.bridgeFixture.unsubscribeSecond()`);
    await app.host.sendMenuCommand('edit:redo');
    await expect.poll(() => app.page.evaluate(`window.bridgeFixture.received.includes('edit:redo')`)).toBe(true);
    expect(await app.page.evaluate(`window.bridgeFixture.received`)).toEqual(['edit:undo', 'edit:redo']);
    expect(await app.page.evaluate(`window.bridgeFixture.receivedBySecond`)).toEqual(['edit:undo']);
  });

  it('serves the page under the app CSP: eval is refused', async () => {
    expect(await app.page.evaluate(`window.bridgeFixture.evalOutcome`)).toBe('EvalError');
  });

  it('kept the page free of console errors (refused requests are replies, not network errors)', () => {
    expect(app.pageErrors).toEqual([]);
  });

  it('refuses requests from other origins and non-JSON bodies', async () => {
    const crossSite = await fetch(`${app.host.url}/ipc/plan:recent`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'https://evil.example' },
      body: '{}',
    });
    expect(crossSite.status).toBe(403);
    const textBody = await fetch(`${app.host.url}/ipc/plan:recent`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', 'x-pixel-ledger-token': app.host.raw.token },
      body: '{}',
    });
    expect(textBody.status).toBe(415);
    // A local process without the launch's token (no Origin header at all) gets nothing.
    const noToken = await fetch(`${app.host.url}/ipc/plan:recent`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(noToken.status).toBe(403);
    // The page itself got the token as a cookie from the address it was opened with.
    expect(await app.page.evaluate(`window.bridgeFixture.api.invoke('plan:recent', {})`)).toEqual({
      paths: [expect.stringMatching(/from-browser\.pxplan$/)],
    });
  });

  it('opens a plan whose bytes come ahead of the host’s verdict as the same plan, and refuses an invalid one', async () => {
    // After the recent-list check above: opening adds these files to the list.
    const text = serializePlan(createSamplePlan('2026-11-28'));
    const good = path.join(app.workDir, 'ahead.pxplan');
    await writeFile(good, text);
    const invalid = path.join(app.workDir, 'ahead-invalid.pxplan');
    await writeFile(invalid, text.replace(/"finals": \d+/, '"finals": -3'));
    const open = (file: string) =>
      app.page.evaluate(`window.bridgeFixture.api.invoke('plan:open', { path: ${JSON.stringify(file)} })`);
    expect(await open(good)).toEqual({ ok: true, plan: { document: JSON.parse(text), path: good } });
    expect(await open(invalid)).toEqual({
      ok: false,
      error: expect.stringMatching(/^Could not open “ahead-invalid\.pxplan”: the plan is not valid: rows\[0\]\.finals/),
    });
  });

  it('says how to build the renderer when it is missing', async () => {
    await expect(startApp({ rendererDir: path.join(os.tmpdir(), 'no-such-renderer-build') })).rejects.toThrow(
      /The renderer is not built .*npm run build/,
    );
  });
});
