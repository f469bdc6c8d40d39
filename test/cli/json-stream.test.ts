import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { writeJsonWithList } from '../../cli/json-stream';

function streamed(before: Record<string, unknown>, key: string, items: unknown[], after: Record<string, unknown>) {
  const pieces: string[] = [];
  writeJsonWithList((text) => pieces.push(text), before, key, items, after);
  return pieces;
}

describe('--json output written in pieces', () => {
  it('is exactly the text one JSON.stringify(value, null, 2) gives, for any object with a list', () => {
    const json = fc.jsonValue({ maxDepth: 3 });
    // Keys that read as array indices come first in any JS object, so the output's keys are never those.
    const key = fc.string({ maxLength: 6 }).map((k) => `k${k}`);
    const entries = fc.dictionary(key, json, { maxKeys: 4 });
    fc.assert(
      fc.property(entries, fc.array(json, { maxLength: 30 }), entries, (before, items, after) => {
        const key = 'rows';
        const whole = { ...before, [key]: items, ...after };
        // Keys given twice (or "rows" itself) would be one key in the object: keep the cases distinct.
        fc.pre(!(key in before) && !(key in after) && Object.keys(before).every((k) => !(k in after)));
        expect(streamed(before, key, items, after).join('')).toBe(JSON.stringify(whole, null, 2) + '\n');
      }),
      { numRuns: 300 },
    );
  });

  it('leaves out undefined entries as JSON.stringify does, and writes an empty list as []', () => {
    const text = streamed({ a: undefined, b: null }, 'rows', [], { c: 1 }).join('');
    expect(text).toBe(JSON.stringify({ a: undefined, b: null, rows: [], c: 1 }, null, 2) + '\n');
  });

  it('writes a long list a batch at a time, never as one string', () => {
    const items = Array.from({ length: 5_000 }, (_, i) => ({ index: i, costUsd: '0.25' }));
    const pieces = streamed({ plan: { name: 'p' } }, 'rows', items, { totals: { n: 5_000 } });
    expect(pieces.length).toBeGreaterThan(5);
    expect(Math.max(...pieces.map((p) => p.length))).toBeLessThan(JSON.stringify(items, null, 2).length / 5);
    expect(JSON.parse(pieces.join(''))).toEqual({ plan: { name: 'p' }, rows: items, totals: { n: 5_000 } });
  });
});
