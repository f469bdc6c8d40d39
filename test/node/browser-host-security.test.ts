import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startBrowserHost, type BrowserHost } from '../../node/browser-host/server';
import { parsePlanText } from '../../shared/plan/plan-document';
import { createSamplePlan } from '../../shared/plan/sample-plan';
import { TODAY } from './support/handler-context';
import { useTempDirs } from './support/temp-dir';

/**
 * Issue 13 §3: the browser host lets nobody else in. A local process without the launch's token gets
 * nothing; with it (or as the page), it can write only where the user chose in a dialog; error messages
 * never echo a file's bytes; devices are refused as what they are.
 */

const tempDir = useTempDirs();
const sample = createSamplePlan(TODAY);
let host: BrowserHost | null = null;

afterEach(async () => {
  await host?.close();
  host = null;
});

async function start(options: { testEndpoints?: boolean; userDataDir?: string } = {}): Promise<BrowserHost> {
  const rendererDir = await tempDir();
  await writeFile(path.join(rendererDir, 'index.html'), '<!doctype html><title>renderer</title>');
  host = await startBrowserHost({ userDataDir: await tempDir(), rendererDir, ...options });
  return host;
}

async function ipc(running: BrowserHost, channel: string, args: unknown): Promise<unknown> {
  const response = await fetch(`${running.url}/ipc/${channel}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-pixel-ledger-token': running.token },
    body: JSON.stringify(args),
  });
  const json = (await response.json()) as { result?: unknown; error?: string };
  return json.result ?? json;
}

describe('the browser host’s per-launch token', () => {
  it('refuses every request without it, even with no Origin header (a local process)', async () => {
    const running = await start({ testEndpoints: true });
    expect(running.openUrl).toBe(`${running.url}/?token=${running.token}`);
    expect(running.token).toMatch(/^[0-9a-f]{48}$/);
    for (const [method, pathname] of [
      ['GET', '/'],
      ['POST', '/ipc/plan:recent'],
      ['GET', '/events'],
      ['GET', '/__test/state'],
    ] as const) {
      const response = await fetch(`${running.url}${pathname}`, {
        method,
        headers: { 'content-type': 'application/json' },
        ...(method === 'POST' ? { body: '{}' } : {}),
      });
      expect(response.status, `${method} ${pathname}`).toBe(403);
      expect(await response.text()).toMatch(/needs its token/);
    }
    const wrong = await fetch(`${running.url}/ipc/plan:recent`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-pixel-ledger-token': 'f'.repeat(48) },
      body: '{}',
    });
    expect(wrong.status).toBe(403);
  });

  it('the printed address sets an HttpOnly, strict cookie that carries the token from then on', async () => {
    const running = await start();
    const first = await fetch(running.openUrl);
    expect(first.status).toBe(200);
    const cookie = first.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const later = await fetch(`${running.url}/ipc/plan:recent`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: cookie.split(';')[0] ?? '' },
      body: '{}',
    });
    expect(await later.json()).toEqual({ result: { paths: [] } });
  });

  it('serves /__test/* only when started with the test endpoints', async () => {
    const running = await start();
    const response = await fetch(`${running.url}/__test/state`, { headers: { 'x-pixel-ledger-token': running.token } });
    expect(response.status).not.toBe(200);
    const menu = await fetch(`${running.url}/__test/next-save-path`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-pixel-ledger-token': running.token },
      body: JSON.stringify({ path: '/tmp/x.pxplan' }),
    });
    expect(menu.status).not.toBe(200);
    expect(running.dialogs.unusedAnswers).toBe(0);
  });
});

describe('what the page may write', () => {
  it('a save or export to a path the user never chose asks with a dialog and writes nothing', async () => {
    const running = await start();
    const dir = await tempDir();
    const attempts = [
      ['plan:save', { document: sample, path: path.join(dir, 'notes.txt'), saveAs: false }],
      ['plan:save', { document: sample, path: path.join(dir, 'run.sh'), saveAs: false }],
      ['plan:save', { document: sample, path: `${dir}/sub/../../escape.pxplan`, saveAs: false }],
      ['plan:save', { document: sample, path: path.join(dir, 'never-chosen.pxplan'), saveAs: false }],
      ['xlsx:export', { document: sample, scenarioId: null, path: path.join(dir, 'never-chosen.xlsx') }],
    ] as const;
    for (const [channel, args] of attempts) {
      expect(await ipc(running, channel, args), channel).toEqual({ ok: false, canceled: true });
    }
    expect(running.dialogs.asked.map((d) => d.type)).toEqual(['save', 'save', 'save', 'save', 'save']);
    expect(await readdir(dir)).toEqual([]);
  });

  it('the file the user chose in the Save dialog may be saved again in place', async () => {
    const running = await start();
    const target = path.join(await tempDir(), 'chosen.pxplan');
    running.dialogs.setNextSavePath(target);
    expect(await ipc(running, 'plan:save', { document: sample, path: null, saveAs: true })).toEqual({
      ok: true,
      path: target,
    });
    expect(await ipc(running, 'plan:save', { document: sample, path: target, saveAs: false })).toEqual({
      ok: true,
      path: target,
    });
    expect(running.dialogs.asked).toHaveLength(1);
  });
});

describe('errors never echo a file, and devices are refused as what they are', () => {
  it('opening a file that is not a plan says why without quoting it', async () => {
    const running = await start();
    const secret = path.join(await tempDir(), 'shadow');
    await writeFile(secret, 'root:*:20200:0:99999:7:::\nkey=hunter2-SECRET\n');
    const opened = JSON.stringify(await ipc(running, 'plan:open', { path: secret }));
    expect(opened).toMatch(/not valid JSON/);
    expect(opened).not.toMatch(/root|20200|hunter2|SECRET/);
    const imported = JSON.stringify(await ipc(running, 'xlsx:import', { path: secret }));
    expect(imported).toMatch(/not an Excel workbook/);
    expect(imported).not.toMatch(/root:|hunter2|SECRET/);
  });

  it('/dev/zero is a device, to open and to import', async () => {
    const running = await start();
    expect(await ipc(running, 'plan:open', { path: '/dev/zero' })).toEqual({
      ok: false,
      error: 'Could not open “zero”: it is a device (such as /dev/zero or a disk), not a file',
    });
    expect(await ipc(running, 'xlsx:import', { path: '/dev/zero' })).toEqual({
      ok: false,
      error: '/dev/zero is a device (such as /dev/zero or a disk), not a file',
    });
  });

  it('a plan opened from the recent list of an earlier session may be saved in place', async () => {
    const running = await start();
    const plan = path.join(await tempDir(), 'earlier.pxplan');
    running.dialogs.setNextSavePath(plan);
    await ipc(running, 'plan:save', { document: sample, path: null, saveAs: true });
    await running.close();
    const next = await start({ userDataDir: running.userDataDir });
    await ipc(next, 'app:startup', { today: TODAY });
    expect(await ipc(next, 'plan:open', { path: plan })).toMatchObject({ ok: true });
    expect(await ipc(next, 'plan:save', { document: sample, path: plan, saveAs: false })).toEqual({
      ok: true,
      path: plan,
    });
    expect(parsePlanText(await readFile(plan, 'utf8')).ok).toBe(true);
    expect(next.dialogs.asked).toEqual([]);
  });
});
