import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Session, WebContents } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { rendererResponse } from '../../electron/app-protocol';
import { CONTENT_SECURITY_POLICY } from '../../node/security/content-security-policy';
import { denyAllPermissions, hardenWebContents } from '../../electron/security/harden-web-contents';
import { createMainWindow, mainWindowOptions, secureWebPreferences } from '../../electron/window';
import {
  FakeBrowserWindow,
  FakeWebContents,
  preventableEvent,
  resetFakeElectron,
  session,
} from './support/fake-electron';
import { useTempDirs } from '../node/support/temp-dir';

vi.mock('electron', () => import('./support/fake-electron'));

const tempDir = useTempDirs();

beforeEach(() => resetFakeElectron());

describe('window options', () => {
  it('the renderer is isolated, sandboxed and without Node', () => {
    expect(secureWebPreferences('/app/preload.cjs')).toMatchObject({
      preload: '/app/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
    });
  });

  it('the window starts hidden, is shown on ready-to-show, and comes back where it was (maximized too)', () => {
    const window = createMainWindow(
      { x: 100, y: 120, width: 1400, height: 900, maximized: true },
      'out/electron/preload.cjs',
      false,
    ) as unknown as FakeBrowserWindow;
    expect(window.options).toMatchObject({ x: 100, y: 120, width: 1400, height: 900, show: false });
    expect(window.options['webPreferences']).toMatchObject({
      preload: path.resolve('out/electron/preload.cjs'),
      sandbox: true,
      contextIsolation: true,
    });
    expect(window.visible).toBe(false);
    window.emit('ready-to-show');
    expect(window.visible).toBe(true);
    expect(window.maximized).toBe(true);
  });

  it('a remembered place on a display that is gone falls back to a centred window', () => {
    const window = createMainWindow(
      { x: 5000, y: 3000, width: 1400, height: 900, maximized: false },
      'p.cjs',
      true,
    ) as unknown as FakeBrowserWindow;
    expect(window.options['x']).toBeUndefined();
    expect(window.options['y']).toBeUndefined();
    expect(window.options).toMatchObject({ width: 1400, height: 900, backgroundColor: '#1f1f1f' });
  });

  it('the light theme starts on a light background', () => {
    expect(mainWindowOptions({ width: 800, height: 600, maximized: false }, 'p.cjs', false).backgroundColor).toBe(
      '#ffffff',
    );
  });
});

describe('navigation, new windows, webviews', () => {
  function hardened(): { contents: FakeWebContents; opened: string[] } {
    const contents = new FakeWebContents();
    const opened: string[] = [];
    hardenWebContents(contents as unknown as WebContents, {
      appBaseUrl: 'app://pixel-ledger/',
      openExternal: (url) => opened.push(url),
    });
    return { contents, opened };
  }

  it.each([
    ['https://openai.com/api/pricing/', true, true],
    ['http://example.com/', true, true],
    ['file:///etc/passwd', true, false],
    ['javascript:alert(1)', true, false],
    ['app://other-host/index.html', true, false],
    ['app://pixel-ledger/index.html#/settings', false, false],
  ])('navigating to %s: prevented=%s, opened in the OS browser=%s', (url, prevented, openedOutside) => {
    for (const eventName of ['will-navigate', 'will-redirect']) {
      const { contents, opened } = hardened();
      const event = preventableEvent();
      contents.emit(eventName, event, url);
      expect(event.defaultPrevented).toBe(prevented);
      expect(opened).toEqual(openedOutside ? [url] : []);
    }
  });

  it('window.open is always denied; web links go to the OS browser', () => {
    const { contents, opened } = hardened();
    const handler = contents.windowOpenHandler;
    expect(handler).not.toBeNull();
    if (!handler) return;
    expect(handler({ url: 'https://example.com/docs' })).toEqual({ action: 'deny' });
    expect(handler({ url: 'file:///home/user/secret.txt' })).toEqual({ action: 'deny' });
    expect(handler({ url: 'app://pixel-ledger/index.html' })).toEqual({ action: 'deny' });
    expect(opened).toEqual(['https://example.com/docs']);
  });

  it('<webview> is never attached', () => {
    const { contents } = hardened();
    const event = preventableEvent();
    contents.emit('will-attach-webview', event, {}, {});
    expect(event.defaultPrevented).toBe(true);
  });
});

describe('permissions', () => {
  it.each(['media', 'notifications', 'clipboard-read', 'geolocation', 'openExternal', 'fullscreen'])(
    '%s is denied on request and on check',
    (permission) => {
      denyAllPermissions(session.defaultSession as unknown as Session);
      const answers: boolean[] = [];
      session.defaultSession.permissionRequestHandler?.({}, permission, (granted) => answers.push(granted), {});
      expect(answers).toEqual([false]);
      expect(session.defaultSession.permissionCheckHandler?.({}, permission, 'app://pixel-ledger', {})).toBe(false);
      expect(session.defaultSession.devicePermissionHandler?.({ deviceType: 'usb' })).toBe(false);
    },
  );
});

describe('Content-Security-Policy', () => {
  it('allows only our own scripts: no eval, no inline script, no plugins, no framing', () => {
    const directives = new Map(
      CONTENT_SECURITY_POLICY.split(';').map((d) => {
        const [name = '', ...values] = d.trim().split(/\s+/);
        return [name, values] as const;
      }),
    );
    expect(directives.get('default-src')).toEqual(["'self'"]);
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    expect(directives.get('base-uri')).toEqual(["'none'"]);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|wasm-unsafe-eval|\*/);
  });

  it('every page and asset served by app:// carries it; paths outside the renderer are not served', async () => {
    const rendererDir = await tempDir();
    await mkdir(path.join(rendererDir, 'assets'));
    await writeFile(path.join(rendererDir, 'index.html'), '<!doctype html><title>x</title>');
    await writeFile(path.join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
    await writeFile(path.join(path.dirname(rendererDir), 'outside-secret.txt'), 'secret');

    const page = await rendererResponse(rendererDir, 'app://pixel-ledger/index.html');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const script = await rendererResponse(rendererDir, 'app://pixel-ledger/assets/app.js');
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(script.headers.get('x-content-type-options')).toBe('nosniff');

    for (const url of [
      'app://pixel-ledger/../outside-secret.txt',
      'app://pixel-ledger/%2e%2e/outside-secret.txt',
      'app://pixel-ledger/..%2foutside-secret.txt',
      'app://another-host/index.html',
      'app://pixel-ledger/missing.js',
    ]) {
      expect((await rendererResponse(rendererDir, url)).status, url).toBe(404);
    }
  });
});
