/** Error kinds and messages per function (spec/functions.md), and the behaviours around them. */
import { CellError } from '../../core/src/errors';
import * as fns from '../../core/src/functions';
import { col, expectError, row } from './host-shapes';

const DIV0 = new CellError('#DIV/0!', '');

describe('NRR and GRR', () => {
  it('sums ranges given for any argument', () => {
    expect(fns.nrr(col(600000, 400000), row(100000, 50000), 25000, [[25000, null]])).toBeCloseTo(1.1, 12);
  });
  it('gives #NUM! for a negative amount, naming it', () => {
    expectError(fns.nrr(1000, 0, -5, 0), '#NUM!', 'contraction cannot be negative');
    expectError(fns.grr(1000, 0, col(5, -5)), '#NUM!', 'row 2 of churn: -5 cannot be negative');
    expectError(fns.nrr(-1000, 0, 0, 0), '#NUM!', 'starting cannot be negative');
  });
  it('gives #NUM! when losses exceed the starting base', () => {
    expectError(fns.nrr(1000, 0, 600, 500), '#NUM!', 'losses exceed the starting base');
    expectError(fns.grr(1000, 600, 500), '#NUM!', 'losses exceed the starting base');
  });
  it('allows losses equal to the base, with float noise', () => {
    expect(fns.grr(1000, 400, 600)).toBe(0);
    expect(fns.grr(0.3, 0.1, 0.2)).toBeCloseTo(0, 12);
  });
  it('gives #DIV/0! for a starting of 0 or blank', () => {
    expectError(fns.nrr(0, 100, 0, 0), '#DIV/0!', 'starting is 0');
    expectError(fns.grr('', 0, 0), '#DIV/0!');
  });
  it('gives #VALUE! for unparsable text or a boolean', () => {
    expectError(fns.nrr('lots', 0, 0, 0), '#VALUE!', "starting: 'lots' is not a number");
    expectError(fns.grr(1000, true, 0), '#VALUE!', 'contraction: TRUE is not a number');
  });
  it('passes an error value in an input through', () => {
    const err = new CellError('#N/A', 'lookup failed');
    expect(fns.nrr(1000, col(1, err), 0, 0)).toBe(err);
  });
});

describe('cohort functions', () => {
  it('gives #VALUE! for ranges of different shapes', () => {
    expectError(fns.nrrCohortFn(col(1, 2, 3), row(1, 2, 3)), '#VALUE!', 'ranges must be the same size: 3×1 and 1×3');
    expectError(fns.mrrMovements(col(1, 2), col(1, 2, 3)), '#VALUE!', 'ranges must be the same size: 2×1 and 3×1');
  });
  it('gives #NUM! for a negative start or end value', () => {
    expectError(fns.grrCohortFn(col(100, -1), col(1, 2)), '#NUM!', 'row 2 of start_values: -1 cannot be negative');
    expectError(fns.mrrMovements(col(100, 1), col(1, -2)), '#NUM!', 'row 2 of end_values: -2 cannot be negative');
  });
  it('gives #VALUE! for a boolean in a positional list', () => {
    expectError(fns.logoRetentionFn(col(100, true), col(1, 2)), '#VALUE!', 'row 2 of start_values: TRUE is not a number');
  });
  it('returns MRR_MOVEMENTS as a 5×2 table', () => {
    expect(fns.mrrMovements(col(1000, 500, 800, null, 300), col(1100, 0, 600, 400, ''))).toEqual([
      ['Starting', 2600],
      ['Expansion', 100],
      ['Contraction', 200],
      ['Churn', 800],
      ['New', 400],
    ]);
  });
  it('gives a 5×2 table of zeros for an empty cohort (no division involved)', () => {
    expect(fns.mrrMovements(col(0), col(0))).toEqual([['Starting', 0], ['Expansion', 0], ['Contraction', 0], ['Churn', 0], ['New', 0]]);
  });
});

describe('QUICK_RATIO', () => {
  it('gives #DIV/0! when contraction + churn is 0', () => {
    expectError(fns.quickRatio(100, 50, 0, ''), '#DIV/0!', 'contraction + churn is 0');
  });
  it('gives #NUM! for a negative amount', () => {
    expectError(fns.quickRatio(-100, 50, 1, 1), '#NUM!', 'new cannot be negative');
  });
});

describe('NPS, CSAT, CSAT_MEAN, CES', () => {
  it('skips booleans in counted lists', () => {
    expect(fns.nps(col(true, 10, false))).toBe(100);
  });
  it('returns the first error value in a counted list', () => {
    expectError(fns.nps(col(9, { type: 'Error', errorType: 'Div0', basicValue: '#DIV/0!' })), '#DIV/0!');
  });
  it('CSAT gives #NUM! for a score that is not a whole number in 1..scale', () => {
    expectError(fns.csat(col(5, 4.5)), '#NUM!', 'scores must be whole numbers from 1 to 5, not 4.5');
    expectError(fns.csat(col(5, 6)), '#NUM!');
    expectError(fns.csat(col(5, 0)), '#NUM!');
    expect(fns.csat(col(5, 6, 7, 10), 10, 7)).toBe(0.5);
  });
  it('CSAT gives #DIV/0! with no answers and #NUM! for a bad satisfied_from or scale', () => {
    expectError(fns.csat(col('', 'n/a')), '#DIV/0!', 'no numeric scores');
    expectError(fns.csat(col(5), 5, 6), '#NUM!', 'satisfied_from must be from 1 to 5, not 6');
    expectError(fns.csat(col(5), 1.5), '#NUM!', 'scale must be a whole number of at least 2, not 1.5');
    expectError(fns.csat(col(5), 'five'), '#VALUE!', "scale: 'five' is not a number");
  });
  it('CSAT_MEAN is the mean on 1..scale, with the same rules', () => {
    expect(fns.csatMean(col(5, 4, '', 'N/A', 3))).toBe(4);
    expectError(fns.csatMean(col(4.5)), '#NUM!');
    expectError(fns.csatMean(col('x')), '#DIV/0!');
    expect(fns.csatMean(col(9, 10), 10)).toBe(9.5);
  });
  it('CES is the mean effort on 1..7 by default; out of range gives #NUM!', () => {
    expect(fns.ces(col(1, 2, 6))).toBe(3);
    expectError(fns.ces(col(8)), '#NUM!', 'scores must be from 1 to 7, not 8');
    expectError(fns.ces(col(0)), '#NUM!');
    expect(fns.ces(col(5), 5)).toBe(5);
    expectError(fns.ces(col(6), 5), '#NUM!');
    expectError(fns.ces([]), '#DIV/0!');
  });
});

describe('CS_HEALTH', () => {
  it('returns one score per account row, "" for an all-blank row, per-row errors in place', () => {
    const result = fns.csHealth(
      [
        [80, 60, 40],
        ['', null, ''],
        [120, 50, 50],
        [90, 'abc', 70],
        [50, '', ''],
      ],
      row(1, 1, 2),
    ) as unknown[][];
    expect(result).toHaveLength(5);
    expect(result[0][0]).toBeCloseTo(55, 12);
    expect(result[1][0]).toBe('');
    expectError(result[2][0], '#NUM!', 'row 3, column 1 of component_scores: 120 is outside 0–100');
    expectError(result[3][0], '#VALUE!', "row 4, column 2 of component_scores: 'abc' is not a number");
    expect(result[4][0]).toBe(50);
  });
  it('gives #DIV/0! for a row only when its present components weigh 0', () => {
    const result = fns.csHealth([[80, ''], ['', 70]], row(0, 1)) as unknown[][];
    expectError(result[0][0], '#DIV/0!');
    expect(result[1][0]).toBe(70);
  });
  it('gives #VALUE! for a negative, blank or missing weight', () => {
    expectError(fns.csHealth(row(80, 60), row(1, -1)), '#VALUE!', 'column 2 of weights: -1 cannot be negative');
    expectError(fns.csHealth(row(80, 60), col(1, '')), '#VALUE!', 'row 2 of weights is blank');
    expectError(fns.csHealth(row(80, 60, 40), row(1, 1)), '#VALUE!', /weights must be 3 cells/);
  });
});

describe('CS_HEALTH_BAND', () => {
  it('bands scores with inclusive green and exclusive red edges', () => {
    expect(fns.csHealthBand(col(49.9, 50, 74.9, 75, ''))).toEqual([['Red'], ['Yellow'], ['Yellow'], ['Green'], ['']]);
  });
  it('takes thresholds as one value or one per row', () => {
    expect(fns.csHealthBand(col(60, 60), 50, col(80, 55))).toEqual([['Yellow'], ['Green']]);
    expect(fns.csHealthBand(col(60, 60), col(70, 50))).toEqual([['Red'], ['Yellow']]);
    expectError(fns.csHealthBand(col(60, 60, 60), col(1, 2)), '#VALUE!', /ranges must be the same size: 3×1 and 2×1/);
  });
  it('keeps a per-row #VALUE! for a text score', () => {
    const [[a], [b]] = fns.csHealthBand(col('high', 90)) as unknown[][];
    expectError(a, '#VALUE!', "score: 'high' is not a number");
    expect(b).toBe('Green');
  });
});

describe('CS_TIER', () => {
  it('tiers by ARR with the playbook thresholds', () => {
    expect(fns.csTier(col(100000, 99999, 15000, 14999, 0))).toEqual([['High Touch'], ['Low Touch'], ['Low Touch'], ['Tech Touch'], ['Tech Touch']]);
  });
  it('raises one step at most, never lowers', () => {
    expect(fns.csTier(5000, 'High', 'High')).toEqual([['Low Touch']]);
    expect(fns.csTier(5000, ' high ', '')).toEqual([['Low Touch']]);
    expect(fns.csTier(5000, 'Medium')).toEqual([['Low Touch']]);
    expect(fns.csTier(50000, 'Low', 'Transactional')).toEqual([['Low Touch']]);
    expect(fns.csTier(150000, 'High', 'High potential')).toEqual([['High Touch']]);
    expect(fns.csTier(20000, null, 'HIGH POTENTIAL')).toEqual([['High Touch']]);
  });
  it('treats 0 in a word parameter as blank (Excel desktop blank)', () => {
    expect(fns.csTier(5000, 0, 0)).toEqual([['Tech Touch']]);
  });
  it('gives per-row #NUM! for a negative ARR and "" for a blank ARR', () => {
    const [[a], [b], [c]] = fns.csTier(col(-1, '', 20000)) as unknown[][];
    expectError(a, '#NUM!', 'ARR cannot be negative');
    expect(String(a)).toBe('#NUM!: ARR cannot be negative');
    expect(b).toBe('');
    expect(c).toBe('Low Touch');
  });
  it('gives #VALUE! listing the accepted words for an unknown word', () => {
    const [[a]] = fns.csTier(5000, 'Huge') as unknown[][];
    expectError(a, '#VALUE!', "unknown complexity 'huge': use High, Medium or Low");
    const [[b]] = fns.csTier(5000, null, 'vip') as unknown[][];
    expectError(b, '#VALUE!', "unknown strategic_value 'vip': use High, High potential, Standard or Transactional");
  });
  it('reads per-row optional arguments', () => {
    expect(fns.csTier(col(5000, 5000, 5000), col('High', '', 'Low'))).toEqual([['Low Touch'], ['Tech Touch'], ['Tech Touch']]);
    expect(fns.csTier(col(50000, 50000), null, null, col(40000, 60000))).toEqual([['High Touch'], ['Low Touch']]);
  });
  it('gives #VALUE! for a multi-column ARR range', () => {
    expectError(fns.csTier(row(1, 2)), '#VALUE!', 'ARR must be one column; got 1×2');
  });
});

describe('coverage functions', () => {
  it('CSM_HEADCOUNT uses the playbook midpoints by default', () => {
    expect(fns.csmHeadcount(35, 'High Touch')).toBe(2);
    expect(fns.csmHeadcount(150, 'low')).toBe(2);
    expect(fns.csmHeadcount(1000, 'Tech Touch')).toBe(2);
    expect(fns.csmHeadcount(100, 'Tech', 1000)).toBe(0.1);
  });
  it('CSM_HEADCOUNT errors', () => {
    expectError(fns.csmHeadcount(10, 'Gold'), '#VALUE!', "unknown tier 'gold': use High Touch, Low Touch or Tech Touch");
    expectError(fns.csmHeadcount(10, 'High', 0), '#DIV/0!');
    expectError(fns.csmHeadcount(-10, 'High'), '#NUM!', 'accounts cannot be negative');
  });
  it('COST_TO_SERVE divides cost by ARR', () => {
    expect(fns.costToServe('$20,000', '$100,000')).toBe(0.2);
    expectError(fns.costToServe(100, 0), '#DIV/0!', 'ARR is 0');
    expectError(fns.costToServe(-1, 10), '#NUM!');
  });
  it.each([
    ['High Touch', 0.1499, 'Below'],
    ['High Touch', 0.15, 'Within'],
    ['High Touch', 0.25, 'Within'],
    ['High Touch', 0.2501, 'Above'],
    ['Low Touch', 0.0499, 'Below'],
    ['Low Touch', 0.05, 'Within'],
    ['Low Touch', 0.1, 'Within'],
    ['Low Touch', 0.1001, 'Above'],
    ['Tech Touch', 0, 'Within'],
    ['Tech Touch', 0.0299, 'Within'],
    ['Tech Touch', 0.03, 'Above'],
  ])('COST_TO_SERVE_CHECK(%p, %p) is %p', (tier, ratio, expected) => {
    expect(fns.costToServeCheck(tier, ratio)).toBe(expected);
  });
  it('COST_TO_SERVE_CHECK reads percent text and rejects a blank ratio', () => {
    expect(fns.costToServeCheck('high', '20%')).toBe('Within');
    expectError(fns.costToServeCheck('high', ''), '#VALUE!', 'ratio is required');
  });
});

describe('CS_BENCHMARK and NRR_TARGET', () => {
  it.each([
    ['NRR', 1.2, 'Great'], ['NRR', 1.05, 'Good'], ['NRR', 1.0499, 'Below'],
    ['GRR', 0.95, 'Great'], ['GRR', 0.9, 'Good'], ['grr', 0.89, 'Below'],
    ['LOGO', 0.92, 'Great'], ['LOGO_RETENTION', 0.85, 'Good'],
    ['NPS', 50, 'Great'], ['NPS', 30, 'Good'], ['NPS', 29, 'Below'],
    ['CSAT', 4.5, 'Great'], ['CSAT', 4, 'Good'], ['CSAT', 3.9, 'Below'],
    ['CES', 1.9, 'Great'], ['CES', 2, 'Good'], ['CES', 3, 'Below'],
    ['TTV', 13, 'Great'], ['TIME_TO_VALUE', 14, 'Good'], ['ttv', 30, 'Below'],
    ['HEALTH', 80, 'Great'], ['HEALTH_SCORE', 70, 'Good'], [' health ', 69, 'Below'],
  ])('CS_BENCHMARK(%p, %p) is %p', (metric, v, expected) => {
    expect(fns.csBenchmark(metric, v)).toEqual([[expected]]);
  });
  it('vectorises over a column of values and per-row metrics', () => {
    expect(fns.csBenchmark(col('NRR', 'NPS', 'CES'), col(1.1, '', 1))).toEqual([['Good'], [''], ['Great']]);
  });
  it('gives #N/A for an unknown metric', () => {
    const [[cell]] = fns.csBenchmark('ARPU', 5) as unknown[][];
    expectError(cell, '#N/A', /^unknown metric 'arpu'/);
  });
  it.each([
    ['Enterprise', 1.15], ['ent', 1.15], ['High Touch', 1.15],
    ['Mid-market', 1.05], ['Mid market', 1.05], ['Midmarket', 1.05], ['MM', 1.05], ['low touch', 1.05],
    ['SMB', 0.95], ['Small business', 0.95], ['Tech Touch', 0.95],
  ])('NRR_TARGET(%p) is %p', (segment, low) => {
    expect(fns.nrrTarget(segment)).toBe(low);
    expect(fns.nrrTarget(`  ${segment}  `, null)).toBe(low);
  });
  it('NRR_TARGET gives the high end on request and #N/A for an unknown segment', () => {
    expect(fns.nrrTarget('Enterprise', 'HIGH')).toBe(1.3);
    expect(fns.nrrTarget('mid-market', 'high')).toBe(1.15);
    expect(fns.nrrTarget('SMB', 'high')).toBe(1.05);
    expectError(fns.nrrTarget('Government'), '#N/A', "unknown segment 'government': use Enterprise, Mid-market or SMB");
    expectError(fns.nrrTarget('SMB', 'middle'), '#VALUE!');
  });
});

describe('no function returns NaN, Infinity or error text', () => {
  it('keeps CellErrors as values', () => {
    expect(fns.nps([])).toEqual(expect.any(CellError));
    expect(JSON.stringify(DIV0)).toBeDefined();
  });
});
