import fc from 'fast-check';
import {
  FALLBACK_TAB_NAME,
  legalTabName,
  MAX_TAB_NAME_LENGTH,
  resolveTabNames,
  sameTabName,
  uniqueTabName,
} from '../../core/src/reports/tab-names';

describe('legalTabName (F20)', () => {
  it('F20: "101 - 7:30AM - Acme 1" → "101 - 7-30AM - Acme 1"', () => {
    expect(legalTabName('101 - 7:30AM - Acme 1')).toBe('101 - 7-30AM - Acme 1');
  });

  it('F20: a 40-character name is cut to ≤ 31 characters', () => {
    const forty = 'QBR - Northwind Traders International 40';
    expect(forty).toHaveLength(40);
    const name = legalTabName(forty);
    expect(name.length).toBeLessThanOrEqual(MAX_TAB_NAME_LENGTH);
    expect(name).toBe(forty.slice(0, 31));
  });

  it('F20: "Acme 1\'" has no trailing apostrophe (nor a leading one)', () => {
    expect(legalTabName("Acme 1'")).toBe('Acme 1');
    expect(legalTabName("'Acme 1'")).toBe('Acme 1');
    expect(legalTabName("O'Brien & Co")).toBe("O'Brien & Co"); // inside is fine
  });

  it('replaces every one of \\ / ? * [ ] : with "-"', () => {
    expect(legalTabName('a\\b/c?d*e[f]g:h')).toBe('a-b-c-d-e-f-g-h');
  });

  it('cutting does not leave a trailing apostrophe or space, nor half a surrogate pair', () => {
    const s = `${'x'.repeat(29)} 'yz`;
    expect(legalTabName(s)).toBe('x'.repeat(29));
    const emoji = `${'x'.repeat(30)}😀`;
    const cut = legalTabName(emoji);
    expect(cut).toBe('x'.repeat(30));
  });

  it('is never blank', () => {
    expect(legalTabName('')).toBe(FALLBACK_TAB_NAME);
    expect(legalTabName("  ''  ")).toBe(FALLBACK_TAB_NAME);
    expect(legalTabName('\n\t')).toBe(FALLBACK_TAB_NAME);
  });

  it('is never "History", in any case', () => {
    for (const h of ['History', 'history', 'HISTORY', ' History ']) {
      const name = legalTabName(h);
      expect(sameTabName(name, 'History')).toBe(false);
      expect(name.length).toBeLessThanOrEqual(31);
    }
    expect(legalTabName('History of Acme')).toBe('History of Acme');
  });

  it('turns line breaks from pasted text into spaces', () => {
    expect(legalTabName('Acme\nCorp')).toBe('Acme Corp');
  });
});

describe('uniqueTabName (F20, F21)', () => {
  it('F20: a user tab "coverage model" (no marker) → "Coverage Model (2)", the user tab is not reused', () => {
    expect(uniqueTabName('Coverage Model', [{ name: 'coverage model' }], 'coverage-model')).toBe('Coverage Model (2)');
  });

  it('reuses our own tab for the same key (case-insensitively), so it is replaced whole', () => {
    expect(uniqueTabName('Coverage Model', [{ name: 'COVERAGE MODEL', generatedKey: 'coverage-model' }], 'coverage-model')).toBe(
      'Coverage Model',
    );
  });

  it('does not reuse our tab of another key', () => {
    expect(uniqueTabName('Coverage Model', [{ name: 'Coverage Model', generatedKey: 'board-report' }], 'coverage-model')).toBe(
      'Coverage Model (2)',
    );
  });

  it('counts on: (2), (3)… and reuses our "(2)" when the user owns the plain name', () => {
    const existing = [{ name: 'Coverage Model' }, { name: 'Coverage Model (2)' }];
    expect(uniqueTabName('Coverage Model', existing, 'k')).toBe('Coverage Model (3)');
    expect(uniqueTabName('Coverage Model', [{ name: 'Coverage Model' }, { name: 'coverage model (2)', generatedKey: 'k' }], 'k')).toBe(
      'Coverage Model (2)',
    );
  });

  it('keeps ≤ 31 characters with the suffix', () => {
    const wanted = 'QBR - Northwind Traders International Holdings';
    const first = legalTabName(wanted);
    const name = uniqueTabName(wanted, [{ name: first }], 'qbr-n1');
    expect(name.length).toBeLessThanOrEqual(31);
    expect(name.endsWith(' (2)')).toBe(true);
    expect(sameTabName(name, first)).toBe(false);
  });

  it('makes the wanted name legal first: user text with ":" and a taken legal form', () => {
    expect(uniqueTabName('101 - 7:30AM - Acme 1', [{ name: '101 - 7-30AM - Acme 1' }], 'qbr-101')).toBe('101 - 7-30AM - Acme 1 (2)');
  });
});

describe('resolveTabNames', () => {
  it('keeps tabs of one batch apart and reports what they replace', () => {
    const out = resolveTabNames(
      [
        { key: 'qbr-1', name: 'QBR - Acme' },
        { key: 'qbr-2', name: 'qbr - acme' },
        { key: 'board-report', name: 'Board Report' },
      ],
      [{ name: 'Board Report', generatedKey: 'board-report' }, { name: 'Sheet1' }],
    );
    expect(out).toEqual([
      { key: 'qbr-1', name: 'QBR - Acme', stale: [] },
      { key: 'qbr-2', name: 'qbr - acme (2)', stale: [] },
      { key: 'board-report', name: 'Board Report', replaces: 'Board Report', stale: [] },
    ]);
  });

  it('lists an older copy of our tab under another name as stale', () => {
    const out = resolveTabNames([{ key: 'coverage-model', name: 'Coverage Model' }], [{ name: 'Coverage Model (2)', generatedKey: 'coverage-model' }]);
    expect(out).toEqual([{ key: 'coverage-model', name: 'Coverage Model', stale: ['Coverage Model (2)'] }]);
  });

  it('refuses two tabs with one key', () => {
    expect(() => resolveTabNames([{ key: 'a', name: 'A' }, { key: 'a', name: 'B' }])).toThrow(/share the key/);
  });
});

describe('legal for any input (property)', () => {
  const legal = (name: string) =>
    name.length >= 1 &&
    name.length <= 31 &&
    !/[\\/?*[\]:]/.test(name) &&
    !name.startsWith("'") &&
    !name.endsWith("'") &&
    name.trim() !== '' &&
    !sameTabName(name, 'History');

  it('legalTabName always returns a legal name', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 60 }), (s) => legal(legalTabName(s))));
    fc.assert(fc.property(fc.string({ maxLength: 60 }), (s) => legal(legalTabName(s))));
  });

  it('uniqueTabName never returns a user tab name and stays legal', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), fc.array(fc.string({ maxLength: 40 }), { maxLength: 6 }), (wanted, others) => {
        const existing = [{ name: legalTabName(wanted) }, ...others.map((o) => ({ name: legalTabName(o) }))];
        const name = uniqueTabName(wanted, existing, 'k');
        return legal(name) && !existing.some((e) => sameTabName(e.name, name));
      }),
    );
  });
});
