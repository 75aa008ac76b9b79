/** Public surface of the core package. */
export * from './errors';
export * from './dates';
export * from './normalise';
export * from './functions';
export * from './registry';
