/** What scripts/build-excel-functions.mjs needs, bundled in one piece: the registry and the generator. */
export { REGISTRY } from '../../../core/src/registry';
export { renderFunctionsSource, finishMetadata } from './generate';
