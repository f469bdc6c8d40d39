import { groupLine, groupRowMessages, type MessageGroup, type RowMessage } from '../shared/estimate/message-groups';
import type { OptionSpec } from './args';
import { showValue } from '../shared/safe-text';

/**
 * A plan's row messages as lines. Grouped by default: one line per distinct message, naming the row when
 * only one gives it (`row 5 "Hero": …`) and else how many and the first few (`51,204 rows (rows 2, 6, 7,
 * …): …`); with `verbose`, one line per row and message, as the rows give them.
 */
export function rowNoteLines(
  messages: readonly RowMessage[],
  label: (row: number) => string,
  separator: string,
  verbose: boolean,
): string[] {
  if (verbose) return messages.map((m) => `${label(m.row)}${separator}${m.text}`);
  return groupedNoteLines(groupRowMessages(messages), label, separator);
}

/** rowNoteLines' grouped lines, for messages grouped already (RowMessageGrouper). */
export function groupedNoteLines(
  groups: readonly MessageGroup[],
  label: (row: number) => string,
  separator: string,
): string[] {
  return groups.map((g) => groupLine(g, label, separator));
}

export const VERBOSE_OPTION: OptionSpec = {
  name: 'verbose',
  kind: 'flag',
  description: "list every row's errors and warnings, one line each (default: one line per distinct message)",
};

/** How a message names a row: `row 5 "Hero shots"`, or `row 5` for a row without a name. */
export function rowLabel(index: number, name: unknown): string {
  return typeof name === 'string' && name !== '' ? `row ${index + 1} "${showValue(name, 60)}"` : `row ${index + 1}`;
}
