/**
 * The QBR and Success Plan tabs of a RavenStack account, rendered to .xlsx and recalculated by
 * LibreOffice: every formula must equal core's figure (as tests/xlsx/demo-workbook.test.ts does
 * for the demo's tabs, which will include these once the CLI passes --qbr).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderWorkbookWithResult } from '../../cli/src/xlsx/render-workbook';
import { buildAllTabs } from '../../core/src/reports';
import { checkFormulas } from '../helpers/formula-check';
import { recalculate } from '../helpers/libreoffice';
import { ravenstackModel } from '../helpers/ravenstack';

jest.setTimeout(180_000);

it('recalculates the QBR and Success Plan of RavenStack accounts to core’s figures in LibreOffice', async () => {
  const model = ravenstackModel();
  // A-dcc3f1 has the most tickets in 2024; A-2e4581 signed up late in 2024.
  const tabs = buildAllTabs(model, { qbrAccountIds: ['A-dcc3f1', 'A-2e4581'] }).filter(
    (t) => t.key === 'data' || t.key.startsWith('qbr-') || t.key.startsWith('success-plan-'),
  );
  expect(tabs.map((t) => t.name)).toEqual(['QBR - Company_314', 'Success Plan - Company_314', 'QBR - Company_0', 'Success Plan - Company_0', 'Data']);
  const dir = mkdtempSync(join(tmpdir(), 'qbr-lo-'));
  try {
    const out = join(dir, 'qbr.xlsx');
    const result = await renderWorkbookWithResult(tabs, out);
    const names = result.tabs.map((t) => t.name);
    const sheets = await recalculate(out);
    const { checked, mismatches } = checkFormulas(tabs, names, sheets);
    expect(mismatches).toEqual([]);
    expect(checked).toBeGreaterThan(100);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
