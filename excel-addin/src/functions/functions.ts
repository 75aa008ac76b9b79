/**
 * Entry of excel-addin/dist/functions.js (an IIFE loaded by the shared-runtime page, taskpane.html):
 * registers every generated function with Excel. Touches nothing but `CustomFunctions`, so it also loads
 * where `Office` and the DOM are absent, and does nothing where `CustomFunctions` is absent.
 */
import { registerAll } from './functions.generated';

if (typeof CustomFunctions !== 'undefined' && typeof CustomFunctions.associate === 'function') {
  registerAll((id, fn) => CustomFunctions.associate(id, fn));
}
