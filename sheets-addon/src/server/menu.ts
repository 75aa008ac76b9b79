/**
 * Add-on lifecycle (platform-facts §3.2). onOpen runs in AuthMode.NONE when the add-on is installed
 * but not yet used in this document: it may only build the menu (no document data, no properties),
 * so it touches nothing else in ANY mode. onInstall runs onOpen so the menu appears at once.
 */
export const SIDEBAR_FILE = 'Sidebar';
export const SIDEBAR_TITLE = 'CS Sheets';

export function onOpen(_e?: GoogleAppsScript.Events.SheetsOnOpen | { authMode?: unknown }): void {
  SpreadsheetApp.getUi().createAddonMenu().addItem('Open CS Sheets', 'showSidebar').addToUi();
}

export function onInstall(e?: GoogleAppsScript.Events.AddonOnInstall | { authMode?: unknown }): void {
  onOpen(e as { authMode?: unknown });
}

/** Menu handler: the sidebar (sheets-addon/dist/Sidebar.html, JS and CSS inlined). */
export function showSidebar(): void {
  const html = HtmlService.createHtmlOutputFromFile(SIDEBAR_FILE).setTitle(SIDEBAR_TITLE);
  SpreadsheetApp.getUi().showSidebar(html);
}
