/**
 * CSV as GTFS uses it (RFC 4180): comma separated, fields quoted with '"' when they hold a comma,
 * a quote or a line break, quotes doubled inside. Readers must accept a UTF-8 BOM and LF or CRLF
 * line ends; the writer emits CRLF as the RFC says.
 */

export class CsvError extends Error {
  constructor(
    message: string,
    /** 1-based line of the file the problem is on. */
    readonly line: number,
  ) {
    super(`line ${line}: ${message}`);
    this.name = 'CsvError';
  }
}

/** Parse CSV text into rows of fields. Blank lines are skipped; `lines[i]` is row i's 1-based line. */
export function parseCsv(text: string): { rows: string[][]; lines: number[] } {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const rows: string[][] = [];
  const lines: number[] = [];
  let row: string[] = [];
  let field = '';
  let line = 1;
  let rowLine = 1;
  let i = 0;
  const n = src.length;
  const endRow = () => {
    row.push(field);
    field = '';
    // A line with nothing on it is not a record (trailing newline, blank lines).
    if (!(row.length === 1 && row[0] === '')) {
      rows.push(row);
      lines.push(rowLine);
    }
    row = [];
  };
  while (i < n) {
    const c = src[i];
    if (c === '"' && field === '') {
      // Quoted field: read to the closing quote, "" is a literal quote.
      const startLine = line;
      i++;
      for (;;) {
        if (i >= n) throw new CsvError('unterminated quoted field', startLine);
        const q = src.indexOf('"', i);
        if (q < 0) throw new CsvError('unterminated quoted field', startLine);
        const chunk = src.slice(i, q);
        for (let k = 0; k < chunk.length; k++) if (chunk.charCodeAt(k) === 10) line++;
        field += chunk;
        if (src[q + 1] === '"') {
          field += '"';
          i = q + 2;
          continue;
        }
        i = q + 1;
        break;
      }
      const next = src[i];
      if (i < n && next !== ',' && next !== '\n' && next !== '\r') throw new CsvError(`unexpected "${next}" after a quoted field`, line);
      continue;
    }
    if (c === ',') {
      row.push(field);
      field = '';
      i++;
      continue;
    }
    if (c === '\r' || c === '\n') {
      endRow();
      i += c === '\r' && src[i + 1] === '\n' ? 2 : 1;
      line++;
      rowLine = line;
      continue;
    }
    // Fast path: copy up to the next special character.
    let j = i;
    while (j < n) {
      const d = src.charCodeAt(j);
      if (d === 44 || d === 10 || d === 13) break;
      j++;
    }
    field += src.slice(i, j);
    i = j;
  }
  if (field !== '' || row.length) endRow();
  return { rows, lines };
}

const needsQuotes = /[",\r\n]/;

function quote(value: string): string {
  return needsQuotes.test(value) || value !== value.trim() ? `"${value.replaceAll('"', '""')}"` : value;
}

/** Write rows as CSV with CRLF line ends (and one after the last row). */
export function writeCsv(rows: readonly (readonly string[])[]): string {
  let out = '';
  for (const row of rows) out += `${row.map(quote).join(',')}\r\n`;
  return out;
}
