/**
 * Tab naming rules shared by the Excel, Sheets and .xlsx renderers (reports.md, "Safe";
 * field reports F20/F21). Pure: no host APIs.
 *
 * - A legal name has at most 31 characters (UTF-16 units, as Excel counts them), none of
 *   \ / ? * [ ] :, no leading or trailing apostrophe, is not blank and is not "History".
 * - Names are compared case-insensitively, as both hosts do.
 * - A wanted name that is taken by a tab WITHOUT our marker gets " (2)", " (3)"…;
 *   a tab WITH our marker for the same key is reused (the renderer replaces it whole).
 */

export const MAX_TAB_NAME_LENGTH = 31;

/** Used when the wanted text leaves nothing legal. */
export const FALLBACK_TAB_NAME = 'Report';

const ILLEGAL = /[\\/?*[\]:]/g;
// Control characters (line breaks from pasted cell text and the like) are not usable in tab names.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/g;

/** Case-insensitive comparison of tab names, as Excel and Sheets compare them. */
export function sameTabName(a: string, b: string): boolean {
  return a.toLocaleUpperCase('en-US') === b.toLocaleUpperCase('en-US');
}

/** Cut to at most `max` UTF-16 units without splitting a surrogate pair. */
function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max;
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end -= 1; // would leave a lone high surrogate
  return text.slice(0, end);
}

/** Strip what may not start or end a name: apostrophes and surrounding spaces. */
function trimEnds(text: string): string {
  return text.replace(/^[\s']+/, '').replace(/[\s']+$/, '');
}

/** Fit `base` plus `suffix` into 31 characters, keeping the result legal at its ends. */
function withSuffix(base: string, suffix: string): string {
  const room = MAX_TAB_NAME_LENGTH - suffix.length;
  let head = trimEnds(cut(base, room));
  if (head === '') head = FALLBACK_TAB_NAME.slice(0, room);
  return head + suffix;
}

/**
 * A legal tab name for user-supplied text:
 * "101 - 7:30AM - Acme 1" → "101 - 7-30AM - Acme 1".
 */
export function legalTabName(text: string): string {
  let name = String(text ?? '')
    .replace(CONTROL, ' ')
    .replace(ILLEGAL, '-')
    .replace(/\s+/g, ' ');
  name = trimEnds(name);
  name = trimEnds(cut(name, MAX_TAB_NAME_LENGTH));
  if (name === '') return FALLBACK_TAB_NAME;
  // "History" is reserved by Excel (the change-history sheet).
  if (sameTabName(name, 'History')) return withSuffix(name, ' (CS)');
  return name;
}

export interface ExistingTab {
  name: string;
  /** The key recorded by our generated marker; undefined for a user's own tab. */
  generatedKey?: string;
}

/**
 * The name to give the tab of kind `key`, given the tabs that already exist.
 * Returns the legal form of `wanted` when it is free or already belongs to our tab for the
 * same key (reuse: the caller replaces that tab whole); otherwise the first free
 * "wanted (2)", "wanted (3)"…, or the first such name that is our tab for this key.
 * User tabs and our tabs for other keys are never reused.
 */
export function uniqueTabName(wanted: string, existing: readonly ExistingTab[], key: string): string {
  const base = legalTabName(wanted);
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? base : withSuffix(base, ` (${n})`);
    const taken = existing.find((tab) => sameTabName(tab.name, candidate));
    if (!taken) return candidate;
    if (taken.generatedKey !== undefined && taken.generatedKey === key) return candidate;
  }
}

export interface TabNameDecision {
  key: string;
  name: string;
  /** The existing tab (its current spelling) that this tab replaces, if any. */
  replaces?: string;
  /** Other existing tabs carrying our marker for the same key (older copies): delete them. */
  stale: string[];
}

/**
 * Names for a batch of tabs rendered together: each gets `uniqueTabName` against the
 * existing tabs and the names already given to earlier tabs of the batch.
 * Throws when two tabs of the batch share a key (their markers would be ambiguous).
 */
export function resolveTabNames(
  tabs: readonly { key: string; name: string }[],
  existing: readonly ExistingTab[] = [],
): TabNameDecision[] {
  const seen = new Set<string>();
  const taken: ExistingTab[] = [...existing];
  const out: TabNameDecision[] = [];
  for (const tab of tabs) {
    if (seen.has(tab.key)) throw new Error(`Two generated tabs share the key "${tab.key}"`);
    seen.add(tab.key);
    const name = uniqueTabName(tab.name, taken, tab.key);
    const previous = existing.find((e) => sameTabName(e.name, name));
    const stale = existing
      .filter((e) => e.generatedKey === tab.key && !sameTabName(e.name, name))
      .map((e) => e.name);
    out.push(previous ? { key: tab.key, name, replaces: previous.name, stale } : { key: tab.key, name, stale });
    // Later tabs of this batch must not take this name, whatever their key.
    taken.push({ name, generatedKey: `\u0000batch:${tab.key}` });
  }
  return out;
}
