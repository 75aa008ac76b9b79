/**
 * Hand-made report models. Every figure below was worked out by hand (see the comments),
 * not by core's kernels, so the tests check the builders' formulas against an independent answer.
 */
import type {
  AccountFigures,
  DataQualityReport,
  LoadedData,
  ReportModel,
  RetentionFigures,
} from '../../core/src/data/model';

const none = { count: 0, examples: [] as string[] };

export const INJECTION_NAME = '=HYPERLINK("http://x.test","y")';

/**
 * Seven accounts, calendar 2024:
 *   A1 Enterprise, Alice  200,000 → 240,000  expanded   (High → High)
 *   A2 Enterprise, Alice  120,000 →  90,000  contracted (High → Low)   name is a formula-looking text
 *   A3 Mid-market, Bob     50,000 →  50,000  flat       (Low → Low)    name "@Acme 1"
 *   A4 Mid-market, Bob     30,000 →       0  churned    (Low → Tech)
 *   A5 SMB, Bob            10,000 →  12,000  expanded   (Tech → Tech)
 *   A6 SMB, no owner            0 →  20,000  new logo   (Tech → Low)
 *   A7 SMB, "alice"         5,000 →   4,000  contracted (Tech → Tech)  owner differs from "Alice" only by case
 * Cohort A1–A5, A7: start 415,000; end 396,000; capped end 354,000; 5 of 6 kept.
 * Movements: expansion 40,000 + 2,000; contraction 30,000 + 1,000; churn 30,000; new 20,000.
 * Tiers at end (ARR > 0): High A1 = 240,000; Low A2, A3, A6 = 160,000; Tech A5, A7 = 16,000.
 */
export function sevenAccounts(): ReportModel {
  const accounts: AccountFigures[] = [
    acct('A1', 'Acme Corp', 'Enterprise', 'Alice', 'High Touch', 'High Touch', 200_000, 240_000),
    acct('A2', INJECTION_NAME, 'Enterprise', 'Alice', 'High Touch', 'Low Touch', 120_000, 90_000),
    acct('A3', '@Acme 1', 'Mid-market', 'Bob', 'Low Touch', 'Low Touch', 50_000, 50_000),
    acct('A4', 'Beta', 'Mid-market', 'Bob', 'Low Touch', 'Tech Touch', 30_000, 0),
    acct('A5', 'Gamma', 'SMB', 'Bob', 'Tech Touch', 'Tech Touch', 10_000, 12_000),
    acct('A6', 'Delta', 'SMB', undefined, 'Tech Touch', 'Low Touch', 0, 20_000),
    acct('A7', 'Epsilon', 'SMB', 'alice', 'Tech Touch', 'Tech Touch', 5_000, 4_000),
  ];
  const overall: RetentionFigures = {
    cohortAccounts: 6,
    startArr: 415_000,
    endArr: 416_000,
    nrr: 396_000 / 415_000,
    grr: 354_000 / 415_000,
    logoRetention: 5 / 6,
    movements: { starting: 415_000, expansion: 42_000, contraction: 31_000, churn: 30_000, new: 20_000 },
  };
  return {
    period: { from: '2024-01-01', to: '2025-01-01', asOf: '2024-12-31', months: 12 },
    accounts,
    metrics: {
      ...overall,
      period: { from: '2024-01-01', to: '2025-01-01' },
      tiers: {
        'High Touch': { accounts: 1, arr: 240_000 },
        'Low Touch': { accounts: 3, arr: 160_000 },
        'Tech Touch': { accounts: 2, arr: 16_000 },
      },
      mrrByMonth: {},
      csat: null,
      csatMean: null,
    },
    bySegment: {
      // A1 + A2: 320,000 → 330,000; capped 290,000
      Enterprise: {
        cohortAccounts: 2,
        startArr: 320_000,
        endArr: 330_000,
        nrr: 330_000 / 320_000,
        grr: 290_000 / 320_000,
        logoRetention: 1,
        movements: { starting: 320_000, expansion: 40_000, contraction: 30_000, churn: 0, new: 0 },
      },
      // A3 + A4: 80,000 → 50,000
      'Mid-market': {
        cohortAccounts: 2,
        startArr: 80_000,
        endArr: 50_000,
        nrr: 50_000 / 80_000,
        grr: 50_000 / 80_000,
        logoRetention: 0.5,
        movements: { starting: 80_000, expansion: 0, contraction: 0, churn: 30_000, new: 0 },
      },
      // A5 + A7 (A6 is new): 15,000 → 16,000; capped 14,000
      SMB: {
        cohortAccounts: 2,
        startArr: 15_000,
        endArr: 36_000,
        nrr: 16_000 / 15_000,
        grr: 14_000 / 15_000,
        logoRetention: 1,
        movements: { starting: 15_000, expansion: 2_000, contraction: 1_000, churn: 0, new: 20_000 },
      },
    },
    dataQuality: {
      skipped: [{ table: 'subscriptions', reason: 'trial subscription', count: 3, examples: ['S-9', 'S-10', 'S-11'] }],
      churnedButActive: { count: 1, examples: ['A3'] },
      overlappingSubscriptions: none,
      zeroLengthSubscriptions: { count: 2, examples: ['S-20', 'S-21'] },
      withinMonthSubscriptions: none,
    },
    currency: '$',
    inputs: { accounts: true, subscriptions: true, tickets: false, usage: false, churnEvents: true },
    ...notUsedByTheseTabs(),
  };
}

/**
 * The field case F12: A 1,000 → 1,100, B 500 → 0 (both Enterprise), C new 0 → 400 (SMB).
 * NRR = 1,100 / 1,500; GRR = 1,000 / 1,500; logo 1 / 2. Mid-market has no accounts and SMB
 * has no cohort, so their ratios are blank. No owners, 6-month period, no currency symbol.
 */
export function fieldCaseF12(): ReportModel {
  const accounts: AccountFigures[] = [
    acct('A', 'A', 'Enterprise', undefined, 'Tech Touch', 'Tech Touch', 1_000, 1_100),
    acct('B', 'B', 'Enterprise', undefined, 'Tech Touch', 'Tech Touch', 500, 0),
    acct('C', 'C', 'SMB', undefined, 'Tech Touch', 'Tech Touch', 0, 400),
  ];
  const empty: RetentionFigures = {
    cohortAccounts: 0,
    startArr: 0,
    endArr: 0,
    nrr: null,
    grr: null,
    logoRetention: null,
    movements: { starting: 0, expansion: 0, contraction: 0, churn: 0, new: 0 },
  };
  const enterprise: RetentionFigures = {
    cohortAccounts: 2,
    startArr: 1_500,
    endArr: 1_100,
    nrr: 1_100 / 1_500,
    grr: 1_000 / 1_500,
    logoRetention: 0.5,
    movements: { starting: 1_500, expansion: 100, contraction: 0, churn: 500, new: 0 },
  };
  return {
    period: { from: '2024-01-01', to: '2024-07-01', asOf: '2024-06-30', months: 6 },
    accounts,
    metrics: {
      ...enterprise,
      endArr: 1_500,
      movements: { ...enterprise.movements, new: 400 },
      period: { from: '2024-01-01', to: '2024-07-01' },
      tiers: {
        'High Touch': { accounts: 0, arr: 0 },
        'Low Touch': { accounts: 0, arr: 0 },
        'Tech Touch': { accounts: 2, arr: 1_500 },
      },
      mrrByMonth: {},
      csat: null,
      csatMean: null,
    },
    bySegment: {
      Enterprise: enterprise,
      'Mid-market': empty,
      SMB: { ...empty, endArr: 400, movements: { ...empty.movements, new: 400 } },
    },
    dataQuality: emptyQuality(),
    currency: null,
    inputs: { accounts: true, subscriptions: true, tickets: false, usage: false, churnEvents: false },
    ...notUsedByTheseTabs(),
  };
}

/** Parts of the model the Coverage, Board, Definitions and Data tabs do not read. */
function notUsedByTheseTabs(): Pick<ReportModel, 'data' | 'columns' | 'monthly' | 'cohorts'> {
  const data: LoadedData = {
    accounts: [],
    accountIndex: new Map(),
    subscriptions: null,
    tickets: null,
    usage: null,
    churnEvents: null,
    columns: {},
    skipped: [],
    zeroLength: { count: 0, examples: [] },
    latestSubscriptionDay: null,
    latestEventDay: null,
    currency: null,
  };
  return { data, columns: {}, monthly: [], cohorts: [] };
}

function emptyQuality(): DataQualityReport {
  return {
    skipped: [],
    churnedButActive: none,
    overlappingSubscriptions: none,
    zeroLengthSubscriptions: none,
    withinMonthSubscriptions: none,
  };
}

function acct(
  id: string,
  name: string,
  segment: AccountFigures['segment'],
  owner: string | undefined,
  tierStart: AccountFigures['tierStart'],
  tierEnd: AccountFigures['tierEnd'],
  startArr: number,
  endArr: number,
): AccountFigures {
  return { id, name, segment, ...(owner === undefined ? {} : { owner }), tierStart, tierEnd, startArr, endArr };
}
