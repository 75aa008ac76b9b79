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

export interface BuildOptions {
  coverage?: CoverageOptions;
  /** Accounts to build a QBR tab for (the QBR builder is not written yet; ignored until then). */
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
  { key: DEFINITIONS_KEY, title: DEFINITIONS_TITLE, build: (m) => buildDefinitions(m) },
  { key: DATA_KEY, title: DATA_TITLE, build: (m) => buildDataTab(m) },
];

export function buildAllTabs(model: ReportModel, options?: BuildOptions): TabDescription[] {
  return TAB_BUILDERS.map((b) => b.build(model, options));
}

export { buildBoardReport, buildCoverageModel, buildDataTab, buildDefinitions };
export type { CoverageOptions };
export * from './tab-model';
