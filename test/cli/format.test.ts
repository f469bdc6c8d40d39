import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { counted, microDecimal } from '../../cli/format';
import { terminalSafeJsonBytes } from '../../cli/json-stream';
import { microToDecimalString } from '../../shared/money/format';
import { terminalSafe } from '../../shared/safe-text';

describe('microDecimal: money in micro-units as exact decimal text, without BigInt', () => {
  it('is microToDecimalString for any amount', () => {
    const edges = [0, -0, 1, -1, 10, 999_999, 1_000_000, 1_000_001, 5_000_000, Number.MAX_SAFE_INTEGER];
    fc.assert(
      fc.property(
        fc.oneof(
          fc.integer({ min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }),
          fc.integer({ min: -10_000_000, max: 10_000_000 }),
          fc.constantFrom(...edges, ...edges.map((n) => -n)),
        ),
        (micro) => {
          expect(microDecimal(micro)).toBe(microToDecimalString(micro));
        },
      ),
      { numRuns: 5_000 },
    );
  });
});

describe('terminalSafeJsonBytes: JSON text that can go to the terminal as it is', () => {
  it('gives the UTF-8 of the text exactly when terminalSafe leaves JSON text unchanged and it is ASCII', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 3 }), (value) => {
        const text = JSON.stringify(value, null, 2);
        const bytes = terminalSafeJsonBytes(text);
        if (bytes !== null) {
          expect(Buffer.from(bytes).toString('utf8')).toBe(text);
          expect(terminalSafe(text)).toBe(text);
        } else expect([...text].some((c) => c.charCodeAt(0) > 0x7e)).toBe(true);
      }),
      { numRuns: 2_000 },
    );
  });

  it('refuses DEL, C1 controls and bidirectional overrides, which terminalSafe escapes', () => {
    for (const name of ['a\u007fb', 'c1\u0085', 'bidi \u202e']) {
      const text = JSON.stringify({ name });
      expect(terminalSafeJsonBytes(text)).toBeNull();
      expect(terminalSafe(text)).not.toBe(text);
    }
    expect(terminalSafeJsonBytes(JSON.stringify({ name: 'Hero \u001b[31m' }))).not.toBeNull();
  });
});

describe('counted: a count with its noun, as the CLI prints it', () => {
  it('groups the digits as the rest of the output does, and agrees the noun', () => {
    expect(counted(1, 'row')).toBe('1 row');
    expect(counted(0, 'row')).toBe('0 rows');
    expect(counted(4_906, 'row')).toBe('4,906 rows');
    expect(counted(100_000, 'new row')).toBe('100,000 new rows');
  });
});
