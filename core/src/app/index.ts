/** The host-neutral pane logic shared by the Excel task pane and the Sheets sidebar. */
export * from './pane';
export {
  planTab,
  planTabs,
  hostLiteral,
  hostFormula,
  needsQuotePrefix,
  storedText,
  STYLE_LOOKS,
  LOOK_COLORS,
  hexColor,
  markerName,
  keyOfMarkerName,
  markerFormula,
  sheetOfMarkerFormula,
  MARKER_NAME_PREFIX,
  DEFAULT_BLOCK_CELLS,
  DEFAULT_BLOCK_CHARS,
} from '../reports/render-plan';
export type { RenderPlan, RowBlock, RenderPlanOptions, HostValue, StyleLook, PlannedChart, PlannedConditionalFormat, PlannedDropdown, Runs } from '../reports/render-plan';
export type { ExistingTab, TabNameDecision } from '../reports/tab-names';
export type { TabDescription } from '../reports/tab-model';
export type { ColumnOverrides, ColumnOverride, FieldName } from '../data/columns';
export type { InputTables, RawTable, TableKind } from '../data/model';
