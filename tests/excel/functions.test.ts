/**
 * Excel custom functions as shipped: the BUILT excel-addin/dist/functions.js run in a fresh vm context with a
 * stand-in CustomFunctions, and excel-addin/dist/functions.json, against the registry, the field cases
 * (../shared/cases/field-reports.md F1–F19) and spec/functions.md. jest's globalSetup runs the build.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REGISTRY, findFunction } from '../../core/src/registry';
import { coreArgs } from '../../excel-addin/src/functions/adapter';
import {
  BLANK,
  DESKTOP,
  DIST,
  ERROR_CODE,
  EXCEL_HOSTS,
  OMITTED,
  StandInError,
  WEB,
  callerFor,
  col,
  expectExcelError,
  loadFunctions,
  one,
  row,
  serial,
} from './helpers-functions';

interface JsonParam { name: string; description?: string; type?: string; dimensionality?: string; optional?: boolean; [k: string]: unknown }
interface JsonFunction { id: string; name: string; description?: string; parameters: JsonParam[]; result: { dimensionality?: string; type?: string } }
const metadata = JSON.parse(readFileSync(join(DIST, 'functions.json'), 'utf8')) as {
  allowErrorForDataTypeAny?: boolean;
  allowCustomDataForDataTypeAny?: boolean;
  functions: JsonFunction[];
};

const loaded = loadFunctions();
const excel = callerFor(loaded);
const ids = REGISTRY.map((f) => f.id);

describe('dist/functions.js in a context with CustomFunctions but no Office or DOM', () => {
  it('loads, and associates exactly the registry ids (in registry order), each once', () => {
    expect(loaded.associatedIds).toEqual(ids);
    for (const name of ['Office', 'window', 'document', 'Excel']) expect(name in loaded.context).toBe(false);
  });

  it('associates the same ids that functions.json lists', () => {
    expect(metadata.functions.map((f) => f.id)).toEqual(loaded.associatedIds);
    expect(metadata.functions.map((f) => f.name)).toEqual(ids);
  });

  it('loads without error and registers nothing where CustomFunctions is absent', () => {
    const bare = loadFunctions(false);
    expect(bare.associatedIds).toEqual([]);
  });
});

describe('functions.json', () => {
  it.each(REGISTRY.map((f) => [f.id, f] as const))('%s: description = summary, Excel notes, Excel example', (id, f) => {
    const fn = metadata.functions.find((x) => x.id === id)!;
    expect(fn.description!.startsWith(f.summary)).toBe(true);
    for (const n of f.hostNotes) {
      if (n.host === 'excel') expect(fn.description).toContain(n.note);
      else expect(fn.description).not.toContain(n.note);
    }
    const formula = f.example.formula.replace(`=${id}(`, `=CS.${id}(`);
    expect(fn.description).toContain(`Example: ${formula} → `);
    if (!Array.isArray(f.example.result)) expect(fn.description!.endsWith(`→ ${JSON.stringify(f.example.result)}`)).toBe(true);
    else expect(fn.description).toMatch(/→ spills \{.*\}$/);
  });

  it.each(REGISTRY.map((f) => [f.id, f] as const))('%s: every parameter with the registry name, description, shape and optionality', (id, f) => {
    const fn = metadata.functions.find((x) => x.id === id)!;
    expect(fn.parameters.map((p) => p.name)).toEqual(f.params.map((p) => p.name));
    f.params.forEach((p, i) => {
      const jp = fn.parameters[i];
      expect(jp.description).toBe(p.description);
      expect(jp.description!.length).toBeLessThanOrEqual(128); // Excel's limit for a parameter description
      expect(jp.type).toBe('any'); // values reach the normaliser unconverted
      expect(jp.dimensionality ?? 'scalar').toBe(p.dimensionality);
      expect(Boolean(jp.optional)).toBe(p.optional);
    });
    expect(fn.result.dimensionality ?? 'scalar').toBe(f.returns.type === 'matrix' ? 'matrix' : 'scalar');
  });

  it('allows error inputs exactly as the registry says: Excel reads allowErrorForDataTypeAny at the top level only', () => {
    // Excel's metadata reference: a top-level boolean that lets every `any`/`any[][]` parameter receive errors.
    const accepting = REGISTRY.flatMap((f) => f.params.filter((p) => p.acceptsErrors).map((p) => `${f.id}.${p.name}`));
    expect(metadata.allowErrorForDataTypeAny).toBe(accepting.length > 0 ? true : undefined);
    // ...so each parameter that accepts errors must be `any`, and none that refuses errors may be.
    for (const f of metadata.functions) {
      const spec = REGISTRY.find((s) => s.id === f.id)!;
      f.parameters.forEach((p, i) => {
        expect(p.type === 'any').toBe(spec.params[i].acceptsErrors);
        expect(p).not.toHaveProperty('allowErrorForDataTypeAny'); // not a parameter property; Excel ignores or rejects it
      });
    }
    expect(metadata.allowCustomDataForDataTypeAny).toBe(true);
  });
});

/** Registry example args in Excel's shapes: any[][] params get a matrix, omitted optionals null. */
function excelArgs(id: string, args: readonly unknown[]): unknown[] {
  const spec = REGISTRY.find((f) => f.id === id)!;
  return spec.params.map((p, i) => {
    const v = args[i];
    if (v === undefined) return OMITTED;
    return p.dimensionality === 'matrix' && !Array.isArray(v) ? one(v) : v;
  });
}

describe('every registry example through the bundle, Excel-shaped', () => {
  it.each(REGISTRY.map((f) => [f.id, f] as const))('%s', (id, f) => {
    const got = excel(id, ...excelArgs(id, f.example.args));
    if (typeof f.example.result === 'number') expect(got as number).toBeCloseTo(f.example.result, 10);
    else expect(got).toEqual(f.example.result);
  });
});

describe('field cases F1–F19 with Excel arguments', () => {
  it('F1 blank vs zero: NPS over 10, 9, (blank), 3 is 33.33… on the web, where the blank arrives as null', () => {
    expect(excel('NPS', col(WEB, 10, 9, BLANK, 3)) as number).toBeCloseTo(100 / 3, 10);
    expect(excel('NPS', col(WEB, 10, 9, '', 3)) as number).toBeCloseTo(100 / 3, 10); // a formula's "" is blank too
  });
  it('F1 blank vs zero: a typed 0 gives 0; so does a desktop blank, which Excel passes as 0 (documented in the help)', () => {
    expect(excel('NPS', col(WEB, 10, 9, 0, 3))).toBe(0);
    expect(excel('NPS', col(DESKTOP, 10, 9, BLANK, 3))).toBe(0);
    expect(metadata.functions.find((f) => f.id === 'NPS')!.description).toContain('Excel desktop passes a blank cell in a range as 0');
  });

  it('F2 omitted optional argument: CS_TIER(150000) with Excel\'s nulls is "High Touch", as with the defaults written out', () => {
    expect(excel('CS_TIER', one(150000), OMITTED, OMITTED, OMITTED, OMITTED)).toEqual([['High Touch']]);
    expect(excel('CS_TIER', one(150000), OMITTED, OMITTED, one(100000), one(15000))).toEqual([['High Touch']]);
    expect(excel('CSAT', col(WEB, 5, 4, 3, 1), OMITTED, OMITTED)).toBe(0.5);
    expect(excel('NRR_TARGET', 'Enterprise', OMITTED)).toBe(1.15);
  });

  it('F3 a real error: NPS({"abc","n/a"}) throws CustomFunctions.Error #DIV/0! (no message: Excel allows none)', () => {
    const r = excel('NPS', row(WEB, 'abc', 'n/a'));
    expectExcelError(r, ERROR_CODE.divisionByZero);
    expect(r).not.toBe('#DIV/0!');
  });

  it('F4 scalar vs range: NPS(9) (a 1×1 matrix in Excel) is 100; a column or a row holding 9, 3 is 0', () => {
    expect(excel('NPS', one(9))).toBe(100);
    expect(excel('NPS', col(WEB, 9, 3))).toBe(0);
    expect(excel('NPS', row(WEB, 9, 3))).toBe(0);
  });

  it('F5 NPS buckets by score: 9, 9, 10, 6 is 50', () => {
    expect(excel('NPS', col(WEB, 9, 9, 10, 6))).toBe(50);
  });

  it.each(EXCEL_HOSTS)('F6 NPS denominator = answered numeric scores: 10, 9, "", 3, "N/A" is 33.33… ($name)', (host) => {
    expect(excel('NPS', col(host, 10, 9, '', 3, 'N/A')) as number).toBeCloseTo(100 / 3, 10);
  });
  it('F6 a score of 11 or 9.5 is #NUM!', () => {
    expectExcelError(excel('NPS', col(WEB, 10, 11)), ERROR_CODE.invalidNumber);
    expectExcelError(excel('NPS', col(WEB, 9.5)), ERROR_CODE.invalidNumber);
  });

  const f7 = [5, 5, 5, 5, 5, 5, 3, 3, 1, 1];
  it('F7 CSAT counts neutral answers: 5,5,5,5,5,5,3,3,1,1 is 0.60, and still 0.60 with two blanks on the web', () => {
    expect(excel('CSAT', col(WEB, ...f7), OMITTED, OMITTED)).toBe(0.6);
    expect(excel('CSAT', col(WEB, ...f7, BLANK, BLANK), OMITTED, OMITTED)).toBe(0.6);
    expect(excel('CSAT', row(WEB, ...f7, '', ''), OMITTED, OMITTED)).toBe(0.6);
  });
  it('F7 on Excel desktop two blank cells arrive as 0, which is no score on 1..5: #NUM! (the help says so)', () => {
    expectExcelError(excel('CSAT', col(DESKTOP, ...f7, BLANK, BLANK), OMITTED, OMITTED), ERROR_CODE.invalidNumber);
    expect(metadata.functions.find((f) => f.id === 'CSAT')!.description).toContain('counts as a 0 here');
  });

  const scores = (counts: Record<number, number>) =>
    Object.entries(counts).flatMap(([score, n]) => Array.from({ length: n }, () => [Number(score)]));
  it('F8 CSAT published example: 42 fives, 32 fours, 10 threes, 9 twos, 14 ones is 74/107', () => {
    expect(excel('CSAT', scores({ 5: 42, 4: 32, 3: 10, 2: 9, 1: 14 }), OMITTED, OMITTED) as number).toBeCloseTo(74 / 107, 12);
  });
  it('F9 CSAT published example: 10 fives, 20 fours, 10 threes, 5 twos, 5 ones is 0.60', () => {
    expect(excel('CSAT', scores({ 5: 10, 4: 20, 3: 10, 2: 5, 1: 5 }), OMITTED, OMITTED)).toBe(0.6);
  });

  it('F10 a missing health component is not a zero: 80, 60, (blank) with 0.5, 0.3, 0.2 spills {72.5} on the web', () => {
    expect(excel('CS_HEALTH', row(WEB, 80, 60, BLANK), row(WEB, 0.5, 0.3, 0.2))).toEqual([[72.5]]);
    expect(excel('CS_HEALTH', row(WEB, 80, 60, ''), col(WEB, 0.5, 0.3, 0.2))).toEqual([[72.5]]);
  });
  it('F10 on Excel desktop the blank arrives as 0 and counts: 58 (the help says so)', () => {
    expect(excel('CS_HEALTH', row(DESKTOP, 80, 60, BLANK), row(DESKTOP, 0.5, 0.3, 0.2))).toEqual([[58]]);
  });
  it('F10 all weights 0: the row holds a #DIV/0! error element (the spill is still returned)', () => {
    const r = excel('CS_HEALTH', row(WEB, 80, 60, BLANK), row(WEB, 0, 0, 0)) as unknown[][];
    expect(r).toHaveLength(1);
    expectExcelError(r[0][0], ERROR_CODE.divisionByZero);
  });
  it('F11 weighted score published example: 47, 59, 21 with 20, 15, 22 is 40.1228…', () => {
    const r = excel('CS_HEALTH', row(WEB, 47, 59, 21), row(WEB, 20, 15, 22)) as number[][];
    expect(r[0][0]).toBeCloseTo((47 * 20 + 59 * 15 + 21 * 22) / 57, 10);
    expect(r[0][0]).toBeCloseTo(40.1228, 4);
  });

  it.each(EXCEL_HOSTS)('F12 new logos are not retention: NRR_COHORT 1000→1100, 500→0, (new) blank→400 is 0.7333… ($name)', (host) => {
    expect(excel('NRR_COHORT', col(host, 1000, 500, BLANK), col(host, 1100, 0, 400)) as number).toBeCloseTo(1100 / 1500, 12);
    expect(excel('NRR_COHORT', col(host, 1000, 500, 0), col(host, 1100, BLANK, 400)) as number).toBeCloseTo(1100 / 1500, 12);
  });

  it.each(EXCEL_HOSTS)('F13 a lost account: 1200→1200, 1200→(blank) gives GRR_COHORT 0.5 and LOGO_RETENTION 0.5 ($name)', (host) => {
    expect(excel('GRR_COHORT', col(host, 1200, 1200), col(host, 1200, BLANK))).toBe(0.5);
    expect(excel('LOGO_RETENTION', col(host, 1200, 1200), col(host, 1200, 0))).toBe(0.5);
    expect(excel('LOGO_RETENTION', col(host, 1200, 1200), col(host, 1200, BLANK))).toBe(0.5);
  });

  it('F14 GRR is capped per account: 600→900, 400→300 gives GRR_COHORT 0.9 and NRR_COHORT 1.2', () => {
    expect(excel('GRR_COHORT', col(WEB, 600, 400), col(WEB, 900, 300)) as number).toBeCloseTo(0.9, 12);
    expect(excel('NRR_COHORT', col(WEB, 600, 400), col(WEB, 900, 300)) as number).toBeCloseTo(1.2, 12);
  });
  it.each(EXCEL_HOSTS)('F14 every start value 0 (or blank): #DIV/0!, never Infinity or NaN ($name)', (host) => {
    for (const id of ['NRR_COHORT', 'GRR_COHORT', 'LOGO_RETENTION']) {
      expectExcelError(excel(id, col(host, 0, BLANK), col(host, 100, 200)), ERROR_CODE.divisionByZero);
    }
  });

  it('F15 the playbook formula: NRR(1,000,000; 150,000; 25,000; 25,000) is 1.10 and GRR(1,000,000; 25,000; 25,000) 0.95', () => {
    expect(excel('NRR', one(1000000), one(150000), one(25000), one(25000)) as number).toBeCloseTo(1.1, 12);
    expect(excel('GRR', one(1000000), one(25000), one(25000)) as number).toBeCloseTo(0.95, 12);
  });

  it('F16 GRR published example: starting 10,000,000, contraction + churn 1,000,000 is 0.90', () => {
    expect(excel('GRR', one(10000000), one(600000), one(400000)) as number).toBeCloseTo(0.9, 12);
    // the amounts may also be ranges, summed
    expect(excel('GRR', one(10000000), col(WEB, 250000, 350000), col(WEB, 400000, BLANK)) as number).toBeCloseTo(0.9, 12);
  });

  it('F17 quick ratio: new 20k, expansion 8k, contraction 3k, churn 5k is 3.5', () => {
    expect(excel('QUICK_RATIO', one(20000), one(8000), one(3000), one(5000))).toBe(3.5);
  });

  it.each(EXCEL_HOSTS)('F18 logo retention: 200 accounts at start, 15 lost is 0.925 ($name)', (host) => {
    const start = col(host, ...Array.from({ length: 200 }, () => 1000));
    const end = col(host, ...Array.from({ length: 200 }, (_, i) => (i < 15 ? BLANK : 1000)));
    expect(excel('LOGO_RETENTION', start, end)).toBe(0.925);
  });

  it('F19 currency text: "$1,200" counts as 1200', () => {
    expect(excel('MRR_MOVEMENTS', one('$1,200'), one('$1,500'))).toEqual([
      ['Starting', 1200], ['Expansion', 300], ['Contraction', 0], ['Churn', 0], ['New', 0],
    ]);
  });
  it('F19 NRR_COHORT("$1,000,000.00", "$1,100,000.00") is 1.10: every thousands separator removed', () => {
    expect(excel('NRR_COHORT', one('$1,000,000.00'), one('$1,100,000.00')) as number).toBeCloseTo(1.1, 12);
  });
  it('F19 "abc" in a start/end range: #VALUE! whose message names the position', () => {
    expectExcelError(excel('NRR_COHORT', col(WEB, 1000, 'abc'), col(WEB, 1100, 900)), ERROR_CODE.invalidValue, "row 2 of start_values: 'abc' is not a number");
    expectExcelError(excel('NRR_COHORT', col(WEB, 1000, 500), col(WEB, 1100, 'abc')), ERROR_CODE.invalidValue, /row 2 of end_values/);
  });
});

describe('Excel shapes in and out', () => {
  it('#VALUE! and #N/A carry core\'s message; #DIV/0! and #NUM! are created without one', () => {
    expectExcelError(excel('NRR_TARGET', 'Mars', OMITTED), ERROR_CODE.notAvailable, /^unknown segment 'mars'/);
    expectExcelError(excel('NRR_COHORT', col(WEB, 1, 2, 3), row(WEB, 1, 2, 3)), ERROR_CODE.invalidValue, 'ranges must be the same size: 3×1 and 1×3');
    expectExcelError(excel('NRR', one(0), one(0), one(0), one(0)), ERROR_CODE.divisionByZero);
    expectExcelError(excel('NRR', one(1000), one(0), one(-5), one(0)), ERROR_CODE.invalidNumber);
  });

  it('vectorised: one row per input, "" for a blank row, a per-row error as an error element', () => {
    const r = excel('CS_TIER', col(WEB, 150000, -5, BLANK, 5000, ''), OMITTED, OMITTED, OMITTED, OMITTED) as unknown[][];
    expect(r).toHaveLength(5);
    expect(r[0]).toEqual(['High Touch']);
    expectExcelError(r[1][0], ERROR_CODE.invalidNumber);
    expect(r[2]).toEqual(['']);
    expect(r[3]).toEqual(['Tech Touch']);
    expect(r[4]).toEqual(['']);
    expect(r.flat()).not.toContain(null);
  });

  it('vectorised with a per-row word: CS_TIER with complexity one per row', () => {
    expect(excel('CS_TIER', col(WEB, 150000, 40000, 5000), col(WEB, 'Low', 'High', 'high '), OMITTED, OMITTED, OMITTED)).toEqual([
      ['High Touch'], ['High Touch'], ['Low Touch'],
    ]);
  });

  it('an unknown word is #VALUE! in its row only, with the message listing the accepted words', () => {
    const r = excel('CS_TIER', col(WEB, 150000, 40000), col(WEB, 'High', 'Huge'), OMITTED, OMITTED, OMITTED) as unknown[][];
    expect(r[0]).toEqual(['High Touch']);
    expectExcelError(r[1][0], ERROR_CODE.invalidValue, /High.*Medium.*Low/);
  });

  it('an unknown metric in CS_BENCHMARK is #N/A with its message, per row', () => {
    const r = excel('CS_BENCHMARK', one('Foo'), col(WEB, 1)) as unknown[][];
    expectExcelError(r[0][0], ERROR_CODE.notAvailable, /^unknown metric 'foo'/);
    expect(excel('CS_BENCHMARK', one('nrr'), col(WEB, 1.25, BLANK, 0.98))).toEqual([['Great'], [''], ['Below']]);
  });

  it.each(EXCEL_HOSTS)('serial dates: TIME_TO_VALUE counts whole days; a blank value date is "" ($name)', (host) => {
    const start = one(serial('2024-01-15'));
    expect(excel('TIME_TO_VALUE', start, col(host, serial('2024-02-04'), BLANK, serial('2024-01-15') + 0.75))).toEqual([[20], [''], [0]]);
    expect(excel('TIME_TO_VALUE', col(host, serial('2024-03-09'), serial('2024-03-09')), col(host, serial('2024-03-11'), serial('2024-03-31')))).toEqual([[2], [22]]);
    const before = excel('TIME_TO_VALUE', start, one(serial('2024-01-14'))) as unknown[][];
    expectExcelError(before[0][0], ERROR_CODE.invalidNumber);
  });

  it('an error value in an input range (CustomFunctions.Error, with allowErrorForDataTypeAny) gives that error', () => {
    expectExcelError(excel('NPS', col(WEB, 9, new StandInError(ERROR_CODE.divisionByZero))), ERROR_CODE.divisionByZero);
    expectExcelError(excel('NRR_COHORT', col(WEB, 100, new StandInError(ERROR_CODE.notAvailable)), col(WEB, 100, 100)), ERROR_CODE.notAvailable);
    // an input-only error (#REF!) cannot be returned: it becomes #VALUE! naming it
    expectExcelError(excel('NPS', col(WEB, 9, new StandInError(ERROR_CODE.invalidReference))), ERROR_CODE.invalidValue, /#REF!/);
  });

  it('an error value as a rich value ({type: "Error", errorType, basicValue}) gives that error', () => {
    const div0 = { type: 'Error', errorType: 'Div0', basicValue: '#DIV/0!' };
    expectExcelError(excel('NPS', col(WEB, 9, div0)), ERROR_CODE.divisionByZero);
  });

  it('an error in one row of a vectorised input stays in that row', () => {
    const r = excel('CS_HEALTH_BAND', col(WEB, 40, new StandInError(ERROR_CODE.invalidNumber), 80), OMITTED, OMITTED) as unknown[][];
    expect(r[0]).toEqual(['Red']);
    expectExcelError(r[1][0], ERROR_CODE.invalidNumber);
    expect(r[2]).toEqual(['Green']);
  });

  it('Excel rich number values (FormattedNumber) are read by their basicValue', () => {
    const money = { type: 'FormattedNumber', basicValue: 1000, numberFormat: '$#,##0' };
    expect(excel('NRR_COHORT', col(WEB, money), col(WEB, 1100)) as number).toBeCloseTo(1.1, 12);
  });

  it('scalar word parameters take plain values, trimmed and case-insensitive', () => {
    expect(excel('CSM_HEADCOUNT', one(35), 'high touch', OMITTED)).toBe(2);
    expect(excel('COST_TO_SERVE_CHECK', ' Tech Touch ', 0.05)).toBe('Above');
    expect(excel('COST_TO_SERVE', col(WEB, 10000, 10000), one(100000))).toBe(0.2);
  });
});

describe('adapter: Excel arguments to core', () => {
  it('null in an optional position is "omitted"; a null (web blank) in a required one stays a blank', () => {
    const tier = findFunction('CS_TIER')!;
    expect(coreArgs(tier, [[[1]], null, null, [[5]], null])).toEqual([[[1]], undefined, undefined, [[5]], undefined]);
    const target = findFunction('NRR_TARGET')!;
    expect(coreArgs(target, [null, null])).toEqual([null, undefined]);
  });
});
