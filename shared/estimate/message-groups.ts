import { isAsciiDigit } from '../money/exact';
import { groupInteger } from '../money/format';

/**
 * Messages that repeat across rows, grouped: one group per distinct message, with how many rows give it
 * and the first few of them, so a plan whose 50,000 rows share one warning reads as one line, not 50,000
 * (the CLI's estimate and validate, the app's status bar). Pure; rows are 0-based indexes.
 */

export interface RowMessage {
  /** The row's index in the plan (0-based). */
  readonly row: number;
  readonly text: string;
}

export interface MessageGroup {
  /** The message; when rows differ only in the size a message opens with, the size is left out. */
  readonly text: string;
  /** How many rows give it. */
  readonly count: number;
  /** The first rows giving it, in plan order (at most the number asked for). */
  readonly firstRows: readonly number[];
}

/**
 * "3840x2160 is above …" without its leading size ("is above …"): a message about the row's own size, grouped
 * with the same one for other sizes. As text.replace(/^\d+x\d+ (?=is )/, ''), by a scan: a plan's rows can
 * give 100k such messages, and the regular expression made that the most of grouping's cost.
 */
export function withoutLeadingSize(text: string): string {
  let i = 0;
  while (isAsciiDigit(text.charCodeAt(i))) i += 1;
  if (i === 0 || text.charCodeAt(i) !== LOWER_X) return text;
  const height = (i += 1);
  while (isAsciiDigit(text.charCodeAt(i))) i += 1;
  if (i === height || text.charCodeAt(i) !== SPACE) return text;
  i += 1;
  return text.startsWith('is ', i) ? text.slice(i) : text;
}

const LOWER_X = 0x78;
const LOWER_S = 0x73;
const SPACE = 0x20;

/** The messages grouped by text, in order of first appearance. */
export function groupRowMessages(messages: Iterable<RowMessage>, firstRows = 3): MessageGroup[] {
  const grouper = new RowMessageGrouper(firstRows);
  for (const { row, text } of messages) grouper.add(row, text);
  return grouper.groups();
}

/**
 * A row's size error cut into what its rows share and what is the row's own: "size: 1893x1054 is not a
 * valid size for gpt-image-2: both edges must be multiples of 16. Nearest valid: 1888x1056, …" gives the
 * key "size: is not a valid size for gpt-image-2: both edges must be multiples of 16" and the row's own
 * "1893x1054, nearest valid 1888x1056, …"; a pixel count ("it has 640,000 pixels; at least …") is the
 * row's own too. Null for any other message. Sizes typed by hand give a different error on almost every
 * row: grouped so, a plan reads as one line per model and reason, not one per row.
 */
export function sizeErrorParts(text: string): { key: string; general: string; own: string } | null {
  if (!text.startsWith(SIZE_ERROR)) return null;
  const notASize = text.lastIndexOf(NOT_A_SIZE);
  if (text.charCodeAt(SIZE_ERROR.length) === QUOTE && notASize > SIZE_ERROR.length) {
    const rest = text.slice(notASize + NOT_A_SIZE.length);
    return {
      key: `${SIZE_ERROR}is not a size: ${rest}`,
      general: `${SIZE_ERROR}the row's size text is not a size: ${rest}`,
      own: text.slice(SIZE_ERROR.length, notASize + 1),
    };
  }
  const afterSize = withoutLeadingSize(text.slice(SIZE_ERROR.length));
  const nearestAt = afterSize.lastIndexOf(NEAREST);
  if (!afterSize.startsWith(NOT_VALID) || nearestAt < 0) return null;
  const size = text.slice(SIZE_ERROR.length, text.length - afterSize.length - 1);
  const reason = generalReason(afterSize.slice(0, nearestAt));
  return {
    key: `${SIZE_ERROR}${reason}`,
    general: `${SIZE_ERROR}the row's size ${reason}`,
    own: `${size}, nearest valid ${afterSize.slice(nearestAt + NEAREST.length)}`,
  };
}

const SIZE_ERROR = 'size: ';
const NOT_A_SIZE = '" is not a size: ';
const NOT_VALID = 'is not a valid size for ';
const NEAREST = '. Nearest valid: ';
const QUOTE = 0x22;

/** "…: it has 640,000 pixels; at least 655,360 are needed" without the row's own pixel count. */
function generalReason(reason: string): string {
  const match = /: it has [\d,]+ pixels; (?=(at least|at most) )/.exec(reason);
  if (match === null) return reason;
  const limit = reason.slice(match.index + match[0].length); // "at least 655,360 are needed"
  return `${reason.slice(0, match.index)}: it has too ${match[1] === 'at least' ? 'few' : 'many'} pixels: ${limit}`;
}

/** A group as RowMessageGrouper builds it: `mixed` once its rows' messages differ. */
interface GroupSoFar {
  readonly text: string;
  count: number;
  readonly firstRows: number[];
  mixed: boolean;
  /** The size `text` opens with when addSized made the group (NaN otherwise): what tells later rows' apart. */
  readonly width: number;
  readonly height: number;
  /** What the group says once mixed, and the first row's own part of its message (sizeErrorParts) if any. */
  readonly general: string;
  readonly example: string | null;
}

/**
 * groupRowMessages a message at a time, for a writer reading 100k rows once: each row's messages are
 * added as the row is read (rows in plan order), so no message record is kept per row.
 */
export class RowMessageGrouper {
  private readonly byKey = new Map<string, GroupSoFar>();
  private lastSizedKey: string | null = null;
  private lastSizedGroup: GroupSoFar | undefined = undefined;

  constructor(private readonly firstRows = 3) {}

  add(row: number, text: string): void {
    // Only a message opening with a digit can open with a size: the rest are their own key. A size message
    // is a new string for each row: the last one's group is tried first (comparing the texts costs less
    // than hashing one for the map), as rows of one plan tend to give the same.
    let group: GroupSoFar | undefined;
    let key = text;
    let parts: ReturnType<typeof sizeErrorParts> = null;
    if (isAsciiDigit(text.charCodeAt(0))) {
      key = withoutLeadingSize(text);
      if (key === this.lastSizedKey) group = this.lastSizedGroup;
    } else if (text.charCodeAt(0) === LOWER_S && (parts = sizeErrorParts(text)) !== null) key = parts.key;
    group ??= this.byKey.get(key);
    if (group === undefined) {
      const general = parts?.general ?? `the row's size ${key}`;
      group = {
        text,
        count: 0,
        firstRows: [],
        mixed: false,
        width: NaN,
        height: NaN,
        general,
        example: parts?.own ?? null,
      };
      this.byKey.set(key, group);
    }
    // A new group is counted as any other (its text is its own): one way through for every row, so the
    // optimised code has seen both kinds of rows however the first ones fall.
    if (this.countIn(group, row) && text !== group.text) group.mixed = true;
    if (key !== text) {
      this.lastSizedKey = key;
      this.lastSizedGroup = group;
    }
  }

  /**
   * add(row, `${width}x${height} ${rest}`), making that text only for the first row of its group (and
   * for a group `add` made): a message about the row's own size, which a 100k-row plan can give for
   * every row, each with its own size.
   */
  addSized(row: number, width: number, height: number, rest: string): void {
    if (!rest.startsWith('is ')) {
      this.add(row, `${width}x${height} ${rest}`); // not a size message to withoutLeadingSize: its own key
      return;
    }
    let group = rest === this.lastSizedKey ? this.lastSizedGroup : undefined;
    group ??= this.byKey.get(rest);
    if (group === undefined) {
      const text = `${width}x${height} ${rest}`;
      group = {
        text,
        count: 0,
        firstRows: [],
        mixed: false,
        width,
        height,
        general: `the row's size ${rest}`,
        example: null,
      };
      this.byKey.set(rest, group);
    }
    if (this.countIn(group, row))
      group.mixed = Number.isNaN(group.width)
        ? `${width}x${height} ${rest}` !== group.text
        : width !== group.width || height !== group.height;
    this.lastSizedKey = rest;
    this.lastSizedGroup = group;
  }

  /** Counts `row` in its group; true while the group is not yet known to be mixed (the caller checks). */
  private countIn(group: GroupSoFar, row: number): boolean {
    group.count += 1;
    if (group.firstRows.length < this.firstRows) group.firstRows.push(row);
    return !group.mixed;
  }

  /** The groups so far, in order of first appearance. */
  groups(): MessageGroup[] {
    return [...this.byKey.values()].map(({ text, count, firstRows: rows, mixed, general, example }) => ({
      text: !mixed
        ? text
        : example === null
          ? general
          : `${general}; e.g. row ${groupInteger((rows[0] ?? 0) + 1)}: ${example}`,
      count,
      firstRows: rows,
    }));
  }
}

/**
 * A group as one line: the row when one row gives it (`label`: `row 5 "Hero"`), else how many and the
 * first few (rowsOfGroup), then `separator` and the message. For the CLI's notes and the app's lists.
 */
export function groupLine(group: MessageGroup, label: (row: number) => string, separator = ': '): string {
  const only = group.count === 1 ? group.firstRows[0] : undefined;
  return `${only === undefined ? rowsOfGroup(group) : label(only)}${separator}${group.text}`;
}

/** "51,204 rows (rows 2, 6, 7, …)": how many rows and which first, numbered from 1 as people count. */
export function rowsOfGroup(group: MessageGroup): string {
  const listed = group.firstRows.map((r) => groupInteger(r + 1)).join(', ');
  const more = group.count > group.firstRows.length ? ', …' : '';
  return `${groupInteger(group.count)} rows (rows ${listed}${more})`;
}
