import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  groupRowMessages,
  RowMessageGrouper,
  rowsOfGroup,
  withoutLeadingSize,
} from '../../shared/estimate/message-groups';
import { EXPERIMENTAL_SIZE_NOTE, experimentalSizeWarning } from '../../shared/estimate/sizes';

describe('row messages grouped by message', () => {
  it('gives one group per distinct message, in order of first appearance, with its count and first rows', () => {
    const messages = [
      { row: 1, text: 'Batch for gpt-image-2: some batch APIs reject it' },
      { row: 3, text: 'reference images are not priced for gemini-2.5-flash-image' },
      ...[5, 6, 9, 12].map((row) => ({ row, text: 'Batch for gpt-image-2: some batch APIs reject it' })),
    ];
    expect(groupRowMessages(messages)).toEqual([
      { text: 'Batch for gpt-image-2: some batch APIs reject it', count: 5, firstRows: [1, 5, 6] },
      { text: 'reference images are not priced for gemini-2.5-flash-image', count: 1, firstRows: [3] },
    ]);
  });

  it('groups a message about each row’s own size, leaving the size out only when the sizes differ', () => {
    const above = (size: string) => `${size} is above 2560x1440 pixels: OpenAI calls such sizes experimental`;
    const groups = groupRowMessages([
      { row: 0, text: above('3840x2160') },
      { row: 2, text: above('3008x2144') },
    ]);
    expect(groups).toEqual([
      {
        text: "the row's size is above 2560x1440 pixels: OpenAI calls such sizes experimental",
        count: 2,
        firstRows: [0, 2],
      },
    ]);
    expect(groupRowMessages([{ row: 4, text: above('3840x2160') }])[0]?.text).toBe(above('3840x2160'));
  });

  it('leaves out a leading size exactly as the pattern ^\\d+x\\d+ (?=is ) does', () => {
    const piece = fc.constantFrom('1', '9', '0', '3840', 'x', 'X', ' ', 'is ', 'is', 'i', 's', '×', 'a', '-', '\n', '');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 10 }), (pieces) => {
        const text = pieces.join('');
        expect(withoutLeadingSize(text)).toBe(text.replace(/^\d+x\d+ (?=is )/, ''));
      }),
      { numRuns: 5000 },
    );
    expect(withoutLeadingSize('3840x2160 is above')).toBe('is above');
    expect(withoutLeadingSize('3840x2160 was above')).toBe('3840x2160 was above');
  });

  it('any messages: the groups a plain map by text (size left out) gives, whatever their order', () => {
    const LEADING_SIZE = /^\d+x\d+ (?=is )/;
    function reference(messages: readonly { row: number; text: string }[]) {
      const groups = new Map<string, { text: string; count: number; firstRows: number[]; mixed: boolean }>();
      for (const { row, text } of messages) {
        const key = text.replace(LEADING_SIZE, '');
        const group = groups.get(key);
        if (group === undefined) groups.set(key, { text, count: 1, firstRows: [row], mixed: false });
        else {
          group.count += 1;
          if (group.firstRows.length < 3) group.firstRows.push(row);
          if (text !== group.text) group.mixed = true;
        }
      }
      return [...groups.values()].map(({ text, count, firstRows, mixed }) => ({
        text: mixed ? `the row's size ${text.replace(LEADING_SIZE, '')}` : text,
        count,
        firstRows,
      }));
    }
    const text = fc.oneof(
      fc
        .tuple(fc.constantFrom('3840x2160', '3008x2144', '16x16'), fc.constantFrom('is above', 'is odd', 'was odd'))
        .map(([size, rest]) => `${size} ${rest}`),
      fc.constantFrom('Batch for gpt-image-2', 'reference images are not priced', '12 rows'),
    );
    fc.assert(
      fc.property(fc.array(text, { maxLength: 30 }), (texts) => {
        const messages = texts.map((t, row) => ({ row, text: t }));
        expect(groupRowMessages(messages)).toEqual(reference(messages));
      }),
      { numRuns: 2000 },
    );
  });

  it('says how many rows and which first, counting rows from 1 as people do', () => {
    expect(rowsOfGroup({ text: 'x', count: 51_204, firstRows: [1, 5, 6] })).toBe('51,204 rows (rows 2, 6, 7, …)');
    expect(rowsOfGroup({ text: 'x', count: 2, firstRows: [0, 9] })).toBe('2 rows (rows 1, 10)');
  });
});

describe('RowMessageGrouper.addSized', () => {
  // Rows giving messages about their own size (a few sizes, so groups are mixed or not), messages that
  // only look like one, and others, in any order: added by size or as text, the groups are the same.
  const message = fc.oneof(
    fc.record({
      kind: fc.constant('sized' as const),
      width: fc.constantFrom(3840, 4096, 2880),
      height: fc.constantFrom(2160, 2304),
      rest: fc.constantFrom(EXPERIMENTAL_SIZE_NOTE, 'is too wide', 'too tall: shrink it'),
    }),
    fc.record({ kind: fc.constant('text' as const), text: fc.constantFrom('Batch for gpt-image-2', '12 is odd') }),
  );
  it('groups as add does with the text', () => {
    fc.assert(
      fc.property(fc.array(fc.array(message, { maxLength: 3 }), { maxLength: 30 }), (rows) => {
        const byText = new RowMessageGrouper();
        const bySize = new RowMessageGrouper();
        rows.forEach((messages, row) => {
          for (const m of messages) {
            if (m.kind === 'text') {
              byText.add(row, m.text);
              bySize.add(row, m.text);
            } else {
              byText.add(row, `${m.width}x${m.height} ${m.rest}`);
              bySize.addSized(row, m.width, m.height, m.rest);
            }
          }
        });
        expect(bySize.groups()).toEqual(byText.groups());
      }),
      { numRuns: 2_000 },
    );
  });

  it('names the size while every row has the same one, and leaves it out once they differ', () => {
    const grouper = new RowMessageGrouper();
    grouper.addSized(0, 3840, 2160, EXPERIMENTAL_SIZE_NOTE);
    grouper.addSized(4, 3840, 2160, EXPERIMENTAL_SIZE_NOTE);
    expect(grouper.groups()).toEqual([{ text: experimentalSizeWarning(3840, 2160), count: 2, firstRows: [0, 4] }]);
    grouper.add(7, experimentalSizeWarning(4096, 2304));
    expect(grouper.groups()).toEqual([
      { text: `the row's size ${EXPERIMENTAL_SIZE_NOTE}`, count: 3, firstRows: [0, 4, 7] },
    ]);
  });
});
