import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import { ValidationError, type FieldIssue } from '../validation';
import { CsvError, parseCsv, writeCsv } from './csv';
import { gtfsTables, type GtfsFeed, type GtfsTableName } from './schema';
import { formatGtfsTime } from './time';

/** Uncompressed size past which a file in a feed is refused (a large city's stop_times is ~1 GB). */
const MAX_FILE_BYTES = 1024 * 1024 * 1024;
/** Issues reported per feed before giving up: enough to see the pattern. */
const MAX_ISSUES = 50;
const TIME_COLUMNS = new Set(['arrival_time', 'departure_time']);

/** A GTFS zip that cannot be read; each issue names the file, row and column. */
export class GtfsParseError extends ValidationError {
  constructor(issues: FieldIssue[]) {
    super('invalid GTFS feed', issues);
    this.name = 'GtfsParseError';
  }
}

const tableNames = Object.keys(gtfsTables) as GtfsTableName[];

function readTable(name: GtfsTableName, text: string, issues: FieldIssue[]): unknown[] {
  const { file, schema } = gtfsTables[name];
  let parsed: ReturnType<typeof parseCsv>;
  try {
    parsed = parseCsv(text);
  } catch (err) {
    issues.push({ path: `${file}${err instanceof CsvError ? ` line ${err.line}` : ''}`, message: err instanceof Error ? err.message : String(err) });
    return [];
  }
  const [header, ...rows] = parsed.rows;
  if (!header) return [];
  const columns = header.map((h) => h.trim());
  const out: unknown[] = [];
  for (let r = 0; r < rows.length && issues.length < MAX_ISSUES; r++) {
    const row: Record<string, string> = {};
    const cells = rows[r];
    for (let c = 0; c < columns.length; c++) {
      const v = cells[c];
      // Empty (or blank) means absent in GTFS.
      if (v !== undefined && v.trim() !== '') row[columns[c]] = v;
    }
    const res = schema.safeParse(row);
    if (res.success) out.push(res.data);
    else
      for (const issue of res.error.issues.slice(0, 3)) {
        const column = issue.path.length ? String(issue.path[0]) : '(row)';
        const message = row[column] === undefined && issue.code === 'invalid_type' ? 'required column is missing or empty' : issue.message;
        issues.push({ path: `${file} row ${r + 1} (line ${parsed.lines[r + 1]}), column ${column}`, message });
      }
  }
  return out;
}

/**
 * Read a GTFS zip into typed tables. Files may sit in one folder inside the zip; tables Polis
 * does not use (fares, transfers…) are ignored. Throws a GtfsParseError naming each bad file,
 * row and column; nothing is returned half-read.
 */
export function parseGtfsZip(bytes: Uint8Array): GtfsFeed {
  const issues: FieldIssue[] = [];
  const wanted = new Set<string>(tableNames.map((t) => gtfsTables[t].file));
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, {
      filter: (f) => {
        const base = f.name.split('/').pop() ?? '';
        if (!wanted.has(base)) return false;
        if (f.originalSize > MAX_FILE_BYTES) throw new Error(`${base} is larger than ${MAX_FILE_BYTES} bytes uncompressed`);
        return true;
      },
    });
  } catch (err) {
    throw new GtfsParseError([{ path: '(zip)', message: `not a readable zip: ${err instanceof Error ? err.message : String(err)}` }]);
  }
  const byBase = new Map<string, Uint8Array>();
  for (const [name, data] of Object.entries(files)) byBase.set(name.split('/').pop() ?? name, data);

  const feed: Record<string, unknown[]> = {};
  for (const name of tableNames) {
    const { file, required } = gtfsTables[name];
    const data = byBase.get(file);
    if (!data) {
      if (required) issues.push({ path: file, message: 'required file is missing' });
      feed[name] = [];
      continue;
    }
    feed[name] = readTable(name, strFromU8(data), issues);
  }
  if (!byBase.has(gtfsTables.calendar.file) && !byBase.has(gtfsTables.calendarDates.file))
    issues.push({ path: 'calendar.txt', message: 'a feed needs calendar.txt or calendar_dates.txt' });
  if (issues.length) throw new GtfsParseError(issues);
  // Every row passed its table's schema above, so the tables have the feed's types.
  return feed as unknown as GtfsFeed;
}

function cell(column: string, value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'boolean') return value ? '1' : '0';
  if (typeof value === 'number') return TIME_COLUMNS.has(column) ? formatGtfsTime(value) : String(value);
  return String(value);
}

/** One table as CSV: the schema's columns in order, optional ones only when some row has them. */
function tableCsv(name: GtfsTableName, rows: readonly object[]): string {
  const shape = gtfsTables[name].schema.shape as Record<string, { safeParse: (v: unknown) => { success: boolean } }>;
  const columns = Object.keys(shape).filter((c) => !shape[c].safeParse(undefined).success || rows.some((r) => (r as Record<string, unknown>)[c] !== undefined));
  return writeCsv([columns, ...rows.map((r) => columns.map((c) => cell(c, (r as Record<string, unknown>)[c])))]);
}

/** Write a feed as a GTFS zip: one file per non-empty table (agency, stops, routes, trips and stop_times always). */
export function writeGtfsZip(feed: GtfsFeed): Uint8Array {
  const files: Zippable = {};
  for (const name of tableNames) {
    const rows = feed[name] as readonly object[];
    if (!rows.length && !gtfsTables[name].required) continue;
    files[gtfsTables[name].file] = strToU8(tableCsv(name, rows));
  }
  // A fixed timestamp: the same feed gives the same bytes.
  return zipSync(files, { level: 6, mtime: new Date('2020-01-01T00:00:00Z') });
}
