/** The normaliser: host argument shapes → clean values. See readers.ts and cells.ts. */
export { parseNumberText, type ParsedNumberText } from './number-text';
export {
  normaliseCell,
  cellErrorFromCode,
  errorFromHostObject,
  displayValue,
  BLANK,
  type Cell,
  type NormaliseOptions,
} from './cells';
export {
  toGrid,
  shapeText,
  checkSameShape,
  positionOf,
  CallContext,
  readCountedList,
  readPositionalList,
  readNumberCell,
  readSum,
  singleValue,
  readScalarNumber,
  readOptionalNumber,
  readRequiredNumber,
  readWord,
  readDate,
  readColumn,
  readPerRow,
  isBlank,
  type Grid,
  type PositionalList,
  type NumberRules,
} from './readers';
