/** The 20 spreadsheet functions of spec/functions.md, taking host-shaped arguments. */
export * from './common';
export * from './retention';
export * from './voice';
export * from './health';
export * from './segmentation';
export * from './benchmarks';
export * from './time';
