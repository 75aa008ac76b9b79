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
  const signMatch = /^[+\-\u2212\u2013]?/.exec(rest);
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
  const upper = text.toUpperCase();
  for (const word of CURRENCY_WORDS) {
    const hit = where === 'start' ? upper.startsWith(word) : upper.endsWith(word);
    if (hit) return word;
  }
  const ch = where === 'start' ? text.charAt(0) : text.charAt(text.length - 1);
  return ch && CURRENCY_SYMBOLS.includes(ch) ? ch : null;
}

/** Digits with separators → number, or null when the grouping is not well formed. */
function parseDigits(body: string): number | null {
  if (/^\d+(\.\d+)?e[+-]?\d+$/i.test(body)) return Number(body);
  if (!/^[\d.,\s\u00a0\u2007\u202f\u2009'’]+$/.test(body) || !/\d/.test(body)) return null;
  const dots = body.split('.').length - 1;
  const commas = body.split(',').length - 1;
  let decimal: '.' | ',' | null = null;
  if (dots > 0 && commas > 0) {
    decimal = body.lastIndexOf('.') > body.lastIndexOf(',') ? '.' : ',';
  } else if (commas > 0) {
    decimal = commas === 1 && /,\d{1,2}$/.test(body) ? ',' : null;
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
    if (!/^\d+$/.test(fracPart)) return null;
  }
  const groups = intPart.split(new RegExp(`[.,]|${SPACE_GROUPERS.source}`));
  if (groups.length > 1) {
    if (!/^\d{1,3}$/.test(groups[0]) || groups.slice(1).some((g) => !/^\d{3}$/.test(g))) return null;
  } else if (!/^\d*$/.test(intPart) || (intPart === '' && fracPart === '')) {
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
  let rest = text.replace(/^[\s\u00a0\u2007\u202f\u2009]+|[\s\u00a0\u2007\u202f\u2009]+$/g, '');
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
