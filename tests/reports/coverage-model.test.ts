import { buildAllTabs, buildCoverageModel } from '../../core/src/reports';
import { FORMATS } from '../../core/src/reports/tab-model';
import { fieldCaseF12, sevenAccounts } from './fixtures';
import { cellAt, evaluate, rowOf } from './helpers';

const D = (col: string) => `{{sheet:data}}!$${col}$6:$${col}$12`;
const TIER_END = D('F');
const END = D('H');
const OWNER = D('D');

describe('Coverage Model (seven accounts)', () => {
  const tab = buildCoverageModel(sevenAccounts());

  it('counts accounts with ARR > 0 at the end per tier, with their ARR and share, as formulas over Data', () => {
    expect(tab.key).toBe('coverage-model');
    expect(tab.frozenRows).toBe(6);
    expect(['A7', 'A8', 'A9', 'A10'].map((a) => cellAt(tab, a)?.value)).toEqual(['High Touch', 'Low Touch', 'Tech Touch', 'Total']);
    expect(cellAt(tab, 'B8')).toEqual({
      formula: `COUNTIFS(${TIER_END},"Low Touch",${END},">0")`,
      expected: 3,
      format: FORMATS.integer,
    });
    expect(cellAt(tab, 'C8')).toEqual({
      formula: `SUMIFS(${END},${TIER_END},"Low Touch",${END},">0")`,
      expected: 160_000,
      format: FORMATS.currency,
    });
    // The churned account A4 sits in Tech Touch with 0 ARR and is not counted.
    expect(cellAt(tab, 'B9')?.expected).toBe(2);
    expect(cellAt(tab, 'C10')).toMatchObject({ formula: 'SUM(C7:C9)', expected: 416_000, style: 'total' });
    expect(cellAt(tab, 'D7')).toEqual({ formula: 'IF($C$10=0,"",C7/$C$10)', expected: 240 / 416, format: FORMATS.percent });
  });

  it('gives CSM FTE at both ends of the playbook range and at the editable planning ratio', () => {
    expect([cellAt(tab, 'E7')?.value, cellAt(tab, 'F7')?.value]).toEqual([10, 25]);
    expect([cellAt(tab, 'E8')?.value, cellAt(tab, 'F8')?.value]).toEqual([50, 100]);
    expect([cellAt(tab, 'E9')?.value, cellAt(tab, 'F9')?.value]).toEqual([500, 1000]);
    expect(cellAt(tab, 'G8')).toMatchObject({ formula: 'B8/E8', expected: 3 / 50 });
    expect(cellAt(tab, 'H8')).toMatchObject({ formula: 'B8/F8', expected: 3 / 100 });
    expect(['I7', 'I8', 'I9'].map((a) => cellAt(tab, a))).toEqual([
      { value: 17.5, format: FORMATS.decimal1, style: 'input' },
      { value: 75, format: FORMATS.decimal1, style: 'input' },
      { value: 500, format: FORMATS.decimal1, style: 'input' },
    ]);
    expect(cellAt(tab, 'J7')).toMatchObject({ formula: 'IF(I7>0,B7/I7,"")', expected: 1 / 17.5 });
  });

  it('costs the planning FTE at the loaded-cost input (an assumption to replace) against the playbook band', () => {
    const costRow = rowOf(tab, 'Loaded cost per CSM FTE');
    expect(tab.rows[costRow][1]).toEqual({ value: 150_000, format: FORMATS.currency, style: 'input' });
    expect(tab.rows[costRow][2]?.value).toMatch(/Assumption.*Replace it/);
    const costRef = `$B$${costRow + 1}`;
    expect(cellAt(tab, 'K8')).toMatchObject({ formula: `IF(J8="","",J8*${costRef})`, expected: 6_000 });
    expect(cellAt(tab, 'L8')).toMatchObject({ formula: 'IF(OR(K8="",C8=0),"",K8/C8)', expected: 0.0375, format: FORMATS.percent });
    // High: (1 / 17.5 × 150,000) / 240,000 ≈ 3.6% → Below 15–25%; Low 3.75% → Below 5–10%; Tech 600 / 16,000 = 3.75% → Above 3%.
    expect(cellAt(tab, 'O7')).toEqual({
      formula: 'IF(L7="","",IF(L7<M7,"Below",IF(L7>N7,"Above","Within")))',
      expected: 'Below',
    });
    expect(cellAt(tab, 'O8')?.expected).toBe('Below');
    expect(cellAt(tab, 'O9')).toEqual({ formula: 'IF(L9="","",IF(L9<N9,"Within","Above"))', expected: 'Above' });
    const bands = tab.conditionalFormats.filter((f) => f.range === 'O7:O9');
    expect(bands.map((f) => f.kind === 'textEquals' && f.text).sort()).toEqual(['Above', 'Below', 'Within']);
  });

  it('shows touch frequency and motions per tier in their own table below the figures', () => {
    // The tier table ends at O ("Against band"); the touch model is a table of its own.
    expect(tab.rows[5].length).toBe(15);
    expect(cellAt(tab, 'O6')?.value).toBe('Against band');
    const section = rowOf(tab, 'Touch model by tier (playbook)');
    expect([0, 1, 4].map((c) => tab.rows[section + 1][c]?.value)).toEqual(['Tier', 'Touch frequency', 'Motions']);
    const high = tab.rows[section + 2];
    expect([high[0]?.value, high[1]?.value, high[4]?.value]).toEqual([
      'High Touch',
      'Weekly to monthly',
      'Dedicated CSM, executive business reviews, custom success plan',
    ]);
    expect(tab.rows[section + 3][1]?.value).toBe('Monthly to quarterly');
    expect(tab.rows[section + 4][0]?.value).toBe('Tech Touch');
    expect(tab.rows[section + 4][4]?.value).toMatch(/Automated journeys/);
  });

  it('computes each CSM’s load in FTE from their accounts per tier over the planning ratios', () => {
    const alice = rowOf(tab, 'Alice');
    const r = alice + 1;
    expect(tab.rows[alice - 1][4]).toEqual({ value: 'Load (FTE)', style: 'header' });
    // "alice" (A7) is the same CSM as "Alice": a spreadsheet compares text without case.
    expect(cellAt(tab, `B${r}`)?.formula).toBe(
      `SUMPRODUCT((${OWNER}=$A${r})*(${TIER_END}="High Touch")*(${END}>0))`,
    );
    expect([1, 2, 3].map((c) => tab.rows[alice][c]?.expected)).toEqual([1, 1, 1]);
    expect(cellAt(tab, `E${r}`)).toMatchObject({ formula: `B${r}/$I$7+C${r}/$I$8+D${r}/$I$9`, expected: 1 / 17.5 + 1 / 75 + 1 / 500 });
    expect(cellAt(tab, `F${r}`)).toEqual({ formula: `IF(E${r}>1,"Overloaded","OK")`, expected: 'OK' });
    // Bob's churned account (A4) does not load him.
    expect(tab.rows[rowOf(tab, 'Bob')].slice(1, 4).map((c) => c?.expected)).toEqual([0, 1, 1]);
    // The unowned new logo is shown, but not as a CSM.
    const none = tab.rows[rowOf(tab, '(no owner)')];
    expect(none[2]?.expected).toBe(1);
    expect(none[5]?.formula).toBeUndefined();
    expect(tab.conditionalFormats).toContainEqual(expect.objectContaining({ kind: 'textEquals', range: `F${r}:F${r + 1}`, text: 'Overloaded' }));
    expect(tab.conditionalFormats).toContainEqual(expect.objectContaining({ kind: 'formula', range: `E${r}:E${r + 1}`, formula: `E${r}>1` }));
  });

  it('has a chart of ARR by tier over the tier rows', () => {
    expect(tab.charts).toEqual([
      expect.objectContaining({ kind: 'column', categories: 'A7:A9', series: [{ name: 'ARR', values: 'C7:C9' }] }),
    ]);
  });
});

describe('Coverage Model options and edge cases', () => {
  it('flags a CSM as Overloaded above 1.0 FTE when the planning ratio is tight', () => {
    const model = sevenAccounts();
    const tab = buildCoverageModel(model, { planningRatios: { 'High Touch': 1 }, loadedCsmCost: 100_000 });
    const alice = rowOf(tab, 'Alice');
    expect(tab.rows[alice][4]?.expected).toBeCloseTo(1 + 1 / 75 + 1 / 500, 12);
    expect(tab.rows[alice][5]?.expected).toBe('Overloaded');
    expect(cellAt(tab, 'I7')?.value).toBe(1);
    expect(cellAt(tab, 'K7')?.expected).toBe(100_000);
    const tabs = buildAllTabs(model, { coverage: { planningRatios: { 'High Touch': 1 } } });
    const value = evaluate(tabs, { arrayArithmetic: true });
    expect(value(tabs[0], alice, 5)).toBe('Overloaded');
  });

  it('says that no owner column was mapped when no account has an owner', () => {
    const tab = buildCoverageModel(fieldCaseF12());
    const section = rowOf(tab, 'CSM load (accounts with ARR above 0 at period end, by owner)');
    expect(tab.rows[section + 1][0]).toMatchObject({ style: 'note' });
    expect(tab.rows[section + 1][0]?.value).toMatch(/No owner \(CSM\) column was mapped/);
    expect(tab.rows.some((row) => row[0]?.value === 'CSM / owner')).toBe(false);
    expect(tab.conditionalFormats.every((f) => f.range === 'O7:O9')).toBe(true);
  });

  it('leaves share and cost to serve blank for tiers without ARR', () => {
    const tab = buildCoverageModel(fieldCaseF12());
    expect(cellAt(tab, 'L7')?.expected).toBe('');
    expect(cellAt(tab, 'O7')?.expected).toBe('');
    expect(cellAt(tab, 'D7')?.expected).toBe(0);
    expect(cellAt(tab, 'D9')?.expected).toBe(1);
  });
});
