/**
 * Text that a user typed as a number: "$1,200", "€1.200,00", "1 200,00", "(500)", "12%".
 * The rules are the contract in spec/functions.md ("Text that parses as a number").
 */

export interface ParsedNumberText {
  value: number;
  /** The currency as written ("$", "€", "USD"); null when there is none. */
  currency: string | null;
}

/** Single-character currency symbols. */
const CURRENCY_SYMBOLS = '$€£¥₹₩₽₺₪₫₴₦₱฿¢';
/** Multi-character currency prefixes/suffixes (matched case-sensitively, ISO codes also upper-cased). */
const CURRENCY_WORDS = [
  'US$', 'CA$', 'AU$', 'NZ$', 'HK$', 'SG$', 'R$', 'A$', 'C$',
  'USD', 'EUR', 'GBP', 'JPY', 'CNY', 'CHF', 'CAD', 'AUD', 'NZD', 'SEK', 'NOK', 'DKK', 'INR',
  'HKD', 'SGD', 'BRL', 'MXN', 'ZAR', 'PLN', 'CZK', 'HUF', 'ILS', 'KRW', 'TRY', 'RUB', 'AED',
];

/** Characters that group thousands regardless of the separator rule. */
const SPACE_GROUPERS = /[\s\u00a0\u2007\u202f\u2009'’]/;
const MINUS_SIGNS = '-\u2212\u2013';

// Compiled once (parseNumberText runs once per cell of a large range).
const EDGE_SPACES = /^[\s\u00a0\u2007\u202f\u2009]+|[\s\u00a0\u2007\u202f\u2009]+$/g;
const LEADING_SIGN = /^[+\-\u2212\u2013]?/;
const EXPONENT_FORM = /^\d+(\.\d+)?e[+-]?\d+$/i;
const DIGITS_AND_SEPARATORS = /^[\d.,\s\u00a0\u2007\u202f\u2009'’]+$/;
const HAS_DIGIT = /\d/;
const COMMA_DECIMAL = /,\d{1,2}$/;
const ALL_DIGITS = /^\d+$/;
const GROUP_SEPARATORS = new RegExp(`[.,]|${SPACE_GROUPERS.source}`);
const FIRST_GROUP = /^\d{1,3}$/;
const THREE_DIGITS = /^\d{3}$/;
const DIGITS_OR_EMPTY = /^\d*$/;
const COMMAS = /,/g;

/** Single-character currency symbols by char code (all in the BMP), for the fast path. */
const SYMBOL_BY_CODE = new Map<number, string>([...CURRENCY_SYMBOLS].map((ch) => [ch.charCodeAt(0), ch]));

/**
 * The currency of the last successful scanSimpleNumberText (null when there was none).
 * A module-level out-parameter, so the fast path allocates nothing per cell.
 */
export const lastScan: { currency: string | null } = { currency: null };

/**
 * Fast path for the common shapes of number text: `^[symbol]?\d{1,3}(,\d{3})*(\.\d+)?$` and
 * `^[symbol]?\d+(\.\d+)?$` (symbol: one of the single-character currency symbols), no spaces.
 * Returns the value (sets lastScan.currency), or NaN when the text has another shape; for every
 * text it accepts, the value and currency are exactly those parseNumberText gives.
 */
export function scanSimpleNumberText(text: string): number {
  const n = text.length;
  if (n === 0 || n > 100) return NaN;
  let i = 0;
  let c = text.charCodeAt(0);
  let currency: string | null = null;
  if (c < 48 || c > 57) {
    const symbol = SYMBOL_BY_CODE.get(c);
    if (symbol === undefined) return NaN;
    currency = symbol;
    i = 1;
  }
  const intStart = i;
  let intValue = 0, digits = 0, run = 0, grouped = false;
  for (; i < n; i++) {
    c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      intValue = intValue * 10 + (c - 48);
      digits++;
      run++;
    } else if (c === 44) {
      // ",": the first group has 1–3 digits, every later group exactly 3.
      if (grouped ? run !== 3 : run < 1 || run > 3) return NaN;
      grouped = true;
      run = 0;
    } else break;
  }
  if (run === 0 || (grouped && run !== 3)) return NaN;
  let value: number;
  if (i === n) {
    // Up to 15 digits the running integer is exact; longer ones go through Number like the slow path.
    value = digits <= 15 ? intValue : Number(plainDigits(text, intStart, grouped));
  } else {
    if (c !== 46) return NaN; // "."
    const fracStart = ++i;
    for (; i < n; i++) {
      c = text.charCodeAt(i);
      if (c < 48 || c > 57) return NaN;
    }
    if (i === fracStart) return NaN;
    value = Number(plainDigits(text, intStart, grouped));
  }
  if (!Number.isFinite(value)) return NaN;
  lastScan.currency = currency;
  return value;
}

function plainDigits(text: string, from: number, grouped: boolean): string {
  const body = from === 0 ? text : text.slice(from);
  return grouped ? body.replace(COMMAS, '') : body;
}

/** True when no currency word can start (or end) here: an ASCII character that is not a letter (nor "$" at the end). */
function asciiNonLetter(code: number, dollarCounts: boolean): boolean {
  if (code >= 128) return false;
  if ((code >= 65 && code <= 90) || (code >= 97 && code <= 122)) return false;
  return !(dollarCounts && code === 36);
}

function stripCurrency(text: string): { rest: string; currency: string | null } | null {
  let rest = text;
  let currency: string | null = null;
  const take = (found: string, remaining: string): boolean => {
    if (currency !== null) return false; // two currencies in one text
    currency = found;
    rest = remaining.trim();
    return true;
  };
  // Prefix (possibly after a sign): "$500", "-$500", "USD 500".
  const signMatch = LEADING_SIGN.exec(rest);
  const sign = signMatch ? signMatch[0] : '';
  const afterSign = rest.slice(sign.length).trimStart();
  const prefix = matchCurrencyAt(afterSign, 'start');
  if (prefix) {
    if (!take(prefix, afterSign.slice(prefix.length))) return null;
    rest = sign + rest;
  }
  const suffix = matchCurrencyAt(rest, 'end');
  if (suffix) {
    if (!take(suffix, rest.slice(0, rest.length - suffix.length))) return null;
  }
  return { rest, currency };
}

function matchCurrencyAt(text: string, where: 'start' | 'end'): string | null {
  // Every currency word starts with a letter and ends with a letter or "$": skip the scan when the edge cannot match.
  const edge = where === 'start' ? text.charCodeAt(0) : text.charCodeAt(text.length - 1);
  if (!(edge === edge && asciiNonLetter(edge, where === 'end'))) {
    const upper = text.toUpperCase();
    for (const word of CURRENCY_WORDS) {
      const hit = where === 'start' ? upper.startsWith(word) : upper.endsWith(word);
      if (hit) return word;
    }
  }
  const ch = where === 'start' ? text.charAt(0) : text.charAt(text.length - 1);
  return ch && CURRENCY_SYMBOLS.includes(ch) ? ch : null;
}

/** Digits with separators → number, or null when the grouping is not well formed. */
function parseDigits(body: string): number | null {
  if (EXPONENT_FORM.test(body)) return Number(body);
  if (!DIGITS_AND_SEPARATORS.test(body) || !HAS_DIGIT.test(body)) return null;
  const dots = body.split('.').length - 1;
  const commas = body.split(',').length - 1;
  let decimal: '.' | ',' | null = null;
  if (dots > 0 && commas > 0) {
    decimal = body.lastIndexOf('.') > body.lastIndexOf(',') ? '.' : ',';
  } else if (commas > 0) {
    decimal = commas === 1 && COMMA_DECIMAL.test(body) ? ',' : null;
  } else if (dots === 1) {
    decimal = '.';
  }
  let intPart = body;
  let fracPart = '';
  if (decimal !== null) {
    const at = body.lastIndexOf(decimal);
    if (body.indexOf(decimal) !== at) return null; // two decimal separators
    intPart = body.slice(0, at);
    fracPart = body.slice(at + 1);
    if (!ALL_DIGITS.test(fracPart)) return null;
  }
  const groups = intPart.split(GROUP_SEPARATORS);
  if (groups.length > 1) {
    if (!FIRST_GROUP.test(groups[0])) return null;
    for (let g = 1; g < groups.length; g++) if (!THREE_DIGITS.test(groups[g])) return null;
  } else if (!DIGITS_OR_EMPTY.test(intPart) || (intPart === '' && fracPart === '')) {
    return null;
  }
  const value = Number(`${groups.join('') || '0'}${fracPart ? '.' + fracPart : ''}`);
  return Number.isFinite(value) ? value : null;
}

/**
 * Parse text that represents a number. Returns null for text that is not a number
 * ("abc", "N/A", "", "1,2,3.4.5"). Never throws.
 */
export function parseNumberText(text: string): ParsedNumberText | null {
  if (typeof text !== 'string') return null;
  const simple = scanSimpleNumberText(text);
  if (simple === simple) return { value: simple, currency: lastScan.currency };
  let rest = text.replace(EDGE_SPACES, '');
  if (rest === '' || rest.length > 100) return null;

  let negative = false;
  if (rest.startsWith('(') && rest.endsWith(')')) {
    negative = true;
    rest = rest.slice(1, -1).trim();
  }
  let percent = false;
  if (rest.endsWith('%')) {
    percent = true;
    rest = rest.slice(0, -1).trim();
  }
  const stripped = stripCurrency(rest);
  if (!stripped) return null;
  rest = stripped.rest;
  if (percent && stripped.currency) return null;

  const first = rest.charAt(0);
  if (MINUS_SIGNS.includes(first) || first === '+') {
    if (negative && first !== '+') return null; // "(-500)"
    negative = negative || first !== '+';
    rest = rest.slice(1).trim();
    // "-$500" had its currency removed above; "$-500" leaves the sign here.
  }
  if (rest === '') return null;
  const magnitude = parseDigits(rest);
  if (magnitude === null) return null;
  let value = negative ? -magnitude : magnitude;
  if (percent) value /= 100;
  if (value === 0) value = 0; // no -0
  return { value, currency: stripped.currency };
}
