/**
 * Yes/no cells: TRUE/FALSE (any case), yes/no, y/n, 1/0, and real booleans and numbers
 * from .xlsx and hosts. Blank is null; anything else is undefined (not a flag).
 */
const TRUE_WORDS = new Set(['true', 'yes', 'y', '1']);
const FALSE_WORDS = new Set(['false', 'no', 'n', '0']);

export function parseFlag(value: unknown): boolean | null | undefined {
  if (value === null || value === undefined) return null;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value === 1 ? true : value === 0 ? false : undefined;
  if (typeof value !== 'string') return undefined;
  const t = value.trim().toLowerCase();
  if (t === '') return null;
  if (TRUE_WORDS.has(t)) return true;
  if (FALSE_WORDS.has(t)) return false;
  return undefined;
}

/** The words the error message lists. */
export const FLAG_WORDS = 'TRUE/FALSE, yes/no or 1/0';
