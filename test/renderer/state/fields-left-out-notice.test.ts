import { describe, expect, it } from 'vitest';
import { fieldsLeftOutNotice } from '../../../renderer/src/state/plan-files';

describe('the notice for keys a plan file holds that this version does not read', () => {
  it('names one, or the first few and how many more', () => {
    expect(fieldsLeftOutNotice({ count: 1, first: ['meta.department'] })).toBe(
      'The file holds a field this version does not read (meta.department): ignored, and left out when the plan is saved.',
    );
    const first = ['rows[0].x', 'rows[1].x', 'rows[2].x', 'rows[3].x', 'rows[4].x'];
    expect(fieldsLeftOutNotice({ count: 1_205, first })).toBe(
      'The file holds 1,205 fields this version does not read (rows[0].x, rows[1].x, rows[2].x, rows[3].x, rows[4].x, and 1,200 more): ignored, and left out when the plan is saved.',
    );
  });
});
