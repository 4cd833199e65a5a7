import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CsvError, parseCsv, writeCsv } from './csv';

describe('parseCsv', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks', () => {
    const { rows } = parseCsv('a,b,c\n"x, y","say ""hi""","two\nlines"\n');
    expect(rows).toEqual([
      ['a', 'b', 'c'],
      ['x, y', 'say "hi"', 'two\nlines'],
    ]);
  });

  it('drops a byte order mark and accepts CRLF line ends', () => {
    const { rows } = parseCsv('\uFEFFstop_id,stop_name\r\n1,Mill Street\r\n');
    expect(rows).toEqual([
      ['stop_id', 'stop_name'],
      ['1', 'Mill Street'],
    ]);
  });

  it('skips blank lines and reports the line each row started on', () => {
    const { rows, lines } = parseCsv('h\n\n"a\nb"\nc');
    expect(rows).toEqual([['h'], ['a\nb'], ['c']]);
    expect(lines).toEqual([1, 3, 5]);
  });

  it('keeps empty fields, including a trailing one', () => {
    expect(parseCsv('a,,\n').rows).toEqual([['a', '', '']]);
  });

  it('refuses an unterminated quoted field, naming its line', () => {
    expect(() => parseCsv('a\n"open')).toThrow(CsvError);
    expect(() => parseCsv('a\n"open')).toThrow(/line 2/);
  });
});

describe('writeCsv', () => {
  it('quotes only what needs it and ends lines with CRLF', () => {
    expect(writeCsv([['a', 'b,c', 'say "x"']])).toBe('a,"b,c","say ""x"""\r\n');
  });

  it('round-trips any table of strings through parseCsv', () => {
    const cell = fc.string({ unit: fc.constantFrom('a', 'b', ' ', ',', '"', '\n', '\r\n', 'é') });
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 2, maxLength: 4 }), { minLength: 1, maxLength: 6 }), (rows) => {
        // A row of one empty field is a blank line, which CSV cannot tell from nothing.
        expect(parseCsv(writeCsv(rows)).rows).toEqual(rows);
      }),
    );
  });
});
