import { fail, ok, type Result } from '../result';

/** An exact fraction: what a typed expression evaluates to, before it is checked against a field. */
export interface Fraction {
  readonly num: bigint;
  readonly den: bigint;
}

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x === 0n ? 1n : x;
}

function fraction(num: bigint, den: bigint): Fraction {
  const sign = den < 0n ? -1n : 1n;
  const g = gcd(num, den);
  return { num: (sign * num) / g, den: (sign * den) / g };
}

/**
 * Reads one number as people type it in a spreadsheet: "1.5" and "1,5" (decimal comma), "1,200.50" and
 * "1.200,50" (grouped thousands). A single comma with no point is a decimal comma ("1,5" is one and a
 * half) unless it groups exactly three digits after a non-zero lead ("1,500" is fifteen hundred).
 */
export function parseNumberLiteral(text: string): Fraction | null {
  let t = text.trim().replace(/[\s\u00a0\u202f']/g, '');
  if (!/^\d[\d.,]*$|^[.,]\d+$/.test(t)) return null;
  const commas = (t.match(/,/g) ?? []).length;
  const points = (t.match(/\./g) ?? []).length;
  if (commas > 0 && points > 0) {
    // The separator that comes last is the decimal one.
    const decimalIsComma = t.lastIndexOf(',') > t.lastIndexOf('.');
    const group = decimalIsComma ? '.' : ',';
    t = t.split(group).join('');
    if (decimalIsComma) t = t.replace(',', '.');
  } else if (commas > 1) {
    if (!/^\d{1,3}(,\d{3})+$/.test(t)) return null;
    t = t.split(',').join('');
  } else if (commas === 1) {
    // "1,500" reads as fifteen hundred (a grouped thousand); "1,5" and "0,125" as decimals.
    t = /^[1-9]\d{0,2},\d{3}$/.test(t) ? t.replace(',', '') : t.replace(',', '.');
  } else if (points > 1) {
    if (!/^\d{1,3}(\.\d{3})+$/.test(t)) return null;
    t = t.split('.').join('');
  }
  const m = /^(\d*)(?:\.(\d*))?$/.exec(t);
  if (!m) return null;
  const whole = m[1] ?? '';
  const frac = m[2] ?? '';
  if (whole === '' && frac === '') return null;
  return fraction(BigInt((whole || '0') + frac), 10n ** BigInt(frac.length));
}

type Token = { kind: 'number'; value: Fraction; text: string } | { kind: 'op'; op: '+' | '-' | '*' | '/' | '(' | ')' };

function tokenize(text: string): Result<Token[]> {
  const tokens: Token[] = [];
  const source = text.replace(/[×x]/g, '*').replace(/÷/g, '/');
  let i = 0;
  while (i < source.length) {
    const ch = source.charAt(i);
    if (/\s/.test(ch)) {
      i += 1;
      continue;
    }
    if ('+-*/()'.includes(ch)) {
      tokens.push({ kind: 'op', op: ch as '+' | '-' | '*' | '/' | '(' | ')' });
      i += 1;
      continue;
    }
    const m = /^[\d.,'\u00a0\u202f]+/.exec(source.slice(i));
    if (!m) return fail(`"${ch}" is not allowed here: use digits, a decimal point or comma, and + - * / ( )`);
    // A comma between two operands of an expression is still a decimal comma ("1,5*2" = 3).
    const literal = m[0];
    const value = parseNumberLiteral(literal);
    if (!value) return fail(`"${literal.trim()}" is not a number`);
    tokens.push({ kind: 'number', value, text: literal });
    i += literal.length;
  }
  return ok(tokens);
}

/** Recursive descent over + - * / and parentheses with unary minus; exact all the way. */
function evaluate(tokens: Token[]): Result<Fraction> {
  let pos = 0;
  const peek = () => tokens[pos];
  const isOp = (op: string) => {
    const t = peek();
    return t !== undefined && t.kind === 'op' && t.op === op;
  };
  const expression = (): Result<Fraction> => {
    let left = term();
    while (left.ok && (isOp('+') || isOp('-'))) {
      const plus = isOp('+');
      pos += 1;
      const right = term();
      if (!right.ok) return right;
      const a = left.value;
      const b = right.value;
      left = ok(fraction(plus ? a.num * b.den + b.num * a.den : a.num * b.den - b.num * a.den, a.den * b.den));
    }
    return left;
  };
  const term = (): Result<Fraction> => {
    let left = factor();
    while (left.ok && (isOp('*') || isOp('/'))) {
      const times = isOp('*');
      pos += 1;
      const right = factor();
      if (!right.ok) return right;
      const a = left.value;
      const b = right.value;
      if (!times && b.num === 0n) return fail('division by zero');
      left = ok(times ? fraction(a.num * b.num, a.den * b.den) : fraction(a.num * b.den, a.den * b.num));
    }
    return left;
  };
  const factor = (): Result<Fraction> => {
    const t = peek();
    if (t === undefined) return fail('the expression ends too early');
    if (t.kind === 'number') {
      pos += 1;
      return ok(t.value);
    }
    if (t.op === '-' || t.op === '+') {
      pos += 1;
      const inner = factor();
      if (!inner.ok || t.op === '+') return inner;
      return ok({ num: -inner.value.num, den: inner.value.den });
    }
    if (t.op === '(') {
      pos += 1;
      const inner = expression();
      if (!inner.ok) return inner;
      if (!isOp(')')) return fail('a closing parenthesis is missing');
      pos += 1;
      return inner;
    }
    return fail(`"${t.op}" is in the wrong place`);
  };
  const result = expression();
  if (result.ok && pos < tokens.length) return fail('there is something extra after the number');
  return result;
}

/**
 * Evaluates what a user typed into a number cell: "12", "1,5", "1.5", "12*2", "(3+1)/2", "=12*2".
 * Exact: 0.1+0.2 is 3/10, never 0.30000000000000004.
 */
export function evaluateNumberExpression(text: string): Result<Fraction> {
  const trimmed = text.trim().replace(/^=/, '');
  if (trimmed === '') return fail('the cell is empty');
  const tokens = tokenize(trimmed);
  if (!tokens.ok) return tokens;
  return evaluate(tokens.value);
}

/** The fraction as a plain decimal string with at most `maxDecimals` decimals, or null if it needs more. */
export function fractionToDecimalText(f: Fraction, maxDecimals: number): string | null {
  for (let decimals = 0; decimals <= maxDecimals; decimals++) {
    const scale = 10n ** BigInt(decimals);
    if ((f.num * scale) % f.den !== 0n) continue;
    const units = (f.num * scale) / f.den;
    const negative = units < 0n;
    const digits = (negative ? -units : units).toString().padStart(decimals + 1, '0');
    const whole = digits.slice(0, digits.length - decimals);
    const frac = digits.slice(digits.length - decimals);
    return `${negative ? '-' : ''}${whole}${frac ? `.${frac}` : ''}`;
  }
  return null;
}

/** Approximate decimal for messages ("1.714286"). */
export function fractionPreview(f: Fraction, decimals = 6): string {
  const scale = 10n ** BigInt(decimals);
  const q = (f.num * scale * 2n + f.den) / (2n * f.den);
  const negative = q < 0n;
  const digits = (negative ? -q : q).toString().padStart(decimals + 1, '0');
  const whole = digits.slice(0, digits.length - decimals);
  const frac = digits.slice(digits.length - decimals).replace(/0+$/, '');
  return `${negative ? '-' : ''}${whole}${frac ? `.${frac}` : ''}`;
}
