import { describe, expect, it } from 'vitest';
import { JsonNumber, jsonText, parseJsonExact } from '../../../shared/actuals/read/exact-json';

describe('JSON with numbers kept as written', () => {
  it('keeps every digit of numbers, and strings, nesting and escapes as JSON.parse does', () => {
    const text =
      '{"spend": 0.10576500000000001, "q": 30.0, "z": 0E-6176, "s": "a\\"b\\u00e9\\n", "l": [true, null, -1e3], "o": {}}';
    const parsed = parseJsonExact(text);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const v = parsed.value as Record<string, unknown>;
    expect(v['spend']).toEqual(new JsonNumber('0.10576500000000001'));
    expect(jsonText(v['q'] as JsonNumber)).toBe('30.0');
    expect(jsonText(v['z'] as JsonNumber)).toBe('0E-6176');
    expect(v['s']).toBe('a"bé\n');
    expect(v['l']).toEqual([true, null, new JsonNumber('-1e3')]);
    expect({ ...(v['o'] as object) }).toEqual({});
  });

  it('treats "__proto__" as a plain key', () => {
    const parsed = parseJsonExact('{"__proto__": {"polluted": true}}');
    expect(parsed.ok).toBe(true);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it.each([
    ['[', 'the text ends where a value should be'],
    ['{', 'expected a key in quotes'],
    ['{"a" 1}', 'expected : after a key'],
    ['[1 2]', 'expected , or ] in an array'],
    ['{"a": 01}', 'expected , or } in an object'],
    ['"abc', 'a string is not closed'],
    ['"a\\x"', 'an invalid escape'],
    ['{} x', 'unexpected text after the JSON value'],
    ['['.repeat(100) + ']'.repeat(100), 'nested deeper than 64 levels'],
  ])('refuses %j: %s', (text, error) => {
    const parsed = parseJsonExact(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toContain(error);
  });
});
