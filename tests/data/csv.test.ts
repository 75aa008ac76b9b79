import { detectDelimiter, parseCsv, parseCsvRows } from '../../core/src/data/csv';

describe('parseCsv (RFC 4180)', () => {
  it('splits plain rows and takes the first as header', () => {
    const t = parseCsv('a,b,c\n1,2,3\n4,5,6\n', 'x.csv');
    expect(t).toEqual({ source: 'x.csv', headers: ['a', 'b', 'c'], rows: [['1', '2', '3'], ['4', '5', '6']] });
  });

  it('keeps commas, line breaks and doubled quotes inside quoted fields', () => {
    const rows = parseCsvRows('id,note\n1,"Hello, world"\n2,"say ""hi"""\n3,"two\nlines"\n4,""\n');
    expect(rows).toEqual([['id', 'note'], ['1', 'Hello, world'], ['2', 'say "hi"'], ['3', 'two\nlines'], ['4', '']]);
  });

  it('strips a leading byte-order mark from the first header', () => {
    const t = parseCsv('\ufeffaccount_id,mrr\r\nA,1\r\n', 'bom.csv');
    expect(t.headers).toEqual(['account_id', 'mrr']);
    expect(t.rows).toEqual([['A', '1']]);
  });

  it('handles CRLF, LF and lone CR line ends, with or without a trailing line end', () => {
    expect(parseCsvRows('a,b\r\n1,2\r\n3,4')).toEqual([['a', 'b'], ['1', '2'], ['3', '4']]);
    expect(parseCsvRows('a,b\r1,2\r')).toEqual([['a', 'b'], ['1', '2']]);
    expect(parseCsvRows('a,b\n1,2\n\n')).toEqual([['a', 'b'], ['1', '2']]);
    expect(parseCsvRows('a,b\r\n"x\r\ny",2\r\n')).toEqual([['a', 'b'], ['x\r\ny', '2']]);
  });

  it('keeps empty fields, including a trailing one', () => {
    expect(parseCsvRows('a,b,c\n1,,\n,2,\n')).toEqual([['a', 'b', 'c'], ['1', '', ''], ['', '2', '']]);
    expect(parseCsvRows('a,b\n1,')).toEqual([['a', 'b'], ['1', '']]);
  });

  it('skips blank lines in the middle', () => {
    expect(parseCsvRows('a\n1\n\n2\n')).toEqual([['a'], ['1'], ['2']]);
  });

  it('is lenient: text after a closing quote is kept, an unterminated quote runs to the end', () => {
    expect(parseCsvRows('a,b\n"x"y,2\n')).toEqual([['a', 'b'], ['xy', '2']]);
    expect(parseCsvRows('a,b\n1,"open')).toEqual([['a', 'b'], ['1', 'open']]);
  });

  it('detects ";" and tab delimiters from the header line, comma otherwise', () => {
    expect(detectDelimiter('a;b;c\n1,5;2;3')).toBe(';');
    expect(detectDelimiter('a\tb\n1\t2')).toBe('\t');
    expect(detectDelimiter('"a;x",b\n')).toBe(',');
    expect(parseCsvRows('id;mrr\nA;"1,5"\n')).toEqual([['id', 'mrr'], ['A', '1,5']]);
  });

  it('parses an empty text as an empty table', () => {
    expect(parseCsv('', 'e.csv')).toEqual({ source: 'e.csv', headers: [], rows: [] });
    expect(parseCsv('\ufeff', 'e.csv').headers).toEqual([]);
  });

  it('parses 200,000 rows, sharing equal cells of a column', () => {
    const line = 'S-000001,A-000001,2024-01-01,,Pro,"Note, with comma",833,9996,FALSE\n';
    const text = 'a,b,c,d,e,f,g,h,i\n' + line.repeat(200_000);
    const t = parseCsv(text, 'big.csv');
    expect(t.rows.length).toBe(200_000);
    expect(t.rows[199_999]).toEqual(['S-000001', 'A-000001', '2024-01-01', '', 'Pro', 'Note, with comma', '833', '9996', 'FALSE']);
    expect(t.rows[0][2]).toBe(t.rows[199_999][2]);
  });
});

describe('interning', () => {
  it('gives the same values with and without interning, including columns that stop being interned', () => {
    const lines = ['id,day,flag'];
    for (let i = 0; i < 70_000; i++) lines.push(`U-${i},2024-01-${String(1 + (i % 28)).padStart(2, '0')},${i % 2 ? 'TRUE' : 'FALSE'}`);
    const text = lines.join('\n');
    const a = parseCsvRows(text);
    const b = parseCsvRows(text, { intern: false });
    expect(a).toEqual(b);
    expect(a[69_999 + 1][0]).toBe('U-69999');
  });
});
