import { describe, expect, it } from 'vitest';
import { fieldsLeftOutNotice } from '../../../renderer/src/state/plan-files';

describe('the notice for keys a plan file holds that this version does not read', () => {
  it('names one, or the first few distinct ones and how many more', () => {
    expect(fieldsLeftOutNotice({ count: 1, first: ['meta.department'], more: 0 })).toBe(
      'The file holds a field this version does not read (meta.department): ignored, and left out when the plan is saved.',
    );
    expect(
      fieldsLeftOutNotice({ count: 100_001, first: ['exportedBy', 'rows[].costCenter in 100,000 rows'], more: 0 }),
    ).toBe(
      'The file holds 100,001 fields this version does not read (exportedBy, rows[].costCenter in 100,000 rows): ignored, and left out when the plan is saved.',
    );
    const first = ['rows[].a', 'rows[].b', 'rows[].c', 'rows[].d', 'rows[].e'];
    expect(fieldsLeftOutNotice({ count: 1_205, first, more: 7 })).toBe(
      'The file holds 1,205 fields this version does not read (rows[].a, rows[].b, rows[].c, rows[].d, rows[].e, and 7 more): ignored, and left out when the plan is saved.',
    );
  });
});
