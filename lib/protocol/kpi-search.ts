import { kpiQuerySchema, type KpiQuery } from './kpi';

/** The KPI query in a page's search parameters, in a stable order: the react-query key and the API's query string. */
export function kpiSearch(q: Partial<KpiQuery>): string {
  const p = new URLSearchParams();
  for (const k of ['range', 'end', 'from', 'to', 'filter'] as const) {
    const v = q[k];
    if (v) p.set(k, v);
  }
  return p.toString();
}

/** Parse search parameters; a bad value falls back to the default view and says why. */
export function parseKpiSearch(params: Record<string, string | string[] | undefined>): { query: KpiQuery; problem: string | null } {
  const flat = Object.fromEntries(Object.entries(params).flatMap(([k, v]) => (typeof v === 'string' ? [[k, v]] : Array.isArray(v) && v.length ? [[k, v[v.length - 1]]] : [])));
  const r = kpiQuerySchema.safeParse(flat);
  if (r.success) return { query: r.data, problem: null };
  const first = r.error.issues[0];
  return { query: kpiQuerySchema.parse({}), problem: `${first?.path.join('.') || 'query'}: ${first?.message ?? 'invalid'}` };
}
