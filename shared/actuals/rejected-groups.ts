import type { RejectedRow } from './actual-record';

/**
 * Rejected rows grouped by problem, for a preview people can read: an export with 15,000 rows whose
 * amount reads "n/a" is one line with the count and the first lines, not 15,000. Pure.
 */
export interface RejectedGroup {
  readonly file: string;
  readonly column: string | null;
  /**
   * The reason as its rows give it; when their values differ ("x", "2026-13-45" is not a date), what
   * they share, with the first row's value as the example.
   */
  readonly reason: string;
  readonly count: number;
  /** The first lines of the group, in the order the rows came (at most the number asked for). */
  readonly firstLines: readonly number[];
}

/** A reason that opens with the row's value in quotes (quoteForMessage): the value, and the rest. */
export function splitLeadingValue(reason: string): { value: string; rest: string } | null {
  if (reason.charCodeAt(0) !== QUOTE) return null;
  let i = 1;
  while (i < reason.length && reason.charCodeAt(i) !== QUOTE) i += reason.charCodeAt(i) === BACKSLASH ? 2 : 1;
  if (i >= reason.length) return null;
  let end = i + 1;
  // A value cut short says how long it was: `"abc…" (5000 characters)`.
  const length = /^ \(\d+ characters\)/.exec(reason.slice(end));
  if (length !== null) end += length[0].length;
  if (reason.charCodeAt(end) !== SPACE) return null;
  return { value: reason.slice(0, end), rest: reason.slice(end + 1) };
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const SPACE = 0x20;

interface GroupSoFar {
  readonly file: string;
  readonly column: string | null;
  readonly reason: string;
  count: number;
  readonly firstLines: number[];
  mixed: boolean;
  /** The reason without its leading value, and the first row's value (null: the reason has none). */
  readonly rest: string;
  readonly value: string | null;
  /** Whether rows' reasons differ beyond the leading value (in values inside them, masked in the key). */
  restsDiffer: boolean;
}

/**
 * A reason with the values inside it masked ("the row has 7 columns; the header has 10" and "… 8 columns …"
 * alike): quoted values and numbers, the parts a line's own data puts in a message.
 */
function maskedValues(reason: string): string {
  return reason.replace(QUOTED_OR_NUMBER, (found) => (found.charCodeAt(0) === QUOTE ? '"…"' : '#'));
}
const QUOTED_OR_NUMBER = /"(?:[^"\\]|\\.)*"|\d+/g;

/**
 * The rows grouped by file, column and reason, in order of first appearance: a reason's leading value is
 * left out of the comparison (the group then says "the value …" with the first row's as the example), and
 * so are values inside it (the group then gives the first row's reason and says the others differ).
 */
export function groupRejectedRows(rows: readonly RejectedRow[], firstLines = 3): RejectedGroup[] {
  const groups = new Map<string, GroupSoFar>();
  for (const row of rows) {
    const split = splitLeadingValue(row.reason);
    const rest = split?.rest ?? row.reason;
    const key = `${row.file}\u0000${row.column ?? ''}\u0000${split === null ? '' : '"'}${maskedValues(rest)}`;
    let group = groups.get(key);
    if (group === undefined) {
      group = {
        file: row.file,
        column: row.column,
        reason: row.reason,
        count: 0,
        firstLines: [],
        mixed: false,
        rest,
        value: split?.value ?? null,
        restsDiffer: false,
      };
      groups.set(key, group);
    }
    group.count += 1;
    if (group.firstLines.length < firstLines) group.firstLines.push(row.line);
    if (row.reason !== group.reason) {
      group.mixed = true;
      if (rest !== group.rest) group.restsDiffer = true;
    }
  }
  return [...groups.values()].map((g) => ({
    file: g.file,
    column: g.column,
    reason: g.mixed ? mixedReason(g) : g.reason,
    count: g.count,
    firstLines: g.firstLines,
  }));
}

/**
 * What a group whose rows' reasons differ says: where only the leading value differs, what they share
 * ("the value is not a number; e.g. line 2: "1.2.0""); otherwise the first row's reason, said to differ.
 */
function mixedReason(g: GroupSoFar): string {
  if (g.value !== null && !g.restsDiffer) return `the value ${g.rest}; e.g. line ${g.firstLines[0]}: ${g.value}`;
  return `${g.reason} (line ${g.firstLines[0]}; the other lines' values differ)`;
}
