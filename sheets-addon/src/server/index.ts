/**
 * The Sheets add-on's server entry. Apps Script needs top-level functions: every named export here
 * becomes one in sheets-addon/dist/20_server.js (scripts/build-sheets-functions.mjs bundles this file
 * as the IIFE `CSServer` and writes `function NAME() { return CSServer.NAME.apply(this, arguments); }`
 * per export). So export ONLY entry points (triggers, menu handlers, google.script.run targets):
 * types are fine, constants and helpers are not.
 *
 * Every google.script.run target takes and returns plain JSON (no Date, no class instance) and
 * reports failure as { ok: false, error } rather than by throwing, so the sidebar shows the message.
 */
export { onOpen, onInstall, showSidebar } from './menu';
export { csListSources, csReadSource, csDetectMapping, csGenerateTabs, csSidebarInit } from './api';
export type { SourceRef, SourceList } from './sources';
export type { SidebarInit, MappingRequest, MappingResponse, GenerateRequest, GenerateResponse } from './api';
