// @vitest-environment jsdom
import type { KeyboardEvent as ReactKeyboardEvent } from 'react';
import { describe, expect, it } from 'vitest';
import { TypeAhead } from '../../../renderer/src/grid/type-ahead';

/** A key event as React hands it to the grid's capture handler (only what TypeAhead reads). */
function key(k: string, at: number, target: EventTarget = document.createElement('div')) {
  let stopped = false;
  const event = {
    key: k,
    timeStamp: at,
    target,
    ctrlKey: false,
    metaKey: false,
    altKey: false,
    preventDefault: () => undefined,
    stopPropagation: () => {
      stopped = true;
    },
  } as unknown as ReactKeyboardEvent;
  return { event, stopped: () => stopped };
}

describe('type-ahead', () => {
  it('lets the key that opens an editor through, keeps the next ones and hands them to the editor', () => {
    const typeAhead = new TypeAhead();
    expect(typeAhead.keep(key('g', 0).event, true)).toBe(false);
    const p = key('p', 5);
    expect(typeAhead.keep(p.event, true)).toBe(true);
    expect(p.stopped()).toBe(true);
    typeAhead.keep(key('t', 9).event, true);
    const received: string[] = [];
    const stop = typeAhead.follow((keys) => received.push(keys));
    expect(received).toEqual(['pt']);
    // Keys that land on the cell while the editor is open go straight to it.
    typeAhead.keep(key('-', 20).event, true);
    expect(received).toEqual(['pt', '-']);
    stop();
    // The editor closed: the next key opens an editor again.
    expect(typeAhead.keep(key('x', 30).event, true)).toBe(false);
  });

  it('keeps nothing on a computed cell, after Tab or Enter, or for keys typed into a box', () => {
    const typeAhead = new TypeAhead();
    expect(typeAhead.keep(key('a', 0).event, false)).toBe(false);
    expect(typeAhead.keep(key('b', 5).event, true)).toBe(false);
    typeAhead.keep(key('Tab', 6).event, true);
    expect(typeAhead.keep(key('c', 7).event, true)).toBe(false);
    expect(typeAhead.keep(key('d', 8, document.createElement('input')).event, true)).toBe(false);
    expect(typeAhead.keep(key('e', 9).event, true)).toBe(false);
  });

  it('stops keeping a moment after the key that opened nothing', () => {
    const typeAhead = new TypeAhead();
    typeAhead.keep(key('a', 0).event, true);
    expect(typeAhead.keep(key('b', 2000).event, true)).toBe(false);
  });
});
