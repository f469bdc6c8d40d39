import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  groupRowMessages,
  RowMessageGrouper,
  rowsOfGroup,
  sizeErrorParts,
  withoutLeadingSize,
} from '../../shared/estimate/message-groups';
import { findModel } from '../../shared/estimate/models';
import { EXPERIMENTAL_SIZE_NOTE, experimentalSizeWarning, resolveSize } from '../../shared/estimate/sizes';

/** A row's size error as the CLI and the app word it ("size: " and the engine's message). */
function sizeError(model: string, size: string): string {
  const spec = findModel(model);
  if (spec === undefined) throw new Error(model);
  const resolved = resolveSize(spec, size);
  if (resolved.ok) throw new Error(`${size} is a size of ${model}`);
  return `size: ${resolved.error}`;
}

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

describe('size errors grouped by model and reason', () => {
  // Sizes typed by hand that a model does not take give a different message on almost every row: a plan
  // with 26k of them printed 6,776 error lines. Grouped, it reads as one line per model and reason.
  it('groups rows whose sizes differ by the model and the reason, with the first row as the example', () => {
    const groups = groupRowMessages([
      { row: 7, text: sizeError('gpt-image-2', '1893x1054') },
      { row: 9, text: sizeError('gpt-image-2', '1064x1607') },
      { row: 12, text: sizeError('gpt-image-1', '1000x1000') },
      { row: 13, text: sizeError('gpt-image-2', '1000x1000') },
      { row: 20, text: sizeError('gpt-image-1', '1200x1000') },
    ]);
    expect(groups).toEqual([
      {
        text: "size: the row's size is not a valid size for gpt-image-2: both edges must be multiples of 16; e.g. row 8: 1893x1054, nearest valid 1888x1056, 1904x1056, 1888x1040",
        count: 3,
        firstRows: [7, 9, 13],
      },
      {
        text: "size: the row's size is not a valid size for gpt-image-1: it is not one of the sizes this model accepts (1024x1024, 1024x1536, 1536x1024); e.g. row 13: 1000x1000, nearest valid 1024x1024, 1024x1536, 1536x1024",
        count: 2,
        firstRows: [12, 20],
      },
    ]);
  });

  it('keeps the whole message while every row of the group gives the same one', () => {
    const text = sizeError('gpt-image-2', '1000x1000');
    expect(groupRowMessages([0, 4].map((row) => ({ row, text })))).toEqual([{ text, count: 2, firstRows: [0, 4] }]);
  });

  it("leaves a row's pixel count out of the key, keeping too few apart from too many", () => {
    const groups = groupRowMessages([
      { row: 0, text: sizeError('gpt-image-2', '800x800') },
      { row: 1, text: sizeError('gpt-image-2', '784x784') },
      { row: 2, text: sizeError('gpt-image-2', '3840x2176') },
      { row: 3, text: sizeError('gpt-image-2', '3840x2192') },
    ]);
    expect(groups.map((g) => [g.count, g.text])).toEqual([
      [
        2,
        "size: the row's size is not a valid size for gpt-image-2: it has too few pixels: at least 655,360 are needed; e.g. row 1: 800x800, nearest valid 800x832, 816x816, 832x800",
      ],
      [
        2,
        "size: the row's size is not a valid size for gpt-image-2: it has too many pixels: at most 8,294,400 are allowed; e.g. row 3: 3840x2176, nearest valid 3840x2160, 3808x2176, 3824x2160",
      ],
    ]);
  });

  it('groups texts that are not sizes at all, quoting the first as the example', () => {
    const groups = groupRowMessages([
      { row: 0, text: sizeError('gpt-image-2', '1024 by 1024') },
      { row: 5, text: sizeError('gpt-image-2', 'square') },
    ]);
    expect(groups).toEqual([
      {
        text: 'size: the row\'s size text is not a size: write WIDTHxHEIGHT (e.g. 1536x1024), an aspect preset (1:1, 4:5, 2:3, 3:2, 16:9, 9:16) or auto; e.g. row 1: "1024 by 1024"',
        count: 2,
        firstRows: [0, 5],
      },
    ]);
    // A quoted text holding the words the message goes on with is cut at the message's own.
    expect(sizeErrorParts(sizeError('gpt-image-2', '"a" is not a size: x'))?.own).toBe('""a" is not a size: x"');
  });

  it('leaves any other message starting with "size: " as it is', () => {
    expect(sizeErrorParts('size: 1024x1024 is too large for this budget')).toBeNull();
    expect(sizeErrorParts('quality: "ultra" is not a quality of gpt-image-2')).toBeNull();
    const text = 'size: 1024x1024 is too large for this budget';
    expect(
      groupRowMessages([
        { row: 0, text },
        { row: 1, text: 'size: 512x512 is too large for this budget' },
      ]),
    ).toEqual([
      { text, count: 1, firstRows: [0] },
      { text: 'size: 512x512 is too large for this budget', count: 1, firstRows: [1] },
    ]);
  });
});
