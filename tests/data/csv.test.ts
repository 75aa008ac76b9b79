import fc from 'fast-check';
import { detectDelimiter, parseCsv, parseCsvRows } from '../../core/src/data/csv';
import { rowCountOf, rowNumberOf, rowOf } from '../../core/src/data/model';

describe('parseCsv (RFC 4180)', () => {
  it('splits plain rows and takes the first as header', () => {
    const t = parseCsv('a,b,c\n1,2,3\n4,5,6\n', 'x.csv');
    expect([t.source, t.headers, t.rows]).toEqual(['x.csv', ['a', 'b', 'c'], [['1', '2', '3'], ['4', '5', '6']]]);
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
    const empty = parseCsv('', 'e.csv');
    expect([empty.source, empty.headers, empty.rows, rowCountOf(empty)]).toEqual(['e.csv', [], [], 0]);
    expect(parseCsv('\ufeff', 'e.csv').headers).toEqual([]);
  });

  it('parses 200,000 rows, read one at a time (rowAt) or all at once (rows)', () => {
    const line = 'S-000001,A-000001,2024-01-01,,Pro,"Note, with comma",833,9996,FALSE\n';
    const text = 'a,b,c,d,e,f,g,h,i\n' + line.repeat(200_000);
    const t = parseCsv(text, 'big.csv');
    expect(rowCountOf(t)).toBe(200_000);
    const want = ['S-000001', 'A-000001', '2024-01-01', '', 'Pro', 'Note, with comma', '833', '9996', 'FALSE'];
    expect(rowOf(t, 199_999)).toEqual(want);
    expect(rowOf(t, 0)).toEqual(want);
    expect(t.rows.length).toBe(200_000);
    expect(t.rows[199_999]).toEqual(want);
    expect(rowOf(t, 7)).toBe(t.rows[7]); // once built, rows are the ones rowAt gives
  });
});

describe('rows read lazily', () => {
  it('give the same cells as parsing every row, for every kind of field', () => {
    const text =
      '\ufeffid,"quoted, header",x\r\n' +
      'a,"b ""c""",d\r\n' +
      '\r\n' +
      '"multi\nline",,"tail"after\n' +
      'short\n' +
      'trailing,comma,\n' +
      '"open,ended';
    const t = parseCsv(text, 't.csv');
    const all = parseCsvRows(text);
    expect(t.headers).toEqual(['id', 'quoted, header', 'x']);
    expect(all.slice(1)).toEqual([['a', 'b "c"', 'd'], ['multi\nline', '', 'tailafter'], ['short'], ['trailing', 'comma', ''], ['open,ended']]);
    expect(Array.from({ length: rowCountOf(t) }, (_, i) => rowOf(t, i))).toEqual(all.slice(1));
  });
});

/** A plain character-by-character reading of the rules in csv.ts's header, to check the fast parser against. */
function referenceRows(text: string): string[][] | 'unclosed' {
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  const n = text.length;
  const endRow = () => {
    if (!(row.length === 1 && row[0] === '' && !quotedEmpty)) rows.push(row);
    row = [];
  };
  let quotedEmpty = false; // a row holding only "" is not a blank line
  while (i < n) {
    let value = '';
    quotedEmpty = false;
    if (text[i] === '"') {
      const rest = text.slice(i + 1);
      i++;
      let closed = false;
      while (i < n) {
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            value += '"';
            i += 2;
            continue;
          }
          i++;
          closed = true;
          break;
        }
        value += text[i++];
      }
      if (!closed) {
        // Never closed: an error if a line break with anything after it would be swallowed.
        const br = rest.search(/[\r\n]/);
        if (br >= 0 && rest.slice(br).trim() !== '') return 'unclosed';
      }
      if (closed) while (i < n && text[i] !== ',' && text[i] !== '\n' && text[i] !== '\r') value += text[i++];
      quotedEmpty = true;
    } else {
      while (i < n && text[i] !== ',' && text[i] !== '\n' && text[i] !== '\r') value += text[i++];
    }
    row.push(value);
    if (i >= n) break;
    const c = text[i++];
    if (c === ',') {
      if (i >= n) row.push('');
      continue;
    }
    if (c === '\r' && text[i] === '\n') i++;
    endRow();
  }
  if (row.length > 0) endRow();
  return rows;
}

describe('the CSV parser against a plain reference reading', () => {
  it('agrees on 10,000 random texts of quotes, delimiters and line ends', () => {
    const piece = fc.constantFrom('a', 'b', ' ', ',', '"', '""', '\n', '\r', '\r\n', ';');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), (pieces) => {
        const text = pieces.join('');
        const want = referenceRows(text);
        if (want === 'unclosed') {
          expect(() => parseCsv(text, 'p.csv', { delimiter: ',' })).toThrow(/^p\.csv: row \d+: a quoted field opens there and never closes/);
          return;
        }
        const t = parseCsv(text, 'p.csv', { delimiter: ',' });
        const all = parseCsvRows(text, { delimiter: ',' });
        expect(all).toEqual(want);
        expect(Array.from({ length: rowCountOf(t) }, (_, i) => rowOf(t, i))).toEqual(all.slice(1));
      }),
      { numRuns: 10_000 },
    );
  });
});

describe('row numbers and broken quotes', () => {
  it('numbers rows as a spreadsheet opening the file does: blank lines count, a multi-line field is one row', () => {
    const t = parseCsv('\n\nid,note\nA,"two\nlines"\n\nB,x\r\n\r\nC,y', 'n.csv');
    expect(t.headers).toEqual(['id', 'note']);
    expect(t.headerRow).toBe(3);
    expect([0, 1, 2].map((i) => [rowOf(t, i)[0], rowNumberOf(t, i)])).toEqual([['A', 4], ['B', 6], ['C', 8]]);
  });

  it('refuses a quote that never closes when later lines would vanish into it, naming its row', () => {
    const text = 'id,account\nS1,A1\n\nS2,"A2\nS3,A3\nS4,A4\n';
    expect(() => parseCsv(text, 'subs.csv')).toThrow(
      'subs.csv: row 4: a quoted field opens there and never closes, so every later line would be read into that one cell',
    );
    // On the last line it only runs to the end of the text, as spreadsheets read it.
    expect(parseCsv('id,note\nS1,"open\n', 'last.csv').rows).toEqual([['S1', 'open\n']]);
  });
});
