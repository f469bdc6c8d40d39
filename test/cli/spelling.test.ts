import { describe, expect, it } from 'vitest';
import { closeNames } from '../../cli/spelling';

describe('what a mistyped name may have meant', () => {
  const fields = ['id', 'name', 'finals', 'notes', 'nPerRequest', 'quality'];

  it('the names within two edits, closest first, case aside', () => {
    expect(closeNames('finalz', fields)).toEqual(['finals']);
    expect(closeNames('NOTES', fields)).toEqual(['notes']);
    expect(closeNames('nperrequests', fields)).toEqual(['nPerRequest']);
  });

  it('nothing for a word as short as its distance, or far from every name', () => {
    expect(closeNames('x', fields)).toEqual([]);
    expect(closeNames('ab', fields)).toEqual([]);
    expect(closeNames('costCenter', fields)).toEqual([]);
    expect(closeNames('x'.repeat(2000), fields)).toEqual([]);
  });
});
