/**
 * Cell errors are values, not exceptions: a function returns a CellError and each host
 * adapter maps it to its own representation (CustomFunctions.Error in Excel, a thrown
 * Error whose message starts with the code in Sheets).
 */
export type ErrorCode = '#VALUE!' | '#DIV/0!' | '#NUM!' | '#N/A';

export class CellError {
  constructor(
    readonly code: ErrorCode,
    readonly message: string,
  ) {}

  /** The text a host shows when it cannot hold an error value: "#NUM!: ARR cannot be negative". */
  toString(): string {
    return this.message ? `${this.code}: ${this.message}` : this.code;
  }
}

export const valueError = (message: string) => new CellError('#VALUE!', message);
export const div0Error = (message: string) => new CellError('#DIV/0!', message);
export const numError = (message: string) => new CellError('#NUM!', message);
export const naError = (message: string) => new CellError('#N/A', message);

export function isCellError(x: unknown): x is CellError {
  return x instanceof CellError;
}

/**
 * Misuse of the core API by our own code (not bad cell data) throws a named error,
 * e.g. a data file whose columns cannot be mapped.
 */
export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputError';
  }
}
