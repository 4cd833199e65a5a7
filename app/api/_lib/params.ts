import type { z } from 'zod';
import { issuesOf, type FieldIssue } from '@/lib/validation';

export type Checked<T> = { ok: true; value: T } | { ok: false; issues: FieldIssue[] };

/** Validate an input against its lib schema; issues about the input as a whole are named `field`. */
export function check<S extends z.ZodType>(schema: S, value: unknown, field: string): Checked<z.infer<S>> {
  const r = schema.safeParse(value);
  if (r.success) return { ok: true, value: r.data };
  return { ok: false, issues: issuesOf(r.error).map((i) => ({ path: i.path || field, message: i.message })) };
}

/** Query parameters as a plain object; a repeated parameter keeps its last value. */
export function queryOf(url: string): Record<string, string> {
  return Object.fromEntries(new URL(url).searchParams);
}

/** "invalid minutes: …; id: …" — a 400 message that names every bad field. */
export function describeIssues(issues: FieldIssue[]): string {
  return `invalid ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`;
}
