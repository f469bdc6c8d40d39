/**
 * The CSV tokenizer as it was before its unquoted fields were found by indexOf (a charCodeAt loop per
 * character), kept verbatim as the oracle the faster one is held equal to on any text (csv-tokenizer.test.ts).
 */

/**
 * An incremental CSV tokenizer: push text chunks, get records with the 1-based line each starts on.
 *
 * RFC 4180 plus what real exports do: quoted fields holding delimiters, doubled quotes and line breaks;
 * CRLF, LF and CR endings, mixed in one file; blank lines skipped. Limits (field, record, column count) are
 * checked as the text arrives, so a 5 MB line without a break is refused after the first megabyte or two,
 * and a record too long to keep is skipped to its end and rejected, not read into memory.
 *
 * Speed matters (a million-row log in a few seconds): the scan is one pass of charCodeAt over unquoted
 * text and indexOf over quoted text; a record is a reused view of field offsets into the current text, and
 * a field becomes a string only when the consumer asks for it. A record spanning chunks is scanned again
 * from its start when the next chunk arrives; the record limit bounds that work.
 */

interface CsvLimits {
  /** Characters in one field. */
  readonly maxFieldChars: number;
  /** Characters in one record (all its fields, delimiters and quotes). */
  readonly maxRecordChars: number;
  readonly maxColumns: number;
}

const DEFAULT_CSV_LIMITS: CsvLimits = {
  maxFieldChars: 1_048_576,
  maxRecordChars: 2_097_152,
  maxColumns: 1_000,
};

/** One record: valid only inside the callback that receives it (the tokenizer reuses it). */
class CsvRecordView {
  line = 0;
  count = 0;
  text = '';
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  /** 1 where the field was quoted and holds doubled quotes to undo. */
  readonly escaped: Uint8Array;

  constructor(maxColumns: number) {
    this.starts = new Int32Array(maxColumns);
    this.ends = new Int32Array(maxColumns);
    this.escaped = new Uint8Array(maxColumns);
  }

  /** The field's text ('' when the record has no such column). */
  field(i: number): string {
    if (i < 0 || i >= this.count) return '';
    const s = this.text.slice(this.starts[i], this.ends[i]);
    return this.escaped[i] === 1 ? s.replaceAll('""', '"') : s;
  }

  /** True when the field is empty or missing, without building a string. */
  isEmpty(i: number): boolean {
    return i < 0 || i >= this.count || this.starts[i] === this.ends[i];
  }

  fields(): string[] {
    const out: string[] = [];
    for (let i = 0; i < this.count; i++) out.push(this.field(i));
    return out;
  }
}

interface CsvSink {
  record(view: CsvRecordView): void;
  /** A record that could not be tokenized (too long, too many columns, malformed quotes). */
  reject(line: number, reason: string): void;
}

/** Held text below this is scanned again on every chunk (cheap); above it, only when it has doubled. */
const RESCAN_FREELY = 65_536;

const QUOTE = 34;
const LF = 10;
const CR = 13;

/** Result of scanning one record from a position. */
const enum Scan {
  Done,
  /** The text ends inside the record: wait for more. */
  Incomplete,
}

export class CsvTokenizerBefore {
  private buf = '';
  private pos = 0;
  /** Line the next record starts on. */
  private line = 1;
  private readonly delim: number;
  private readonly view: CsvRecordView;
  /** Inside an over-long record being skipped: the quote parity so far, else null. */
  private skipping: SkipState | null = null;
  /** A skipped record ended on a CR at the end of a chunk: a LF starting the next chunk belongs to it. */
  private swallowLf = false;
  /** Chunks held back while a long incomplete record waits for more text (see push). */
  private waiting: string[] = [];
  private waitingLength = 0;
  /** Cached positions of the next LF / CR at or after a point (-2: not looked up for this buffer). */
  private nextLf = -2;
  private nextCr = -2;
  /** Set while scanning a record: why it cannot be used (null when fine). */
  private problem: string | null = null;

  constructor(
    delimiter: string,
    private readonly sink: CsvSink,
    private readonly limits: CsvLimits = DEFAULT_CSV_LIMITS,
    firstLine = 1,
  ) {
    this.line = firstLine;
    this.delim = delimiter.charCodeAt(0);
    this.view = new CsvRecordView(limits.maxColumns);
  }

  push(chunk: string): void {
    let text = chunk;
    if (this.swallowLf) {
      this.swallowLf = false;
      if (text.charCodeAt(0) === LF) text = text.slice(1);
    }
    if (text.length === 0) return;
    if (this.skipping) {
      this.skip(text, false);
      return;
    }
    const held = this.buf.length - this.pos;
    if (held === 0 && this.waiting.length === 0) {
      this.scan(text, 0);
      return;
    }
    if (held <= RESCAN_FREELY && this.waiting.length === 0 && this.completeHeld(text)) return;
    // A record cut by the chunk end is scanned again from its start; while it is long, wait until the held
    // text doubles before scanning again, so a long record costs linear time, not one scan per chunk.
    this.waiting.push(text);
    this.waitingLength += text.length;
    if (held > RESCAN_FREELY && this.waitingLength < held) return;
    this.scan(this.takeHeld(), 0);
  }

  private scan(text: string, from: number): void {
    this.buf = text;
    this.pos = from;
    this.resetCaches();
    this.run(false);
  }

  /**
   * Finishes the short record held from the last chunk with the start of this one (up to its first line
   * break), then scans the rest of the chunk in place. Scanning a concatenation (a V8 cons string) is about
   * twice as slow as scanning the decoder's flat chunk, so the chunk is never appended to the held text
   * unless the record goes on past that line break (a quoted line break). False when it did not apply.
   */
  private completeHeld(chunk: string): boolean {
    let cut = chunk.indexOf('\n');
    const cr = chunk.indexOf('\r');
    if (cr !== -1 && (cut === -1 || cr < cut)) cut = chunk.charCodeAt(cr + 1) === LF ? cr + 1 : cr;
    if (cut === -1 || cut + 1 >= chunk.length) return false;
    this.scan(this.buf.slice(this.pos) + chunk.slice(0, cut + 1), 0);
    if (this.skipping) this.skip(chunk.slice(cut + 1), false);
    else if (this.pos < this.buf.length) this.scan(this.buf.slice(this.pos) + chunk.slice(cut + 1), 0);
    else this.scan(chunk, cut + 1);
    return true;
  }

  /** The unscanned rest of the buffer and the chunks waiting behind it, as one string. */
  private takeHeld(): string {
    const rest = this.pos < this.buf.length ? this.buf.slice(this.pos) : '';
    const text = this.waiting.length === 1 ? rest + (this.waiting[0] ?? '') : rest + this.waiting.join('');
    this.waiting = [];
    this.waitingLength = 0;
    return text;
  }

  private resetCaches(): void {
    this.nextLf = -2;
    this.nextCr = -2;
  }

  end(): void {
    if (this.waiting.length > 0) {
      this.buf = this.takeHeld();
      this.pos = 0;
      this.resetCaches();
    }
    if (this.skipping === null) this.run(true);
    if (this.skipping !== null) this.skip('', true);
    else if (this.pos < this.buf.length) {
      this.sink.reject(this.line, 'a quoted field is not closed before the end of the file');
    }
    this.buf = '';
    this.pos = 0;
  }

  private run(final: boolean): void {
    const buf = this.buf;
    const n = buf.length;
    while (this.pos < n) {
      const start = this.pos;
      const state = this.scanRecord(start, final);
      if (state === Scan.Incomplete) {
        if (n - start > this.limits.maxRecordChars) this.startSkipping(buf.slice(start));
        return;
      }
    }
  }

  /** Scans one record starting at `start`; emits it (or its rejection) and advances when complete. */
  private scanRecord(start: number, final: boolean): Scan {
    const buf = this.buf;
    const n = buf.length;
    const view = this.view;
    const d = this.delim;
    const maxColumns = this.limits.maxColumns;
    let pos = start;
    let count = 0;
    let breaks = 0; // line breaks inside quoted fields
    let sawQuote = false;
    this.problem = null;
    for (;;) {
      let c = pos < n ? buf.charCodeAt(pos) : -1;
      let fieldStart = pos;
      let fieldEnd: number;
      let escaped = 0;
      if (c === QUOTE) {
        sawQuote = true;
        const close = this.closingQuote(pos + 1, final);
        if (close === -1) return Scan.Incomplete;
        escaped = close < 0 ? 1 : 0;
        const q = close < 0 ? -close - 2 : close;
        fieldStart = pos + 1;
        fieldEnd = q;
        breaks += this.countBreaks(fieldStart, q);
        pos = q + 1;
        c = pos < n ? buf.charCodeAt(pos) : -1;
        if (c !== d && c !== LF && c !== CR && c !== -1) {
          // Text after a closing quote ("ab"cd): keep scanning to the field's end, reject the record.
          this.problem ??= `column ${count + 1}: text after the closing quote`;
          while (pos < n && (c = buf.charCodeAt(pos)) !== d && c !== LF && c !== CR) pos++;
          if (pos >= n) c = -1;
        }
      } else {
        while (c !== d && c !== LF && c !== CR && c !== -1) c = ++pos < n ? buf.charCodeAt(pos) : -1;
        fieldEnd = pos;
      }
      if (count < maxColumns) {
        view.starts[count] = fieldStart;
        view.ends[count] = fieldEnd;
        view.escaped[count] = escaped;
      }
      count++;
      if (c === d) {
        pos++;
        continue;
      }
      if (c === -1 && !final) return Scan.Incomplete;
      if (c === CR) {
        if (pos + 1 >= n && !final) return Scan.Incomplete; // a CRLF may be cut between chunks
        pos += buf.charCodeAt(pos + 1) === LF ? 2 : 1;
      } else if (c === LF) {
        pos++;
      }
      break;
    }
    const line = this.line;
    this.line += breaks + (pos > 0 && isBreak(buf.charCodeAt(pos - 1)) ? 1 : 0);
    this.pos = pos;
    const blank = count === 1 && !sawQuote && view.starts[0] === view.ends[0];
    if (blank) return Scan.Done;
    this.emit(start, pos, count, line);
    return Scan.Done;
  }

  private emit(start: number, end: number, count: number, line: number): void {
    const limits = this.limits;
    if (count > limits.maxColumns) {
      this.sink.reject(line, `${count} columns, more than the limit of ${limits.maxColumns}`);
      return;
    }
    if (end - start > limits.maxRecordChars) {
      this.sink.reject(line, tooLong(limits));
      return;
    }
    const view = this.view;
    for (let i = 0; i < count; i++) {
      const length = (view.ends[i] ?? 0) - (view.starts[i] ?? 0);
      if (length > limits.maxFieldChars) {
        this.sink.reject(
          line,
          `column ${i + 1} is ${length} characters long, over the limit of ${limits.maxFieldChars}`,
        );
        return;
      }
    }
    if (this.problem !== null) {
      this.sink.reject(line, this.problem);
      return;
    }
    view.text = this.buf;
    view.line = line;
    view.count = count;
    this.sink.record(view);
  }

  /**
   * The closing quote of a quoted field whose content starts at `from`: its index, or -(index + 2) when the
   * field held doubled quotes, or -1 when the text ends first.
   */
  private closingQuote(from: number, final: boolean): number {
    const buf = this.buf;
    let p = from;
    let escaped = false;
    for (;;) {
      const q = buf.indexOf('"', p);
      if (q === -1) return -1;
      if (q + 1 >= buf.length && !final) return -1; // a doubled quote may be cut between chunks
      if (buf.charCodeAt(q + 1) === QUOTE) {
        escaped = true;
        p = q + 2;
        continue;
      }
      return escaped ? -(q + 2) : q;
    }
  }

  /** Line breaks in buf[from, to): LF, CR and CRLF each count once. Uses cached next positions (linear). */
  private countBreaks(from: number, to: number): number {
    const buf = this.buf;
    let breaks = 0;
    if (this.nextLf !== -1 && this.nextLf < from) this.nextLf = buf.indexOf('\n', from);
    while (this.nextLf !== -1 && this.nextLf < to) {
      breaks++;
      this.nextLf = buf.indexOf('\n', this.nextLf + 1);
    }
    if (this.nextCr !== -1 && this.nextCr < from) this.nextCr = buf.indexOf('\r', from);
    while (this.nextCr !== -1 && this.nextCr < to) {
      if (buf.charCodeAt(this.nextCr + 1) !== LF) breaks++;
      this.nextCr = buf.indexOf('\r', this.nextCr + 1);
    }
    return breaks;
  }

  /** A record grew past the limit without ending: drop what we hold and skip to its end by quote parity. */
  private startSkipping(held: string): void {
    this.skipping = { inQuotes: false, line: this.line, breaks: 0, prevCr: false };
    this.buf = '';
    this.pos = 0;
    this.skip(held, false);
  }

  /**
   * Skips text until the over-long record ends: a line break outside quotes. Quotes toggle the parity (a
   * doubled quote toggles twice), which needs no lookahead, so chunk boundaries do not matter.
   */
  private skip(text: string, final: boolean): void {
    const s = this.skipping;
    if (s === null) return;
    const n = text.length;
    for (let i = 0; i < n; i++) {
      const c = text.charCodeAt(i);
      const prevCr = s.prevCr;
      s.prevCr = c === CR;
      if (c === QUOTE) s.inQuotes = !s.inQuotes;
      else if (c === CR || (c === LF && !prevCr)) {
        if (s.inQuotes) {
          s.breaks++;
          continue;
        }
        let next = i + 1;
        if (c === CR && next < n && text.charCodeAt(next) === LF) next++;
        else if (c === CR && next >= n && !final) this.swallowLf = true; // its LF may start the next chunk
        this.finishSkip(s);
        this.buf = text.slice(next);
        this.pos = 0;
        this.resetCaches();
        this.run(final);
        return;
      }
    }
    if (final) this.finishSkip(s);
  }

  private finishSkip(s: SkipState): void {
    const reason = s.inQuotes ? 'a quoted field is not closed before the end of the file' : tooLong(this.limits);
    this.sink.reject(s.line, reason);
    this.line = s.line + s.breaks + 1;
    this.skipping = null;
  }
}

interface SkipState {
  inQuotes: boolean;
  /** The line the skipped record starts on. */
  readonly line: number;
  /** Line breaks inside its quotes so far. */
  breaks: number;
  prevCr: boolean;
}

function tooLong(limits: CsvLimits): string {
  return `the record is longer than the limit of ${limits.maxRecordChars} characters`;
}

function isBreak(c: number): boolean {
  return c === LF || c === CR;
}
