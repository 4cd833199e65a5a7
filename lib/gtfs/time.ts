/**
 * GTFS times are "H:MM:SS" or "HH:MM:SS" from the service day's start, and may pass 24:00:00
 * (a trip that runs after midnight belongs to the day it started on). We keep them as seconds.
 */
const TIME = /^(\d{1,3}):([0-5]\d):([0-5]\d)$/;

/** Seconds since the service day's start, or null when the text is not a GTFS time. */
export function parseGtfsTime(text: string): number | null {
  const m = TIME.exec(text.trim());
  if (!m) return null;
  return Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3]);
}

export function formatGtfsTime(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const two = (v: number) => String(v).padStart(2, '0');
  return `${two(Math.floor(s / 3600))}:${two(Math.floor(s / 60) % 60)}:${two(s % 60)}`;
}

const DATE = /^(\d{4})(\d{2})(\d{2})$/;

/** A GTFS date "YYYYMMDD" as days since 1970-01-01 (a plain calendar day, no time zone), or null. */
export function parseGtfsDate(text: string): number | null {
  const m = DATE.exec(text);
  if (!m) return null;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  const d = new Date(ms);
  if (d.getUTCFullYear() !== Number(m[1]) || d.getUTCMonth() !== Number(m[2]) - 1 || d.getUTCDate() !== Number(m[3])) return null;
  return ms / 86_400_000;
}

export function formatGtfsDate(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10).replaceAll('-', '');
}
