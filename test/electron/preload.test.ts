import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { PixelLedgerApi } from '../../shared/ipc/contract';
import { contextBridge, ipcRenderer, resetFakeElectron } from './support/fake-electron';

vi.mock('electron', () => import('./support/fake-electron'));

let api: PixelLedgerApi;

beforeAll(async () => {
  resetFakeElectron();
  await import('../../electron/preload');
  const exposed = contextBridge.exposed.get('pixelLedger');
  if (typeof exposed !== 'object' || exposed === null) throw new Error('preload exposed nothing');
  // The preload's object is declared `satisfies PixelLedgerApi`; here we only read it back.
  api = exposed as PixelLedgerApi;
});

describe('preload', () => {
  it('exposes exactly the contract as window.pixelLedger: invoke, on, pathForFile', () => {
    expect([...contextBridge.exposed.keys()]).toEqual(['pixelLedger']);
    expect(Object.keys(api).sort()).toEqual(['invoke', 'on', 'pathForFile']);
  });

  it('invoke goes over ipcRenderer.invoke on the same channel with the same argument', async () => {
    ipcRenderer.nextInvoke = async () => ({ paths: ['/a.pxplan'] });
    expect(await api.invoke('plan:recent', {})).toEqual({ paths: ['/a.pxplan'] });
    expect(ipcRenderer.invoked.at(-1)).toEqual({ channel: 'plan:recent', args: {} });
  });

  it('errors read the same as in the browser: without Electron’s "Error invoking remote method" prefix', async () => {
    ipcRenderer.nextInvoke = async () => {
      throw new Error(
        "Error invoking remote method 'plan:new': Error: plan:new: invalid arguments: template: Invalid option",
      );
    };
    await expect(api.invoke('plan:new', { template: 'blank', today: '2026-11-28' })).rejects.toThrow(
      /^plan:new: invalid arguments: template: Invalid option$/,
    );
  });

  it('on forwards only the payload and returns an unsubscribe', () => {
    const heard: unknown[] = [];
    const unsubscribe = api.on('menu:command', (payload) => heard.push(payload));
    ipcRenderer.emit('menu:command', { command: 'edit:undo' });
    unsubscribe();
    ipcRenderer.emit('menu:command', { command: 'edit:redo' });
    expect(heard).toEqual([{ command: 'edit:undo' }]);
  });

  it('pathForFile gives the dropped file’s path, or null when there is none', () => {
    expect(api.pathForFile({ path: '/home/u/plan.pxplan' } as unknown as File)).toBe('/home/u/plan.pxplan');
    expect(api.pathForFile({} as unknown as File)).toBeNull();
  });
});
