import { fail, ok, type Result } from '../../result';

/**
 * JSON with numbers kept as their text. `JSON.parse` turns `"spend": 0.10576500000000001` into a binary
 * float and `30.0` into 30; money must be read from the digits as written, and Node 20 has no
 * `JSON.parse` source access, so this small recursive-descent parser keeps every number as a JsonNumber.
 * Objects are plain objects (prototype-less ones are slow dictionaries in V8); a "__proto__" key is defined as
 * an own property, never set as the prototype, and readers look keys up with Object.hasOwn. Nesting is limited.
 */

export class JsonNumber {
  constructor(readonly text: string) {}
}

export type JsonValue = null | boolean | string | JsonNumber | JsonValue[] | JsonObject;
export interface JsonObject {
  [key: string]: JsonValue;
}

const MAX_DEPTH = 64;

export function parseJsonExact(text: string): Result<JsonValue> {
  const parser = new Parser(text);
  try {
    parser.space();
    const value = parser.value(0);
    parser.space();
    if (parser.pos < text.length) return fail(parser.error('unexpected text after the JSON value'));
    return ok(value);
  } catch (e) {
    if (e instanceof JsonSyntaxError) return fail(e.message);
    throw e;
  }
}

/** An own property of a JSON object (never one inherited from Object.prototype, such as "constructor"). */
export function jsonProperty(o: JsonObject, key: string): JsonValue | undefined {
  return Object.hasOwn(o, key) ? o[key] : undefined;
}

export function isJsonObject(v: JsonValue | undefined): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof JsonNumber);
}

/** A JSON value as text for a field: strings as they are, numbers as written, null/absent as ''. */
export function jsonText(v: JsonValue | undefined): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'string') return v;
  if (v instanceof JsonNumber) return v.text;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  return JSON.stringify(v, (_k, x: unknown) => (x instanceof JsonNumber ? Number(x.text) : x));
}

class JsonSyntaxError extends Error {}

const NUMBER_CHARS = /[-+0-9.eE]/y;
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][-+]?\d+)?/y;

class Parser {
  pos = 0;
  private nextBackslash = -2;
  constructor(private readonly text: string) {}

  error(message: string): string {
    const before = this.text.slice(0, this.pos);
    const line = before.split('\n').length;
    const column = this.pos - before.lastIndexOf('\n');
    return `invalid JSON at line ${line}, column ${column}: ${message}`;
  }

  private raise(message: string): never {
    throw new JsonSyntaxError(this.error(message));
  }

  space(): void {
    const t = this.text;
    let c = t.charCodeAt(this.pos);
    while (c === 32 || c === 10 || c === 13 || c === 9) c = t.charCodeAt(++this.pos);
  }

  value(depth: number): JsonValue {
    if (depth > MAX_DEPTH) this.raise(`nested deeper than ${MAX_DEPTH} levels`);
    const c = this.text[this.pos];
    if (c === '{') return this.object(depth);
    if (c === '[') return this.array(depth);
    if (c === '"') return this.string();
    if (c === 't') return this.literal('true', true);
    if (c === 'f') return this.literal('false', false);
    if (c === 'n') return this.literal('null', null);
    NUMBER_CHARS.lastIndex = this.pos;
    if (c !== undefined && NUMBER_CHARS.test(this.text)) return this.number();
    return this.raise(c === undefined ? 'the text ends where a value should be' : `unexpected ${JSON.stringify(c)}`);
  }

  private literal<T extends JsonValue>(word: string, value: T): T {
    if (!this.text.startsWith(word, this.pos)) this.raise('unexpected word');
    this.pos += word.length;
    return value;
  }

  private number(): JsonNumber {
    NUMBER.lastIndex = this.pos;
    const m = NUMBER.exec(this.text);
    if (!m) return this.raise('not a number');
    this.pos += m[0].length;
    return new JsonNumber(m[0]);
  }

  private string(): string {
    const t = this.text;
    const start = this.pos + 1;
    const close = t.indexOf('"', start);
    if (close === -1) this.raise('a string is not closed');
    // The next backslash is looked up once and reused until passed: searching from every string would scan
    // to the end of a document without escapes each time (quadratic).
    if (this.nextBackslash !== -1 && this.nextBackslash < start) this.nextBackslash = t.indexOf('\\', start);
    const backslash = this.nextBackslash;
    if (backslash === -1 || backslash > close) {
      this.pos = close + 1;
      return t.slice(start, close);
    }
    return this.escapedString(start);
  }

  private escapedString(start: number): string {
    const t = this.text;
    const parts: string[] = [];
    let i = start;
    let from = start;
    for (;;) {
      const c = t.charCodeAt(i);
      if (Number.isNaN(c)) this.raise('a string is not closed');
      if (c === 34) break;
      if (c < 32) {
        this.pos = i;
        this.raise('a control character inside a string');
      }
      if (c !== 92) {
        i++;
        continue;
      }
      parts.push(t.slice(from, i));
      const e = t[i + 1];
      const simple = e === undefined ? undefined : ESCAPES[e];
      if (simple !== undefined) {
        parts.push(simple);
        i += 2;
      } else if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(t.slice(i + 2, i + 6))) {
        parts.push(String.fromCharCode(parseInt(t.slice(i + 2, i + 6), 16)));
        i += 6;
      } else {
        this.pos = i;
        this.raise('an invalid escape in a string');
      }
      from = i;
    }
    parts.push(t.slice(from, i));
    this.pos = i + 1;
    return parts.join('');
  }

  private array(depth: number): JsonValue[] {
    this.pos++;
    const out: JsonValue[] = [];
    this.space();
    if (this.text[this.pos] === ']') {
      this.pos++;
      return out;
    }
    for (;;) {
      this.space();
      out.push(this.value(depth + 1));
      this.space();
      const c = this.text[this.pos++];
      if (c === ']') return out;
      if (c !== ',') {
        this.pos--;
        this.raise('expected , or ] in an array');
      }
    }
  }

  private object(depth: number): JsonObject {
    this.pos++;
    const out: JsonObject = {};
    this.space();
    if (this.text[this.pos] === '}') {
      this.pos++;
      return out;
    }
    for (;;) {
      this.space();
      if (this.text[this.pos] !== '"') this.raise('expected a key in quotes');
      const key = this.string();
      this.space();
      if (this.text[this.pos++] !== ':') {
        this.pos--;
        this.raise('expected : after a key');
      }
      this.space();
      const value = this.value(depth + 1);
      if (key === '__proto__')
        Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
      else out[key] = value;
      this.space();
      const c = this.text[this.pos++];
      if (c === '}') return out;
      if (c !== ',') {
        this.pos--;
        this.raise('expected , or } in an object');
      }
    }
  }
}

const ESCAPES: Readonly<Record<string, string>> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
};
