import { parseFlag } from '../../core/src/data/flags';

describe('parseFlag', () => {
  it.each([
    ['TRUE', true], ['True', true], ['true', true], [' yes ', true], ['Yes', true], ['1', true], [1, true], [true, true],
    ['FALSE', false], ['False', false], ['no', false], ['NO', false], ['0', false], [0, false], [false, false],
  ])('%p → %p', (input, expected) => {
    expect(parseFlag(input)).toBe(expected);
  });
  it('blank is null, other text is undefined', () => {
    expect(parseFlag('')).toBeNull();
    expect(parseFlag('  ')).toBeNull();
    expect(parseFlag(null)).toBeNull();
    expect(parseFlag(undefined)).toBeNull();
    expect(parseFlag('maybe')).toBeUndefined();
    expect(parseFlag(2)).toBeUndefined();
  });
});
