import { CellError } from '../../core/src/errors';
import { FUNCTIONS, FUNCTION_IDS, REGISTRY, callFunction, findFunction } from '../../core/src/registry';

/** The 20 shipped ids of spec/functions.md. Ids are contracts: this list only ever grows. */
const SHIPPED_IDS = [
  'NRR', 'GRR', 'NRR_COHORT', 'GRR_COHORT', 'LOGO_RETENTION', 'MRR_MOVEMENTS', 'QUICK_RATIO',
  'NPS', 'CSAT', 'CSAT_MEAN', 'CES',
  'CS_HEALTH', 'CS_HEALTH_BAND',
  'CS_TIER', 'CSM_HEADCOUNT', 'COST_TO_SERVE', 'COST_TO_SERVE_CHECK',
  'CS_BENCHMARK', 'NRR_TARGET',
  'TIME_TO_VALUE',
];
const VECTORISED = ['CS_TIER', 'CS_HEALTH', 'CS_HEALTH_BAND', 'TIME_TO_VALUE', 'CS_BENCHMARK'];
const EXCEL_BLANK_NOTE = ['NPS', 'CSAT', 'CSAT_MEAN', 'CES', 'CS_HEALTH'];

describe('the registry', () => {
  it('lists exactly the 20 shipped ids, once each', () => {
    expect([...FUNCTION_IDS].sort()).toEqual([...SHIPPED_IDS].sort());
    expect(new Set(FUNCTION_IDS).size).toBe(20);
    expect(FUNCTIONS).toBe(REGISTRY);
  });

  it('uses ids that are valid in both hosts', () => {
    for (const id of FUNCTION_IDS) {
      expect(id).toMatch(/^[A-Z][A-Z0-9_]{2,127}$/); // Excel: letter first, ≥ 3 chars
      expect(id).not.toMatch(/_$/); // Sheets: a trailing _ marks a private function
      expect(id).not.toMatch(/^[A-Z]{1,3}[0-9]+$/); // not a cell address
    }
  });

  describe.each(REGISTRY.map((f) => [f.id, f] as const))('%s', (id, spec) => {
    it('has a one-line summary and a described return', () => {
      expect(spec.summary.length).toBeGreaterThan(10);
      expect(spec.summary).not.toMatch(/\n/);
      expect(spec.returns.description.length).toBeGreaterThan(5);
    });
    it('describes every parameter, with optional ones after required ones', () => {
      expect(spec.params.length).toBeGreaterThan(0);
      let seenOptional = false;
      for (const p of spec.params) {
        expect(p.name).toMatch(/^[a-z_]+$/);
        expect(p.description.length).toBeGreaterThan(5);
        if (p.optional) seenOptional = true;
        else expect(seenOptional).toBe(false);
        if (p.default !== undefined) expect(p.optional).toBe(true);
      }
      expect(new Set(spec.params.map((p) => p.name)).size).toBe(spec.params.length);
    });
    it('has an example whose impl, applied to its inline args, gives the stated result', () => {
      expect(spec.example.formula.startsWith(`=${id}(`)).toBe(true);
      expect(spec.example.args.length).toBeLessThanOrEqual(spec.params.length);
      const result = spec.impl(...spec.example.args);
      expect(result).not.toBeInstanceOf(CellError);
      const expected = spec.example.result;
      if (typeof expected === 'number') expect(result as number).toBeCloseTo(expected, 12);
      else expect(result).toEqual(expected);
    });
    it('declares vectorisation, the spill shape and the host notes the spec requires', () => {
      expect(spec.vectorised).toBe(VECTORISED.includes(id));
      if (spec.vectorised) {
        expect(spec.returns.type).toBe('matrix');
        expect(spec.spill && 'rowsFrom' in spec.spill).toBe(true);
        expect(spec.hostNotes.some((n) => n.host === 'sheets' && /error/.test(n.note))).toBe(true);
      }
      if (id === 'MRR_MOVEMENTS') expect(spec.spill).toEqual({ fixed: [5, 2] });
      expect(spec.hostNotes.some((n) => n.host === 'excel' && /blank/.test(n.note))).toBe(EXCEL_BLANK_NOTE.includes(id));
    });
    it('matches the example result shape to its return type', () => {
      if (spec.returns.type === 'matrix') expect(Array.isArray(spec.example.result)).toBe(true);
      else expect(typeof spec.example.result).toBe(spec.returns.type);
    });
  });

  it('finds functions case-insensitively and calls them with host options', () => {
    expect(findFunction(' nps ')?.id).toBe('NPS');
    expect(callFunction('TIME_TO_VALUE', [new Date('2024-03-10T05:00:00Z'), new Date('2024-03-11T04:00:00Z')], { timeZone: 'America/New_York' })).toEqual([[1]]);
    expect(() => callFunction('NOPE', [])).toThrow('unknown function NOPE');
  });

  it('turns an unexpected exception into #VALUE! instead of throwing', () => {
    const hostile = new Proxy([], { get: () => { throw new Error('boom'); } });
    const result = findFunction('NPS')!.impl(hostile);
    expect(result).toBeInstanceOf(CellError);
  });
});
