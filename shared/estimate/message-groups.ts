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
const SPACE = 0x20;

/** The messages grouped by text, in order of first appearance. */
export function groupRowMessages(messages: Iterable<RowMessage>, firstRows = 3): MessageGroup[] {
  const grouper = new RowMessageGrouper(firstRows);
  for (const { row, text } of messages) grouper.add(row, text);
  return grouper.groups();
}

/** A group as RowMessageGrouper builds it: `mixed` once its rows' sizes differ. */
interface GroupSoFar {
  readonly text: string;
  count: number;
  readonly firstRows: number[];
  mixed: boolean;
  /** The size `text` opens with when addSized made the group (NaN otherwise): what tells later rows' apart. */
  readonly width: number;
  readonly height: number;
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
    if (isAsciiDigit(text.charCodeAt(0))) {
      key = withoutLeadingSize(text);
      if (key === this.lastSizedKey) group = this.lastSizedGroup;
    }
    group ??= this.byKey.get(key);
    if (group === undefined) {
      group = { text, count: 0, firstRows: [], mixed: false, width: NaN, height: NaN };
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
      group = { text: `${width}x${height} ${rest}`, count: 0, firstRows: [], mixed: false, width, height };
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
    return [...this.byKey.values()].map(({ text, count, firstRows: rows, mixed }) => ({
      text: mixed ? `the row's size ${withoutLeadingSize(text)}` : text,
      count,
      firstRows: rows,
    }));
  }
}

/** "51,204 rows (rows 2, 6, 7, …)": how many rows and which first, numbered from 1 as people count. */
export function rowsOfGroup(group: MessageGroup): string {
  const listed = group.firstRows.map((r) => groupInteger(r + 1)).join(', ');
  const more = group.count > group.firstRows.length ? ', …' : '';
  return `${groupInteger(group.count)} rows (rows ${listed}${more})`;
}
