import http from 'node:http';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { startBrowserHost, type BrowserHost } from '../../node/browser-host/server';
import { PACKED_HEADER, packRecords, unpackRecords } from '../../shared/ipc/packed-records';
import { PLAN_BYTES_HEADER, PLAN_STREAM_HEADER } from '../../shared/ipc/plan-stream';
import { readPlanSentFirst, withPlanSentFirst } from '../../renderer/src/bridge/plan-sent-first';
import { CONTENT_SECURITY_POLICY } from '../../node/security/content-security-policy';
import { serializePlan } from '../../shared/plan/plan-document';
import { createSamplePlan } from '../../shared/plan/sample-plan';
import { generateDiversePlan } from '../../shared/plan/diverse-plan-generator';
import { anyValidPlan } from '../workbook/support/any-plan-arbitrary';
import { TODAY } from './support/handler-context';
import { writePlanFilesAsWritten } from './support/plan-files-as-written';
import { useTempDirs } from './support/temp-dir';

/** The browser host over plain HTTP (the Chromium side is in test/e2e/support/harness.test.ts). */

const tempDir = useTempDirs();
let host: BrowserHost | null = null;

afterEach(async () => {
  await host?.close();
  host = null;
});

async function start(options: { launchPath?: string; testEndpoints?: boolean } = {}): Promise<BrowserHost> {
  const rendererDir = await tempDir();
  await writeFile(path.join(rendererDir, 'index.html'), '<!doctype html><title>renderer</title>');
  await writeFile(path.join(path.dirname(rendererDir), 'beside-renderer.txt'), 'not served');
  host = await startBrowserHost({ userDataDir: await tempDir(), rendererDir, testEndpoints: true, ...options });
  return host;
}

/** The launch's token, as the page's cookie (or a script's header) carries it. */
function withToken(headers: Record<string, string> = {}): Record<string, string> {
  return { ...headers, 'x-pixel-ledger-token': host?.token ?? '' };
}

/** A GET with the token. */
function get(url: string): Promise<Response> {
  return fetch(url, { headers: withToken() });
}

async function post(url: string, body: unknown): Promise<{ status: number; json: unknown }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: withToken({ 'content-type': 'application/json' }),
    body: JSON.stringify(body),
  });
  return { status: response.status, json: await response.json() };
}

/** A raw request, so the Host header can be anything (fetch would not let us). */
function rawGet(port: number, pathname: string, hostHeader: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      { host: '127.0.0.1', port, path: pathname, headers: withToken({ host: hostHeader }) },
      (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      },
    );
    request.on('error', reject);
    request.end();
  });
}

describe('browser host', () => {
  it('listens on 127.0.0.1 only, on a free port', async () => {
    const running = await start();
    expect(running.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(running.port).toBeGreaterThan(0);
  });

  it('serves the renderer with the same CSP as the desktop app, and nothing outside it', async () => {
    const running = await start();
    const page = await get(`${running.url}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(await page.text()).toContain('<title>renderer</title>');
    expect((await get(`${running.url}/..%2fbeside-renderer.txt`)).status).toBe(400);
    expect((await get(`${running.url}/missing.js`)).status).toBe(404);
    expect((await get(`${running.url}/favicon.ico`)).status).toBe(204);
  });

  it('refuses requests addressed to another host name (DNS rebinding)', async () => {
    const running = await start();
    expect(await rawGet(running.port, '/', `127.0.0.1:${running.port}`)).toBe(200);
    expect(await rawGet(running.port, '/', `localhost:${running.port}`)).toBe(200);
    expect(await rawGet(running.port, '/', `attacker.example:${running.port}`)).toBe(421);
  });

  it('answers the contract with the shared handlers: a refused request is a reply naming channel and field', async () => {
    const running = await start();
    expect(await post(`${running.url}/ipc/plan:new`, { template: 'blank', today: TODAY })).toMatchObject({
      status: 200,
      json: { result: { path: null, document: { rows: [] } } },
    });
    expect(await post(`${running.url}/ipc/plan:new`, { template: 'blank' })).toEqual({
      status: 200,
      json: { kind: 'invalid-arguments', error: expect.stringMatching(/^plan:new: invalid arguments: today: /) },
    });
    expect(await post(`${running.url}/ipc/nope`, {})).toMatchObject({ json: { kind: 'unknown-channel' } });
    const wrongMethod = await get(`${running.url}/ipc/plan:recent`);
    expect(wrongMethod.status).toBe(405);
  });

  it('the launch file plays the command-line file', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'launch.pxplan');
    await writeFile(file, serializePlan(createSamplePlan('2026-03-03')));
    const running = await start({ launchPath: file });
    expect(await post(`${running.url}/ipc/app:startup`, { today: TODAY })).toMatchObject({
      json: { result: { plan: { path: file }, openError: null } },
    });
  });

  it('test endpoints script the dialogs and report what the renderer asked for', async () => {
    const running = await start();
    const dir = await tempDir();
    const target = path.join(dir, 'scripted.pxplan');
    expect((await post(`${running.url}/__test/next-save-path`, { path: target })).status).toBe(200);
    const document = createSamplePlan(TODAY);
    expect(await post(`${running.url}/ipc/plan:save`, { document, path: null, saveAs: true })).toEqual({
      status: 200,
      json: { result: { ok: true, path: target } },
    });
    expect((await post(`${running.url}/__test/cancel-next-dialog`, { type: 'open' })).status).toBe(200);
    expect(await post(`${running.url}/ipc/plan:open`, { path: null })).toEqual({
      status: 200,
      json: { result: { ok: false, canceled: true } },
    });
    await post(`${running.url}/ipc/window:document-state`, { fileName: 'scripted.pxplan', dirty: true });
    await post(`${running.url}/ipc/window:close-confirmed`, {});
    await post(`${running.url}/ipc/theme:set`, { source: 'dark' });

    const state = await (await get(`${running.url}/__test/state`)).json();
    expect(state).toMatchObject({
      documentState: { fileName: 'scripted.pxplan', dirty: true },
      closeConfirmations: 1,
      themeSource: 'dark',
      dialogsAsked: [
        {
          type: 'save',
          kind: 'plan',
          suggestedName: 'Q1 launch imagery (sample).pxplan',
          answer: { kind: 'path', path: target },
        },
        { type: 'open', kind: 'plan', suggestedName: null, answer: { kind: 'cancel' } },
      ],
      unusedDialogAnswers: 0,
    });
  });

  it('an Open dialog nobody scripted is cancelled, not left hanging', async () => {
    const running = await start();
    expect(await post(`${running.url}/ipc/plan:open`, { path: null })).toEqual({
      status: 200,
      json: { result: { ok: false, canceled: true } },
    });
  });

  it('refuses an unknown menu command and a malformed test request', async () => {
    const running = await start();
    expect(await post(`${running.url}/__test/menu-command`, { command: 'edit:explode' })).toMatchObject({
      status: 400,
      json: { error: expect.stringMatching(/unknown menu command/) },
    });
    expect(await post(`${running.url}/__test/next-open-path`, { file: '/x' })).toMatchObject({
      status: 400,
      json: { error: 'expected a JSON object with a non-empty string "path"' },
    });
    expect(await post(`${running.url}/__test/reboot`, {})).toMatchObject({ status: 404 });
  });

  it('says how to build the renderer when it is missing', async () => {
    await expect(startBrowserHost({ userDataDir: await tempDir(), rendererDir: await tempDir() })).rejects.toThrow(
      /The renderer is not built \(.*index\.html is missing\)\. Run `npm run build`/,
    );
  });
});

describe('opening a plan through the page’s bridge (packed replies)', () => {
  async function openAsThePageDoes(url: string, filePath: string): Promise<unknown> {
    const response = await fetch(`${url}/ipc/plan:open`, {
      method: 'POST',
      headers: withToken({ 'content-type': 'application/json', [PACKED_HEADER]: '1' }),
      body: JSON.stringify(packRecords({ path: filePath })),
    });
    const body = (await response.json()) as { packedResult: unknown };
    return unpackRecords(body.packedResult);
  }

  it('gives the plan as read, whether the file’s own JSON is sent or the plan written out again', async () => {
    const running = await start();
    for (const { filePath, opened } of await writePlanFilesAsWritten(await tempDir())) {
      expect(await openAsThePageDoes(running.url, filePath)).toEqual({ ok: true, plan: opened });
    }
  });

  it('says why a file does not open', async () => {
    const running = await start();
    const filePath = path.join(await tempDir(), 'broken.pxplan');
    await writeFile(filePath, '{"schemaVersion": 4, "rows": [');
    expect(await openAsThePageDoes(running.url, filePath)).toEqual({
      ok: false,
      error: expect.stringMatching(/Could not open “broken\.pxplan”: the file is not valid JSON/),
    });
  });
});

describe('opening a plan whose bytes come ahead of the host’s verdict (the page’s bridge)', () => {
  /** As the page's bridge reads it: the plan parsed as it arrives, used only where the verdict puts it. */
  async function openStreamed(
    url: string,
    filePath: string,
    handedOn: unknown[] = [],
  ): Promise<{ result: unknown; sentFirst: boolean }> {
    const response = await fetch(`${url}/ipc/plan:open`, {
      method: 'POST',
      headers: withToken({ 'content-type': 'application/json', [PACKED_HEADER]: '1', [PLAN_STREAM_HEADER]: '1' }),
      body: JSON.stringify(packRecords({ path: filePath })),
    });
    const sentFirst = await readPlanSentFirst(response, (plan) => handedOn.push(plan));
    const reply = (sentFirst ? sentFirst.reply : await response.json()) as { packedResult: unknown };
    const result = unpackRecords(reply.packedResult);
    return { result: sentFirst ? withPlanSentFirst(result, sentFirst) : result, sentFirst: sentFirst !== null };
  }

  it('gives the same plan as the reply without streaming, migrated and with a byte-order mark included', async () => {
    const running = await start();
    for (const { content, filePath, opened } of await writePlanFilesAsWritten(await tempDir())) {
      const handedOn: unknown[] = [];
      expect(await openStreamed(running.url, filePath, handedOn)).toEqual({
        result: { ok: true, plan: opened },
        sentFirst: true,
      });
      // Handed on as parsed, before the verdict (to warm the estimate): the file's own JSON.
      expect(handedOn).toEqual([JSON.parse(content.replace(/^\uFEFF/, ''))]);
    }
  });

  it('a plan that arrives whole but does not validate is refused with the usual message, and not given', async () => {
    const running = await start();
    const dir = await tempDir();
    const plan = createSamplePlan(TODAY);
    const badRow = { ...plan.rows[0], finals: -3 };
    const invalid = path.join(dir, 'invalid.pxplan');
    await writeFile(invalid, serializePlan({ ...plan, rows: [...plan.rows, badRow] } as typeof plan));
    const broken = path.join(dir, 'broken.pxplan');
    await writeFile(broken, '{"schemaVersion": 4, "rows": [');
    for (const filePath of [invalid, broken]) {
      const unstreamed = await post(`${running.url}/ipc/plan:open`, { path: filePath });
      const streamed = await openStreamed(running.url, filePath);
      expect(streamed).toEqual({ result: (unstreamed.json as { result: unknown }).result, sentFirst: true });
      expect(streamed.result).toMatchObject({ ok: false, error: expect.stringMatching(/^Could not open “/) });
    }
  });

  it('sends nothing ahead for a file that does not begin as a plan, so its contents never reach the page', async () => {
    const running = await start();
    const secret = path.join(await tempDir(), 'credentials.pxplan');
    await writeFile(secret, '{"token": "hunter2-SECRET", "schemaVersion": 4}');
    const response = await fetch(`${running.url}/ipc/plan:open`, {
      method: 'POST',
      headers: withToken({ 'content-type': 'application/json', [PACKED_HEADER]: '1', [PLAN_STREAM_HEADER]: '1' }),
      body: JSON.stringify(packRecords({ path: secret })),
    });
    expect(response.headers.get(PLAN_BYTES_HEADER)).toBeNull();
    const text = await response.text();
    expect(text).not.toMatch(/hunter2|SECRET/);
    expect(JSON.parse(text)).toMatchObject({ packedResult: { value: { ok: false } } });
  });
});

describe('saving a plan through the page’s bridge (packed requests)', () => {
  /** plan:save as the page's bridge sends it (packed), or as a plain JSON request (`packed` false). */
  async function save(url: string, args: unknown, packed = true): Promise<{ status: number; json: unknown }> {
    const response = await fetch(`${url}/ipc/plan:save`, {
      method: 'POST',
      headers: withToken({ 'content-type': 'application/json', ...(packed ? { [PACKED_HEADER]: '1' } : {}) }),
      body: JSON.stringify(packed ? packRecords(args) : args),
    });
    const json = (await response.json()) as { packedResult?: unknown };
    return { status: response.status, json: 'packedResult' in json ? unpackRecords(json.packedResult) : json };
  }

  /** Saves `document` to a new file chosen in the (scripted) Save dialog; the file's bytes. */
  async function saveAs(running: BrowserHost, document: unknown, target: string, packed: boolean): Promise<Buffer> {
    running.dialogs.setNextSavePath(target);
    const reply = await save(running.url, { document, path: null, saveAs: true }, packed);
    expect(reply.json).toEqual(packed ? { ok: true, path: target } : { result: { ok: true, path: target } });
    return readFile(target);
  }

  it('writes any plan exactly as a plain JSON request does: every row, key order, text and null', async () => {
    const running = await start();
    const dir = await tempDir();
    let run = 0;
    await fc.assert(
      fc.asyncProperty(anyValidPlan({ maxRows: 40 }), async ({ plan }) => {
        run += 1;
        const packed = await saveAs(running, plan, path.join(dir, `packed-${run}.pxplan`), true);
        const plain = await saveAs(running, plan, path.join(dir, `plain-${run}.pxplan`), false);
        expect(packed.equals(plain)).toBe(true);
        expect(packed.toString('utf8')).toBe(serializePlan(plan));
      }),
      { numRuns: 40, seed: 20261208 },
    );
    const large = generateDiversePlan({ rows: 3000, seed: 11 });
    const packed = await saveAs(running, large, path.join(dir, 'large-packed.pxplan'), true);
    expect(packed.equals(await saveAs(running, large, path.join(dir, 'large-plain.pxplan'), false))).toBe(true);
  });

  it('refuses a request damaged on its way, saying so, and leaves the file on disk as it was', async () => {
    const running = await start();
    const dir = await tempDir();
    const target = path.join(dir, 'kept.pxplan');
    const plan = generateDiversePlan({ rows: 200, seed: 12 });
    const before = await saveAs(running, plan, target, true);
    const sent = packRecords({
      document: { ...plan, meta: { ...plan.meta, name: 'Changed' } },
      path: target,
      saveAs: false,
    });
    const text = JSON.stringify(sent).replace(/"index":"[A-Za-z0-9_-]/, '"index":"'); // one record's digit lost
    const response = await fetch(`${running.url}/ipc/plan:save`, {
      method: 'POST',
      headers: withToken({ 'content-type': 'application/json', [PACKED_HEADER]: '1' }),
      body: text,
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: expect.stringMatching(
        /^plan:save: the request arrived damaged, so it was not carried out; try again \(the packed records at document\.rows do not hold together: column "\w+": its index is not \d digit\(s\) for each of its 200 records\)$/,
      ),
    });
    expect((await readFile(target)).equals(before)).toBe(true);
    expect(await readdir(dir)).toEqual(['kept.pxplan']);
  });
});
