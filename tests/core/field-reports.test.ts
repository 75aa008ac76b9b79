/**
 * Field cases F1–F19 (shared/cases/field-reports.md), each with every host's argument shape.
 */
import { CellError } from '../../core/src/errors';
import {
  csat,
  csHealth,
  csTier,
  grr,
  grrCohortFn,
  logoRetentionFn,
  nps,
  nrr,
  nrrCohortFn,
  quickRatio,
} from '../../core/src/functions';
import { parseNumberText } from '../../core/src/normalise';
import { REGISTRY } from '../../core/src/registry';
import { BLANK, BLANK_AWARE_HOSTS, HOSTS, OMITTED, col, excelDesktop, expectError, row, sheets } from './host-shapes';

const repeat = (value: number, times: number) => Array.from({ length: times }, () => value);

describe('F1 blank vs zero', () => {
  it.each(BLANK_AWARE_HOSTS)('skips a blank score in NPS over 10, 9, blank, 3 ($name)', (host) => {
    expect(nps(host.range(col(10, 9, BLANK, 3)))).toBeCloseTo(100 / 3, 10);
  });
  it.each(HOSTS)('counts a typed 0 as a detractor ($name)', (host) => {
    expect(nps(host.range(col(10, 9, 0, 3)))).toBe(0);
  });
  it('counts Excel desktop\'s matrix blank as the 0 it arrives as (documented host note)', () => {
    expect(excelDesktop.range(col(10, 9, BLANK, 3))).toEqual([[10], [9], [0], [3]]);
    expect(nps(excelDesktop.range(col(10, 9, BLANK, 3)))).toBe(0);
    expect(REGISTRY.find((f) => f.id === 'NPS')!.hostNotes.some((n) => n.host === 'excel')).toBe(true);
  });
  it('treats undefined, null, "" and whitespace-only text as blank', () => {
    expect(nps([[10], [undefined], [null], [''], ['  '], [9], [3]])).toBeCloseTo(100 / 3, 10);
  });
});

describe('F2 omitted optional arguments', () => {
  it.each(HOSTS)('CS_TIER(150000) is "High Touch" with omitted optionals ($name)', (host) => {
    const o = host.omitted;
    expect(csTier(host.cell(150000))).toEqual([['High Touch']]);
    expect(csTier(host.cell(150000), o, o, o, o)).toEqual([['High Touch']]);
    expect(csTier(host.cell(150000), o, o, o, o)).toEqual(csTier(150000, '', '', 100000, 15000));
  });

  // Every function with an optional argument: omitted (null / undefined) equals the default written out.
  const withDefaults: [string, unknown[], unknown[]][] = [
    ['CSAT', [col(5, 4, 3, 1)], [col(5, 4, 3, 1), 5, 4]],
    ['CSAT_MEAN', [col(5, 4, 3, 1)], [col(5, 4, 3, 1), 5]],
    ['CES', [col(2, 7, 3)], [col(2, 7, 3), 7]],
    ['CS_HEALTH_BAND', [col(40, 60, 80)], [col(40, 60, 80), 50, 75]],
    ['CS_TIER', [col(150000, 40000, 5000)], [col(150000, 40000, 5000), '', '', 100000, 15000]],
    ['CSM_HEADCOUNT', [70, 'Low Touch'], [70, 'Low Touch', 75]],
    ['NRR_TARGET', ['Mid-market'], ['Mid-market', 'low']],
  ];
  it('covers every function that has an optional parameter', () => {
    const withOptional = REGISTRY.filter((f) => f.params.some((p) => p.optional)).map((f) => f.id).sort();
    expect(withDefaults.map(([id]) => id).sort()).toEqual(withOptional);
  });
  describe.each(withDefaults)('%s', (id, required, explicit) => {
    const spec = REGISTRY.find((f) => f.id === id)!;
    const expected = spec.impl(...explicit);
    it('gives a real result with the defaults written out', () => {
      expect(expected).not.toBeInstanceOf(CellError);
    });
    it.each(HOSTS)('gives the same result when optionals are omitted ($name)', (host) => {
      const omittedArgs = [...required, ...Array(spec.params.length - required.length).fill(host.omitted)];
      expect(spec.impl(...omittedArgs)).toEqual(expected);
      expect(spec.impl(...required)).toEqual(expected);
    });
  });
});

describe('F3 errors are real error values', () => {
  it.each(HOSTS)('NPS({"abc","n/a"}) is a #DIV/0! CellError, not text ($name)', (host) => {
    const result = nps(host.range(row('abc', 'n/a')));
    expect(typeof result).not.toBe('string');
    expectError(result, '#DIV/0!');
    expect(String(result)).toMatch(/^#DIV\/0!: /);
  });
});

describe('F4 scalar vs range', () => {
  it('NPS(9) as a Sheets scalar is 100', () => {
    expect(sheets.range([[9]])).toBe(9);
    expect(nps(9)).toBe(100);
  });
  it.each(HOSTS)('NPS over a column or a row of 9, 3 is 0 ($name)', (host) => {
    expect(nps(host.range(col(9, 3)))).toBe(0);
    expect(nps(host.range(row(9, 3)))).toBe(0);
  });
  it('NPS of an Excel 1×1 matrix equals the scalar', () => {
    expect(nps([[9]])).toBe(100);
  });
});

describe('F5–F6 NPS', () => {
  it.each(HOSTS)('buckets by score: 9, 9, 10, 6 is 50 ($name)', (host) => {
    expect(nps(host.range(col(9, 9, 10, 6)))).toBe(50);
  });
  it.each(BLANK_AWARE_HOSTS)('divides by answered numeric scores only: 10, 9, "", 3, "N/A" is 33.3 ($name)', (host) => {
    expect(nps(host.range(col(10, 9, BLANK, 3, 'N/A')))).toBeCloseTo(33.3333333, 6);
  });
  it.each([11, 9.5, -1])('gives #NUM! for a score of %p', (bad) => {
    expectError(nps(col(9, bad)), '#NUM!', `NPS scores must be whole numbers from 0 to 10, not ${bad}`);
  });
});

describe('F7–F9 CSAT', () => {
  const f7 = [5, 5, 5, 5, 5, 5, 3, 3, 1, 1];
  it.each(HOSTS)('includes neutral answers in the denominator: 0.60 ($name)', (host) => {
    expect(csat(host.range(col(...f7)))).toBeCloseTo(0.6, 12);
  });
  it.each(BLANK_AWARE_HOSTS)('still 0.60 with two blanks ($name)', (host) => {
    expect(csat(host.range(col(...f7, BLANK, BLANK)), host.omitted, host.omitted)).toBeCloseTo(0.6, 12);
  });
  it('gives #NUM! on Excel desktop, where the two blanks arrive as 0 (outside 1..5)', () => {
    expectError(csat(excelDesktop.range(col(...f7, BLANK, BLANK))), '#NUM!');
  });
  it('F8: 42 fives, 32 fours, 10 threes, 9 twos, 14 ones is 74/107', () => {
    const scores = [...repeat(5, 42), ...repeat(4, 32), ...repeat(3, 10), ...repeat(2, 9), ...repeat(1, 14)];
    for (const host of HOSTS) expect(csat(host.range(col(...scores)))).toBeCloseTo(74 / 107, 12);
    expect(74 / 107).toBeCloseTo(0.6916, 4);
  });
  it('F9: 10 fives, 20 fours, 10 threes, 5 twos, 5 ones is 0.60', () => {
    const scores = [...repeat(5, 10), ...repeat(4, 20), ...repeat(3, 10), ...repeat(2, 5), ...repeat(1, 5)];
    for (const host of HOSTS) expect(csat(host.range(row(...scores)))).toBeCloseTo(0.6, 12);
  });
});

describe('F10–F11 health', () => {
  const weights = row(0.5, 0.3, 0.2);
  it.each(BLANK_AWARE_HOSTS)('leaves a missing component out: 80, 60, blank is 72.5 ($name)', (host) => {
    expect(csHealth(host.range(row(80, 60, BLANK)), host.range(weights))).toEqual([[72.5]]);
  });
  it('reads Excel desktop\'s blank as 0, giving 58 (documented host note)', () => {
    const [[score]] = csHealth(excelDesktop.range(row(80, 60, BLANK)), weights) as number[][];
    expect(score).toBeCloseTo(58, 10);
  });
  it.each(HOSTS)('gives #DIV/0! when all weights are 0 ($name)', (host) => {
    const [[cell]] = csHealth(host.range(row(80, 60, 70)), host.range(row(0, 0, 0))) as unknown[][];
    expectError(cell, '#DIV/0!');
  });
  it.each(HOSTS)('F11: 47, 59, 21 weighted 20, 15, 22 is 40.1228 ($name)', (host) => {
    const [[score]] = csHealth(host.range(row(47, 59, 21)), host.range(col(20, 15, 22))) as number[][];
    expect(score).toBeCloseTo(2287 / 57, 10);
    expect(score).toBeCloseTo(40.1228, 4);
  });
});

describe('F12–F14 cohort retention', () => {
  it.each(HOSTS)('F12: new logos are not retention: 1100/1500 ($name)', (host) => {
    expect(nrrCohortFn(host.range(col(1000, 500, 0)), host.range(col(1100, 0, 400)))).toBeCloseTo(1100 / 1500, 12);
  });
  it.each(BLANK_AWARE_HOSTS)('F12 with the new logo\'s start left blank ($name)', (host) => {
    expect(nrrCohortFn(host.range(col(1000, 500, BLANK)), host.range(col(1100, BLANK, 400)))).toBeCloseTo(1100 / 1500, 12);
  });
  it.each(HOSTS)('F13: a lost account lowers GRR and logo retention to 0.5 ($name)', (host) => {
    const start = host.range(col(1200, 1200));
    const end = host.range(col(1200, 0));
    expect(grrCohortFn(start, end)).toBe(0.5);
    expect(logoRetentionFn(start, end)).toBe(0.5);
  });
  it.each(HOSTS)('F14: GRR is capped per account: 0.9, NRR 1.2 ($name)', (host) => {
    const start = host.range(col(600, 400));
    const end = host.range(col(900, 300));
    expect(grrCohortFn(start, end)).toBeCloseTo(0.9, 12);
    expect(nrrCohortFn(start, end)).toBeCloseTo(1.2, 12);
  });
  it.each(HOSTS)('F14: every start value 0 gives #DIV/0!, never Infinity or NaN ($name)', (host) => {
    for (const fn of [nrrCohortFn, grrCohortFn, logoRetentionFn]) {
      expectError(fn(host.range(col(0, 0)), host.range(col(100, 50))), '#DIV/0!', 'no account has a start value above 0');
    }
  });
});

describe('F15–F18 published examples', () => {
  it.each(HOSTS)('F15: NRR 1.10 and GRR 0.95 ($name)', (host) => {
    expect(nrr(host.cell(1000000), host.cell(150000), host.cell(25000), host.cell(25000))).toBeCloseTo(1.1, 12);
    expect(grr(host.cell(1000000), host.cell(25000), host.cell(25000))).toBeCloseTo(0.95, 12);
  });
  it.each(HOSTS)('F16: GRR 0.90 with contraction + churn of 1,000,000 ($name)', (host) => {
    expect(grr(10000000, 600000, 400000)).toBeCloseTo(0.9, 12);
    expect(grr(host.cell(10000000), host.range(col(250000, 350000)), host.range(row(400000, BLANK)))).toBeCloseTo(0.9, 12);
  });
  it.each(HOSTS)('F17: quick ratio 3.5 ($name)', (host) => {
    expect(quickRatio(host.cell(20000), host.cell(8000), host.cell(3000), host.cell(5000))).toBeCloseTo(3.5, 12);
    expect(quickRatio('$20k'.replace('k', ',000'), '8,000', 3000, '5 000')).toBeCloseTo(3.5, 12);
  });
  it.each(HOSTS)('F18: 200 accounts, 15 lost: logo retention 0.925 ($name)', (host) => {
    const start = repeat(1000, 200);
    const end = start.map((v, i) => (i < 15 ? 0 : v));
    expect(logoRetentionFn(host.range(col(...start)), host.range(col(...end)))).toBeCloseTo(0.925, 12);
  });
});

describe('F19 text that is a number', () => {
  const forms: [string, number][] = [
    ['$1,200', 1200],
    ['1,200.50', 1200.5],
    ['$1,000,000.00', 1000000],
    ['€1.200,00', 1200],
    ['1 200,00', 1200],
    ['1\u00a0200,00', 1200],
    ["1'000'000", 1000000],
    ['(500)', -500],
    ['12%', 0.12],
    ['1,5', 1.5],
    ['1,50', 1.5],
    ['1,200', 1200],
    ['1,000,000', 1000000],
    ['1.200', 1.2],
    ['1.000.000', 1000000],
    ['-$500', -500],
    ['USD 1,200', 1200],
    ['1.200,00 €', 1200],
  ];
  it.each(forms)('parses %p as %p', (text, value) => {
    expect(parseNumberText(text)!.value).toBeCloseTo(value, 12);
  });
  it.each(['abc', 'N/A', '', '1,2,3.4.5', '12,345,67', '(-5)', '$€5', '1.', 'TRUE'])('rejects %p', (text) => {
    expect(parseNumberText(text)).toBeNull();
  });
  it.each(HOSTS)('"$1,200" counts as 1200 in a positional list ($name)', (host) => {
    expect(nrrCohortFn(host.range(col('$1,200', 800)), host.range(col(1200, 800)))).toBe(1);
  });
  it.each(HOSTS)('NRR_COHORT("$1,000,000.00", "$1,100,000.00") is 1.10 ($name)', (host) => {
    expect(nrrCohortFn(host.cell('$1,000,000.00'), host.cell('$1,100,000.00'))).toBeCloseTo(1.1, 12);
  });
  it.each(HOSTS)('"abc" in a start/end range gives #VALUE! naming its position ($name)', (host) => {
    expectError(
      nrrCohortFn(host.range(col(100, 200, 300, 'abc')), host.range(col(1, 2, 3, 4))),
      '#VALUE!',
      "row 4 of start_values: 'abc' is not a number",
    );
    expectError(nrrCohortFn(host.range(row(100, 200)), host.range(row(1, 'x'))), '#VALUE!', "column 2 of end_values: 'x' is not a number");
  });
  it('gives #VALUE! for mixed currencies in one call', () => {
    expectError(nrrCohortFn(col('$1,000', '€500'), col(1, 2)), '#VALUE!', 'mixed currencies: $ and €');
    expectError(nrr('$1,000', '€100', 0, 0), '#VALUE!', 'mixed currencies: $ and €');
    expect(nrrCohortFn(col('€1.000,00', 500), col('€1.100,00', 500))).toBeCloseTo(1.1 * 1000 / 1500 + 500 / 1500, 12);
  });
  it('counts number text in counted lists (NPS) as that number', () => {
    expect(nps(col('9', '10', '3'))).toBeCloseTo(100 / 3, 10);
  });
  it('keeps OMITTED distinct from BLANK in the helpers', () => {
    expect(sheets.cell(OMITTED)).toBeUndefined();
  });
});
