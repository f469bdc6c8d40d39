import { isAscii } from 'node:buffer';

/**
 * `JSON.stringify(object, null, 2) + '\n'` for an object holding one long list, written in pieces: the
 * entries before the list, then the list a batch of items at a time, then the entries after it. The text
 * is exactly what one JSON.stringify would give, without building it as one string (a 100k-row estimate
 * is hundreds of megabytes of it).
 */
export function writeJsonWithList(
  write: (text: string) => void,
  before: Readonly<Record<string, unknown>>,
  listKey: string,
  items: Iterable<unknown>,
  after: Readonly<Record<string, unknown>>,
): void {
  const entries = (object: Readonly<Record<string, unknown>>) =>
    Object.entries(object).flatMap(([key, value]) => {
      const text = JSON.stringify(value, null, 2) as string | undefined; // undefined: left out, as JSON.stringify does
      return text === undefined ? [] : [`  ${JSON.stringify(key)}: ${indented(text, 2)}`];
    });
  const head = entries(before);
  const tail = entries(after);
  write(`{\n${head.map((line) => `${line},\n`).join('')}  ${JSON.stringify(listKey)}: [`);
  // A batch is stringified inside the same wrapper as the whole object, so its items come out already
  // indented as they stand in the document; the wrapper is cut off.
  const open = `{\n  ${JSON.stringify(listKey)}: [\n`;
  const close = '\n  ]\n}';
  let batch: unknown[] = [];
  let first = true;
  const flush = () => {
    const text = JSON.stringify({ [listKey]: batch }, null, 2);
    write(`${first ? '\n' : ',\n'}${text.slice(open.length, text.length - close.length)}`);
    first = false;
    batch = [];
  };
  for (const item of items) {
    batch.push(item);
    if (batch.length === ITEMS_PER_WRITE) flush();
  }
  if (batch.length > 0) flush();
  write(`${first ? ']' : '\n  ]'}${tail.map((line) => `,\n${line}`).join('')}\n}\n`);
}

const ITEMS_PER_WRITE = 500;

/**
 * The UTF-8 bytes of JSON text (JSON.stringify's, or writeJsonWithList's pieces) when they are
 * terminal-safe as they stand, for CliIo.stdoutBytes; null when the text must go through terminalSafe.
 * JSON escapes every control character below U+0020 in its strings and its only whitespace here is
 * spaces and line feeds, so ASCII text without DEL is safe: the usual output, checked natively instead of
 * scanned character by character (a 100k-row estimate is over 100 MB of it).
 */
export function terminalSafeJsonBytes(text: string): Uint8Array | null {
  const bytes = Buffer.from(text, 'utf8');
  return isAscii(bytes) && bytes.indexOf(DEL) < 0 ? bytes : null;
}

const DEL = 0x7f;

function indented(text: string, spaces: number): string {
  return text.replaceAll('\n', `\n${' '.repeat(spaces)}`);
}
