import { parseJsonExact } from './exact-json';

/**
 * Whether a file is CSV, one JSON document or JSON Lines, from its first text: JSON starts with `{` or `[`;
 * it is JSON Lines when its first line is a complete JSON value and more lines follow. CSV needs a few lines
 * before its delimiter can be sniffed.
 */

export type Container = 'csv' | 'json' | 'jsonl';

/** Text a CSV sniff looks at: enough lines to see the delimiter and some numbers. */
const CSV_SNIFF_CHARS = 65_536;
const CSV_SNIFF_LINES = 30;

export function decideContainer(head: string, final: boolean, maxFirstLine: number): Container | 'wait' | 'blank' {
  const first = head.search(/\S/);
  if (first === -1) return final ? 'blank' : 'wait';
  const c = head[first];
  if (c === '{' || c === '[') return jsonKind(head, first, final, maxFirstLine);
  if (final || head.length >= CSV_SNIFF_CHARS || countLines(head, CSV_SNIFF_LINES) >= CSV_SNIFF_LINES) return 'csv';
  return 'wait';
}

function jsonKind(head: string, first: number, final: boolean, maxFirstLine: number): Container | 'wait' {
  const nl = head.indexOf('\n', first);
  if (nl === -1) return final || head.length - first > maxFirstLine ? 'json' : 'wait';
  const rest = head.slice(nl + 1);
  if (rest.trim() === '' && !final) return head.length - first > maxFirstLine ? 'json' : 'wait';
  if (rest.trim() === '') return 'json';
  return parseJsonExact(head.slice(first, nl).trim()).ok ? 'jsonl' : 'json';
}

function countLines(text: string, max: number): number {
  let n = 0;
  let at = text.indexOf('\n');
  while (at !== -1 && n < max) {
    n++;
    at = text.indexOf('\n', at + 1);
  }
  if (n === 0) {
    at = text.indexOf('\r');
    while (at !== -1 && n < max) {
      n++;
      at = text.indexOf('\r', at + 1);
    }
  }
  return n;
}
