// @vitest-environment jsdom
import { cleanup, fireEvent, renderHook } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { EventPayload, MenuCommand, PixelLedgerApi } from '../../../shared/ipc/contract';
import { useCommandDispatch } from '../../../renderer/src/app/use-commands';

afterEach(cleanup);

/** The hook with a menu the test can send from, and the commands it ran, in order. */
function dispatcher() {
  let sendMenu: (payload: EventPayload<'menu:command'>) => void = () => undefined;
  const api = {
    invoke: vi.fn(),
    on: (_channel: string, listener: (payload: EventPayload<'menu:command'>) => void) => {
      sendMenu = listener;
      return () => undefined;
    },
    pathForFile: () => null,
  } as unknown as PixelLedgerApi;
  const ran: MenuCommand[] = [];
  renderHook(() =>
    useCommandDispatch(
      api,
      async (command) => void ran.push(command),
      (task) => void task,
    ),
  );
  return { ran, menu: (command: MenuCommand) => sendMenu({ command }) };
}

const ctrlZ = () => fireEvent.keyDown(window, { key: 'z', ctrlKey: true });

describe('a shortcut and its native menu item', () => {
  it('run once when one press reaches the page both as a key and as the menu command', () => {
    const { ran, menu } = dispatcher();
    fireEvent.keyDown(window, { key: 'Control', ctrlKey: true });
    ctrlZ();
    menu('edit:undo');
    expect(ran).toEqual(['edit:undo']);
    menu('edit:redo');
    fireEvent.keyDown(window, { key: 'y', ctrlKey: true });
    expect(ran).toEqual(['edit:undo', 'edit:redo']);
  });

  it('run each time when another key or a click comes between them: two presses, not one seen twice', () => {
    const { ran, menu } = dispatcher();
    menu('help:keyboard-shortcuts');
    fireEvent.keyDown(window, { key: 'Escape' });
    fireEvent.keyDown(window, { key: '/', ctrlKey: true });
    expect(ran).toEqual(['help:keyboard-shortcuts', 'help:keyboard-shortcuts']);
    ctrlZ();
    fireEvent.pointerDown(window);
    menu('edit:undo');
    expect(ran).toEqual(['help:keyboard-shortcuts', 'help:keyboard-shortcuts', 'edit:undo', 'edit:undo']);
  });
});
