import { buildReportModel, periodMetrics, segmentFromText } from '../../core/src/data/report-model';
import { smallTables } from './fixtures';

/*
 * ARR by account, period 2024-01-01 → 2025-01-01 (start = ARR on 2024-01-01, end = ARR on 2025-01-01):
 *   A: A-1 12,000 (MRR 1000 × 12) + A-2 6,000 (ARR only, from 2024-06-15)   12,000 → 18,000  expansion 6,000
 *   B: B-1 6,000 until 2024-05-01                                            6,000 →      0  churn 6,000
 *   C: C-1 24,000 (ARR wins over MRR 1500) + C-2 12,000 until 2024-09-01    36,000 → 24,000  contraction 12,000
 *   D: D-1 2,400 from 2024-03-10 (D-2 is inside April)                          0 →  2,400  new
 *   E: trial only                                                               0 →      0
 *   G: G-1 ended 2023-06-01, G-2 from 2024-10-05 1,200                          0 →  1,200  new
 * Cohort A, B, C: start 54,000, end 42,000 → NRR 42/54, GRR (12+0+24)/54 = 2/3, logo 2/3.
 */
describe('buildReportModel on a hand-built book', () => {
  const model = buildReportModel(smallTables(), { from: '2024-01-01', to: '2025-01-01' });
  const m = model.metrics;

  it('gives the retention figures and ARR movements', () => {
    expect(m.period).toEqual({ from: '2024-01-01', to: '2025-01-01' });
    expect(m.cohortAccounts).toBe(3);
    expect(m.startArr).toBe(54000);
    expect(m.endArr).toBe(45600);
    expect(m.nrr).toBeCloseTo(42000 / 54000, 12);
    expect(m.grr).toBeCloseTo(36000 / 54000, 12);
    expect(m.logoRetention).toBeCloseTo(2 / 3, 12);
    expect(m.movements).toEqual({ starting: 54000, expansion: 6000, contraction: 12000, churn: 6000, new: 3600 });
    const mv = m.movements;
    expect(mv.starting + mv.expansion - mv.contraction - mv.churn + mv.new).toBe(m.endArr);
  });

  it('counts accounts with ARR > 0 at D1 by tier, raised by complexity', () => {
    // A 18,000 Low; C 24,000 Low; D 2,400 Tech raised to Low by complexity High; G 1,200 Tech.
    expect(m.tiers).toEqual({
      'High Touch': { accounts: 0, arr: 0 },
      'Low Touch': { accounts: 3, arr: 44400 },
      'Tech Touch': { accounts: 1, arr: 1200 },
    });
    expect(Object.keys(m.tiers)).toEqual(['High Touch', 'Low Touch', 'Tech Touch']);
    const t2 = periodMetrics(smallTables(), { from: '2024-01-01', to: '2025-01-01', highFrom: 20000, lowFrom: 2000 }).tiers;
    // C 24,000 High; D 2,400 Low by ARR, raised to High; A 18,000 Low; G 1,200 Tech.
    expect(t2).toEqual({
      'High Touch': { accounts: 2, arr: 26400 },
      'Low Touch': { accounts: 1, arr: 18000 },
      'Tech Touch': { accounts: 1, arr: 1200 },
    });
  });

  it('gives month-end MRR for each month whose last day is in the period', () => {
    expect(m.mrrByMonth).toEqual({
      '2024-01': 4000, '2024-02': 4000, '2024-03': 4200, '2024-04': 4200, '2024-05': 3700, '2024-06': 4200,
      '2024-07': 4200, '2024-08': 4200, '2024-09': 3200, '2024-10': 3300, '2024-11': 3300, '2024-12': 3300,
    });
    const half = periodMetrics(smallTables(), { from: '2024-01-15', to: '2024-04-15' });
    expect(half.mrrByMonth).toEqual({ '2024-01': 4000, '2024-02': 4000, '2024-03': 4200 });
  });

  it('gives CSAT of scored tickets submitted in the period, blanks and text skipped', () => {
    // In the period: 4, 3, 5 (blank, "N/A" skipped; 6 is off the scale; 2023-12-31 and 2025-01-01 are outside).
    expect(m.csat).toBeCloseTo(2 / 3, 12);
    expect(m.csatMean).toBeCloseTo(4, 12);
  });

  it('gives month by month MRR movements', () => {
    const by = Object.fromEntries(model.monthly.map((x) => [x.month, x]));
    expect(model.monthly).toHaveLength(12);
    expect(by['2024-01']).toMatchObject({ starting: 4000, new: 0, expansion: 0, contraction: 0, churn: 0, reactivation: 0, ending: 4000, activeAccounts: 3 });
    expect(by['2024-03']).toMatchObject({ starting: 4000, new: 200, newAccounts: 1, ending: 4200 });
    expect(by['2024-04']).toMatchObject({ new: 0, ending: 4200 });
    expect(by['2024-05']).toMatchObject({ churn: 500, churnedAccounts: 1, ending: 3700 });
    expect(by['2024-06']).toMatchObject({ expansion: 500, ending: 4200 });
    expect(by['2024-09']).toMatchObject({ contraction: 1000, ending: 3200 });
    expect(by['2024-10']).toMatchObject({ reactivation: 100, reactivatedAccounts: 1, new: 0, ending: 3300 });
    for (const x of model.monthly) {
      expect(x.starting + x.new + x.expansion - x.contraction - x.churn + x.reactivation).toBeCloseTo(x.ending, 6);
    }
  });

  it('gives cohorts by first month with positive month-end MRR', () => {
    expect(model.cohorts.map((c) => [c.month, c.accounts])).toEqual([['2023-01', 2], ['2023-03', 1], ['2023-06', 1], ['2024-03', 1]]);
    const jan = model.cohorts[0];
    expect(jan.mrr[0]).toBe(600); // B 500 + G 100
    expect(jan.mrr[5]).toBe(500); // June 2023: G ended on 2023-06-01
    expect(jan.logos[5]).toBe(1);
    expect(jan.mrr[16]).toBe(0); // May 2024: B churned, G not back yet
    expect(jan.logos[16]).toBe(0);
    expect(jan.mrr[21]).toBe(100); // Oct 2024: G is back
    expect(jan.mrr).toHaveLength(24);
    const byId = Object.fromEntries(model.accounts.map((a) => [a.id, a]));
    expect(byId.G.cohort).toBe('2023-01');
    expect(byId.D.cohort).toBe('2024-03');
    expect(byId.E.cohort).toBeUndefined();
  });

  it('gives per-account figures with segments from the segment column or the tier at D0', () => {
    const byId = Object.fromEntries(model.accounts.map((a) => [a.id, a]));
    expect(model.accounts.map((a) => a.id)).toEqual(['A', 'B', 'C', 'D', 'E', 'G']);
    expect(byId.A).toMatchObject({ name: 'Acme', startArr: 12000, endArr: 18000, tierStart: 'Tech Touch', tierEnd: 'Low Touch', segment: 'Enterprise', segmentColumn: 'Enterprise', owner: 'Kim', seats: 10, renewalDate: '2025-03-01', strategicValue: 'Transactional' });
    expect(byId.B).toMatchObject({ startArr: 6000, endArr: 0, segment: 'SMB', tierStart: 'Tech Touch' });
    expect(byId.B.segmentColumn).toBeUndefined();
    expect(byId.C).toMatchObject({ startArr: 36000, endArr: 24000, segment: 'Mid-market', tierStart: 'Low Touch', tierEnd: 'Low Touch' });
    expect(byId.D).toMatchObject({ startArr: 0, endArr: 2400, segment: 'SMB', tierStart: 'Low Touch', tierEnd: 'Low Touch', complexity: 'High' });
    expect(byId.E).toMatchObject({ startArr: 0, endArr: 0, segment: 'SMB' });
    expect(byId.G).toMatchObject({ startArr: 0, endArr: 1200, tierEnd: 'Tech Touch' });
  });

  it('gives retention by segment', () => {
    expect(model.bySegment.Enterprise).toMatchObject({ cohortAccounts: 1, startArr: 12000, endArr: 18000, nrr: 1.5, grr: 1, logoRetention: 1 });
    expect(model.bySegment['Mid-market']).toMatchObject({ cohortAccounts: 1, nrr: 24000 / 36000, grr: 24000 / 36000, logoRetention: 1 });
    expect(model.bySegment.SMB).toMatchObject({ cohortAccounts: 1, startArr: 6000, endArr: 3600, nrr: 0, grr: 0, logoRetention: 0 });
    expect(model.bySegment.SMB.movements).toEqual({ starting: 6000, expansion: 0, contraction: 0, churn: 6000, new: 3600 });
  });

  it('reports skipped rows by reason and the data-quality checks', () => {
    const skipped = Object.fromEntries(model.dataQuality.skipped.map((s) => [`${s.table}: ${s.reason}`, [s.count, s.examples]]));
    expect(skipped).toEqual({
      'subscriptions: zero-length subscription': [1, ['A-3']],
      'subscriptions: unparsable date': [1, ['B-2']],
      'subscriptions: trial': [1, ['E-1']],
      'subscriptions: unknown account': [1, ['ZZ']],
      'tickets: CSAT score not an integer 1–5': [1, ['T8']],
      'tickets: unknown account': [1, ['ZZ']],
      'usage: unknown subscription': [1, ['X-9']],
      'usage: unknown account': [1, ['Z-1']],
    });
    expect(model.dataQuality.zeroLengthSubscriptions).toEqual({ count: 1, examples: ['A-3'] });
    expect(model.dataQuality.withinMonthSubscriptions).toEqual({ count: 1, examples: ['D-2'] });
    expect(model.dataQuality.churnedButActive).toEqual({ count: 1, examples: ['C'] });
    expect(model.dataQuality.overlappingSubscriptions.count).toBe(4);
    expect([...model.dataQuality.overlappingSubscriptions.examples].sort()).toEqual(['A-1', 'A-2', 'D-1', 'D-2']);
  });

  it('keeps the cleaned events for other tabs', () => {
    expect(model.inputs).toEqual({ accounts: true, subscriptions: true, tickets: true, usage: true, churnEvents: true });
    expect(model.data.usage!.count).toBe(2);
    expect(model.data.usage!.features).toEqual(['export']);
    expect(Array.from(model.data.usage!.account)).toEqual([0, 4]); // A, and E through its trial subscription
    expect(model.data.tickets!.count).toBe(8);
    expect(Array.from(model.data.tickets!.escalated)).toEqual([0, 1, 0, 0, 0, 0, 0, 0]);
    expect(model.columns.subscriptions!.columns.plan).toBe(4);
    expect(model.currency).toBeNull();
    expect(model.period).toEqual({ from: '2024-01-01', to: '2025-01-01', asOf: '2024-12-31', months: 12 });
  });

  it('defaults the period from the latest start or end date in the subscriptions table', () => {
    // Latest date: G-2 starts 2024-10-05 → D1 2024-11-01, D0 2023-11-01.
    const d = buildReportModel(smallTables());
    expect(d.period).toEqual({ from: '2023-11-01', to: '2024-11-01', asOf: '2024-10-31', months: 12 });
    expect(d.metrics.cohortAccounts).toBe(3);
    expect(Object.keys(d.metrics.mrrByMonth)).toEqual(['2023-11', '2023-12', '2024-01', '2024-02', '2024-03', '2024-04', '2024-05', '2024-06', '2024-07', '2024-08', '2024-09', '2024-10']);
  });

  it('is null where the input was not given or the base is empty', () => {
    const t = smallTables();
    const noTickets = periodMetrics({ subscriptions: t.subscriptions }, { from: '2024-01-01', to: '2025-01-01' });
    expect(noTickets.csat).toBeNull();
    expect(noTickets.csatMean).toBeNull();
    const noCohort = periodMetrics(t, { from: '2022-01-01', to: '2022-06-01' });
    expect(noCohort.cohortAccounts).toBe(0);
    expect(noCohort.nrr).toBeNull();
    expect(noCohort.grr).toBeNull();
    expect(noCohort.logoRetention).toBeNull();
    expect(noCohort.csat).toBeNull();
  });

  it('without an accounts table, keeps every subscription account and compares ids case-insensitively', () => {
    const t = smallTables();
    const mm = buildReportModel({ subscriptions: t.subscriptions }, { from: '2024-01-01', to: '2025-01-01' });
    expect(mm.accounts.map((a) => a.id)).toEqual(['A', 'B', 'C', 'd', 'E', 'G', 'ZZ']); // the id as first written
    expect(mm.metrics.cohortAccounts).toBe(4); // ZZ (11,988 → 11,988) joins the cohort
    expect(mm.metrics.startArr).toBe(54000 + 11988);
  });

  it('uses the accounts table ARR columns when there is no subscriptions table', () => {
    const accounts = { source: 'a.csv', headers: ['id', 'Start ARR', 'End ARR', 'Segment'], rows: [['x', '$1,000', '$1,100', 'MM'], ['y', '500', '0', 'Midmarket'], ['z', '', '$400', 'High Touch']] };
    const mm = buildReportModel({ accounts }, { from: '2024-01-01', to: '2025-01-01' });
    expect(mm.metrics.nrr).toBeCloseTo(1100 / 1500, 12);
    expect(mm.metrics.movements).toEqual({ starting: 1500, expansion: 100, contraction: 0, churn: 500, new: 400 });
    expect(mm.currency).toBe('$');
    expect(mm.accounts.map((a) => a.segment)).toEqual(['Mid-market', 'Mid-market', 'Enterprise']);
    expect(mm.metrics.mrrByMonth).toEqual({});
  });
});

describe('segmentFromText', () => {
  it.each([
    ['Enterprise', 'Enterprise'], ['ent', 'Enterprise'], ['High Touch', 'Enterprise'],
    ['Mid-market', 'Mid-market'], ['Mid market', 'Mid-market'], ['Midmarket', 'Mid-market'], ['MM', 'Mid-market'], ['low touch', 'Mid-market'],
    ['SMB', 'SMB'], ['Small business', 'SMB'], [' tech touch ', 'SMB'],
    ['Startup', undefined], ['', undefined],
  ])('%p → %p', (text, seg) => {
    expect(segmentFromText(text)).toBe(seg);
  });
});
