import { parseCsv, sofficePath } from '../helpers/libreoffice';

describe('tests/helpers/libreoffice', () => {
  it('fails loudly, with the install command, when soffice is missing', () => {
    const saved = { PATH: process.env.PATH, SOFFICE: process.env.SOFFICE };
    process.env.PATH = '/nonexistent';
    delete process.env.SOFFICE;
    try {
      expect(() => sofficePath()).toThrow(/apt-get install -y --no-install-recommends libreoffice-calc-nogui/);
    } finally {
      process.env.PATH = saved.PATH;
      if (saved.SOFFICE !== undefined) process.env.SOFFICE = saved.SOFFICE;
    }
  });

  it('finds soffice on this machine (tests that need it must not skip)', () => {
    expect(sofficePath()).toMatch(/soffice|libreoffice/);
  });

  it('parses LibreOffice CSV: quotes, doubled quotes, commas and line breaks in fields', () => {
    expect(parseCsv('a,"b ""c"", d",3\r\n"x\ny",,-500\n')).toEqual([
      ['a', 'b "c", d', '3'],
      ['x\ny', '', '-500'],
    ]);
  });
});
