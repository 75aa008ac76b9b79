/**
 * The generated tabs, in the order they are written. To add a tab: write a builder file that
 * returns a TabDescription and add one entry to TAB_BUILDERS.
 */
import type { ReportModel } from '../data/model';
import type { TabDescription } from './tab-model';
import { BOARD_KEY, BOARD_TITLE, buildBoardReport } from './board-report';
import { COVERAGE_KEY, COVERAGE_TITLE, buildCoverageModel } from './coverage-model';
import type { CoverageOptions } from './coverage-model';
import { DATA_KEY, DATA_TITLE, buildDataTab } from './data-tab';
import { DEFINITIONS_KEY, DEFINITIONS_TITLE, buildDefinitions } from './definitions';
import { HEALTH_KEY, HEALTH_TITLE, buildHealthScores } from './health-scores';
import { MRR_MOVEMENTS_KEY, MRR_MOVEMENTS_TITLE, buildMrrMovements } from './mrr-movements';
import { COHORTS_KEY, COHORTS_TITLE, buildCohorts } from './cohorts';
import { QBR_KEY_PREFIX, QBR_TITLE_PREFIX, buildQbr } from './qbr';
import { SUCCESS_PLAN_KEY_PREFIX, SUCCESS_PLAN_TITLE_PREFIX, buildSuccessPlan } from './success-plan';
import { findAccountRow } from '../data/account-activity';

export interface BuildOptions {
  coverage?: CoverageOptions;
  /**
   * Account ids (compared case-insensitively, trimmed) to build a "QBR - <name>" and a
   * "Success Plan - <name>" tab for, in this order, after Cohorts and before Definitions.
   * An id that matches no account throws InputError "--qbr <id>: no account with that id".
   */
  qbrAccountIds?: string[];
}

export interface TabBuilder {
  /** Stable key of the tab kind; also the generated marker renderers record. */
  key: string;
  /** The wanted tab name, as listed in task panes and the CLI. */
  title: string;
  build: (model: ReportModel, options?: BuildOptions) => TabDescription;
}

export const TAB_BUILDERS: readonly TabBuilder[] = [
  { key: COVERAGE_KEY, title: COVERAGE_TITLE, build: (m, o) => buildCoverageModel(m, o?.coverage) },
  { key: BOARD_KEY, title: BOARD_TITLE, build: (m) => buildBoardReport(m) },
  { key: HEALTH_KEY, title: HEALTH_TITLE, build: (m) => buildHealthScores(m) },
  { key: MRR_MOVEMENTS_KEY, title: MRR_MOVEMENTS_TITLE, build: (m) => buildMrrMovements(m) },
  { key: COHORTS_KEY, title: COHORTS_TITLE, build: (m) => buildCohorts(m) },
  { key: DEFINITIONS_KEY, title: DEFINITIONS_TITLE, build: (m) => buildDefinitions(m) },
  { key: DATA_KEY, title: DATA_TITLE, build: (m) => buildDataTab(m) },
];

/** A tab built once per account (QBR, Success Plan): keys are `<keyPrefix>-<account id>`. */
export interface AccountTabBuilder {
  keyPrefix: string;
  /** The tab name is "<titlePrefix> - <account name>", made legal. */
  titlePrefix: string;
  build: (model: ReportModel, accountId: string) => TabDescription;
}

export const ACCOUNT_TAB_BUILDERS: readonly AccountTabBuilder[] = [
  { keyPrefix: QBR_KEY_PREFIX, titlePrefix: QBR_TITLE_PREFIX, build: buildQbr },
  { keyPrefix: SUCCESS_PLAN_KEY_PREFIX, titlePrefix: SUCCESS_PLAN_TITLE_PREFIX, build: buildSuccessPlan },
];

/**
 * The per-account tabs for `accountIds`: for each account, its QBR then its Success Plan.
 * Every id is checked before any tab is built (InputError "--qbr <id>: no account with that id");
 * an id given twice (in any case) is built once.
 */
export function buildAccountTabs(model: ReportModel, accountIds: readonly string[]): TabDescription[] {
  const rows = accountIds.map((id) => findAccountRow(model, id));
  const seen = new Set<number>();
  const out: TabDescription[] = [];
  rows.forEach((row) => {
    if (seen.has(row)) return;
    seen.add(row);
    for (const b of ACCOUNT_TAB_BUILDERS) out.push(b.build(model, model.accounts[row].id));
  });
  return out;
}

export function buildAllTabs(model: ReportModel, options?: BuildOptions): TabDescription[] {
  // Per-account tabs first, so an unknown --qbr id fails before any other work.
  const perAccount = buildAccountTabs(model, options?.qbrAccountIds ?? []);
  const tabs = TAB_BUILDERS.map((b) => b.build(model, options));
  if (perAccount.length === 0) return tabs;
  const at = tabs.findIndex((t) => t.key === DEFINITIONS_KEY);
  tabs.splice(at < 0 ? tabs.length : at, 0, ...perAccount);
  return tabs;
}

export { buildBoardReport, buildCoverageModel, buildDataTab, buildDefinitions };
export { buildQbr, buildSuccessPlan };
export type { CoverageOptions };
export * from './tab-model';
