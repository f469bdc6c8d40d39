import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ID_WORDS,
  IdHashMap,
  IdSet,
  compareIds,
  findId,
  hashRequestId,
  idToBase64,
  idsFromBase64,
  idsToBase64,
  sortIds,
} from '../../../shared/actuals/ledger/request-ids';

function hash(id: string): Uint32Array {
  const out = new Uint32Array(ID_WORDS);
  hashRequestId(id, out, 0);
  return out;
}

/** A string whose UTF-16LE bytes are the given ASCII text's bytes (two characters per code unit). */
function packedBytes(ascii: string): string {
  let s = '';
  for (let i = 0; i < ascii.length; i += 2)
    s += String.fromCharCode(ascii.charCodeAt(i) | (ascii.charCodeAt(i + 1) << 8));
  return s;
}

describe('request id hashes', () => {
  // MurmurHash3 x86_128, seed 0: h1 h2 h3 of published vectors over the bytes of these ASCII texts
  // (test vectors of daisuke-t-jp/MurmurHash-Swift, which agree with the reference implementation).
  it.each([
    ['He', '47f82b37 3b8fc728 3b8fc728'],
    ['Hell', '7f771597 e65bee6a e65bee6a'],
    ['Hello ', '497dc9d9 b73bad59 a57b7235'],
    ['Hello Wo', 'db37ce0f e9a99ae0 da8c411b'],
    ['Hello Worl', '2444bd95 337fb219 3d57dfac'],
    ['Hello World!', '6bee9883 eb1be4f5 9dfb7172'],
    ['Hello World! H', 'aaadb445 2b35ce37 5a481289'],
    ['Hello World! Hel', '82475db0 161f88d8 85047482'],
    ['Hello World! Hello', '453fc536 3af752fb aa52e054'],
    ['Hello World! Hello World! He', '84602738 1e604d1d 88f1ce28'],
  ])('are MurmurHash3 x86_128 of the UTF-16LE bytes: %s', (ascii, expected) => {
    const words = [...hash(packedBytes(ascii))].map((w) => w.toString(16).padStart(8, '0'));
    expect(words.join(' ')).toBe(expected);
  });

  it('differ for ids that differ in one character, in case, or by a trailing character', () => {
    const ids = ['req-1', 'req-2', 'REQ-1', 'req-1 ', '021e2a73-8fd8-407f-a111-4b0166ee4aec', '', 'é'];
    const keys = new Set(ids.map((id) => idToBase64(hash(id), 0)));
    expect(keys.size).toBe(ids.length);
  });

  it('round-trip through base64, 16 characters each', () => {
    fc.assert(
      fc.property(fc.array(fc.string(), { maxLength: 50 }), (ids) => {
        const flat = new Uint32Array(ids.length * ID_WORDS);
        ids.forEach((id, i) => hashRequestId(id, flat, i * ID_WORDS));
        const text = idsToBase64(flat);
        expect(text).toHaveLength(16 * ids.length);
        expect(text).toMatch(/^[A-Za-z0-9+/]*$/);
        expect(idsFromBase64(text)).toEqual(flat);
      }),
    );
    expect(idsFromBase64('short')).toBeNull();
    expect(idsFromBase64('!'.repeat(16))).toBeNull();
  });

  it('sort by (h1, h2, h3) unsigned, telling where each came from', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.oneof(
              fc.nat({ max: 3 }),
              fc.nat().map((n) => n * 7919),
            ), // many equal h1: the tie sort
            fc.nat({ max: 5 }),
            fc.nat().map((n) => n * 104_729),
          ),
          { maxLength: 300 },
        ),
        (triples) => {
          const flat = Uint32Array.from(triples.flat().map((n) => n >>> 0));
          const { sorted, order } = sortIds(flat, triples.length);
          for (let i = 1; i < triples.length; i++)
            expect(compareIds(sorted, (i - 1) * 3, sorted, i * 3)).toBeLessThanOrEqual(0);
          for (let i = 0; i < triples.length; i++) {
            const from = order[i] ?? 0;
            expect([...sorted.subarray(i * 3, i * 3 + 3)]).toEqual([...flat.subarray(from * 3, from * 3 + 3)]);
            expect(findId(sorted, flat, from * 3)).toBeGreaterThanOrEqual(0);
          }
        },
      ),
    );
  });

  it('a hash map keeps the first value per hash, grows, and finds what it holds', () => {
    const map = new IdHashMap(2);
    const ids = Array.from({ length: 5000 }, (_, i) => hash(`request-${i}`));
    ids.forEach((h, i) => expect(map.setIfAbsent(h, 0, i)).toBe(i));
    ids.forEach((h, i) => expect(map.setIfAbsent(h, 0, 99_999)).toBe(i));
    expect(map.size).toBe(5000);
    expect(map.get(hash('request-4999'), 0)).toBe(4999);
    expect(map.get(hash('not there'), 0)).toBe(-1);
    expect(map.replace(hash('request-7'), 0, 0)).toBe(true);
    expect(map.get(hash('request-7'), 0)).toBe(0);
    expect(map.replace(hash('not there'), 0, 1)).toBe(false);
  });

  it('a set tells a new hash from one seen before, grows, and lists each hash once', () => {
    const set = new IdSet();
    const ids = Array.from({ length: 5000 }, (_, i) => hash(`request-${i}`));
    ids.forEach((h) => expect(set.add(h, 0)).toBe(true));
    ids.forEach((h) => expect(set.add(h, 0)).toBe(false));
    expect(set.size).toBe(5000);
    const listed = set.toFlat();
    const keys = new Set<string>();
    for (let at = 0; at < listed.length; at += ID_WORDS) keys.add(idToBase64(listed, at));
    expect(keys).toEqual(new Set(ids.map((h) => idToBase64(h, 0))));
  });

  it('sorts a scratch array in place, without positions, to the same order as the full sort', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(7), fc.nat(), fc.nat()), { maxLength: 200 }), (triples) => {
        const flat = Uint32Array.from(triples.flat().map((n) => n >>> 0));
        const full = sortIds(flat, triples.length).sorted;
        const { sorted, order } = sortIds(flat.slice(), triples.length, { owned: true, withOrder: false });
        expect([...sorted]).toEqual([...full]);
        expect(order).toHaveLength(0);
      }),
    );
  });
});
