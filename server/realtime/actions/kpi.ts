import { resolvePeriod, stepsOf } from '@/lib/domain/kpi';
import { actionKindSchema } from '@/lib/protocol/actuation';
import type { KpiChart, KpiFigure, KpiQuery, KpiReport } from '@/lib/protocol/kpi';
import { storedTextSchema } from '@/lib/protocol/texts';
import type { Queryable } from '../../store/sql';

const iso = (t: number) => new Date(t).toISOString();
const round = (v: number | null, digits: number): number | null => (v === null || !Number.isFinite(v) ? null : Number(v.toFixed(digits)));
const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
const OUTCOMES = ['proposed', 'approved', 'rejected', 'executing', 'active', 'completed', 'rolled-back', 'failed'] as const;
/** A completed action as a bar: its title and when it ended (two actions may share a title). */
const impactName = (r: { title: string; ended_at: Date | string }) => `${r.title} · ${new Date(r.ended_at).toISOString().slice(0, 16).replace('T', ' ')}`;
const stepSql = (step: 'hour' | 'day', col: string) => `to_timestamp(floor(extract(epoch from ${col}) / ${step === 'day' ? 86_400 : 3_600}) * ${step === 'day' ? 86_400 : 3_600})`;

interface PeriodFigures {
  proposed: number;
  approvalMedianMin: number | null;
  approvalP90Min: number | null;
  ended: number;
  completed: number;
  achievedPct: number | null;
}

/**
 * Figures of [from, to) in one statement: proposals made, the approval time of decisions taken
 * (proposed → decided), executions that ended and how many completed, and the median share of the
 * predicted improvement the completed ones achieved.
 */
async function periodFigures(db: Queryable, from: number, to: number, kind: string | null): Promise<PeriodFigures> {
  const [r] = await db.query<{ proposed: number; med: number | null; p90: number | null; ended: number; completed: number; achieved: number | null }>(
    `with a as (select * from action where $3::text is null or kind = $3),
     done as (
       select (impact->>'baseline')::double precision as baseline, (impact->>'withPlan')::double precision as predicted,
              (select avg((o->>'observed')::double precision) from jsonb_array_elements(observed) o) as observed
       from a where status = 'completed' and ended_at >= $1 and ended_at < $2)
     select
       (select count(*)::int from a where proposed_at >= $1 and proposed_at < $2) as proposed,
       (select percentile_cont(0.5) within group (order by extract(epoch from decided_at - proposed_at)) / 60 from a where decided_at >= $1 and decided_at < $2) as med,
       (select percentile_cont(0.9) within group (order by extract(epoch from decided_at - proposed_at)) / 60 from a where decided_at >= $1 and decided_at < $2) as p90,
       (select count(*)::int from a where status in ('completed', 'rolled-back', 'failed') and ended_at >= $1 and ended_at < $2) as ended,
       (select count(*)::int from a where status = 'completed' and ended_at >= $1 and ended_at < $2) as completed,
       (select percentile_cont(0.5) within group (order by (baseline - observed) / (baseline - predicted)) * 100 from done
         where observed is not null and baseline <> predicted) as achieved`,
    [iso(from), iso(to), kind],
  );
  return {
    proposed: r?.proposed ?? 0,
    approvalMedianMin: num(r?.med),
    approvalP90Min: num(r?.p90),
    ended: r?.ended ?? 0,
    completed: r?.completed ?? 0,
    achievedPct: num(r?.achieved),
  };
}

/** The actions KPI report of a period (docs/KPI.md#actions), aggregated in the web process's store. */
export async function actionsReport(db: Queryable, q: KpiQuery, now: number): Promise<KpiReport> {
  const kind = q.filter && actionKindSchema.safeParse(q.filter).success ? q.filter : null;
  const [newest] = await db.query<{ t: Date | string | null }>('select max(greatest(proposed_at, decided_at, ended_at)) as t from action');
  const newestMs = newest?.t ? new Date(newest.t).getTime() : null;
  // +1 ms: a decision exactly on the hour still falls in the period that ends after it.
  const p = resolvePeriod(q, newestMs !== null ? newestMs + 1 : now);
  const from = p.from.getTime();
  const to = p.to.getTime();
  const len = to - from;
  const [c, pv] = await Promise.all([periodFigures(db, from, to, kind), periodFigures(db, from - len, from, kind)]);
  const success = (f: PeriodFigures) => (f.ended ? (f.completed / f.ended) * 100 : null);
  const fig = (key: string, label: string, unit: string, value: number | null, previous: number | null, higherIsBetter: boolean | null, definition: string, digits = 1): KpiFigure => ({
    key,
    label,
    unit,
    value: round(value, digits),
    previous: round(previous, digits),
    higherIsBetter,
    definition,
  });
  const figures: KpiFigure[] = [
    fig('proposed', 'Actions proposed', 'actions', c.proposed, pv.proposed, null, 'Actions proposed in the period, of every outcome.', 0),
    fig('approval-median', 'Approval time (median)', 'min', c.approvalMedianMin, pv.approvalMedianMin, false, 'Median time from proposal to a manager’s decision (approve or reject), over decisions taken in the period.'),
    fig('approval-p90', 'Approval time (90th percentile)', 'min', c.approvalP90Min, pv.approvalP90Min, false, '90th percentile of the time from proposal to decision.'),
    fig('success', 'Execution success rate', '%', success(c), success(pv), true, 'Executions that ended in the period which completed, rather than being rolled back or failing.'),
    fig('achieved', 'Predicted impact achieved', '%', c.achievedPct, pv.achievedPct, true, 'Median over completed actions of observed improvement / predicted improvement: (baseline − observed mean) / (baseline − predicted with plan).', 0),
  ];

  const [byKind, perStep, impacts] = await Promise.all([
    db.query<{ kind: string; status: string; n: number }>(
      `select kind, status, count(*)::int as n from action where proposed_at >= $1 and proposed_at < $2 and ($3::text is null or kind = $3) group by kind, status order by kind`,
      [iso(from), iso(to), kind],
    ),
    db.query<{ t: Date | string; n: number }>(
      `select ${stepSql(p.step, 'proposed_at')} as t, count(*)::int as n from action
       where proposed_at >= $1 and proposed_at < $2 and ($3::text is null or kind = $3) group by 1 order by 1`,
      [iso(from - len), iso(to), kind],
    ),
    db.query<{ id: string; title: string; title_text: unknown; ended_at: Date | string; baseline: number; predicted: number; observed: number | null; unit: string }>(
      `select id, title, title_text, ended_at, (impact->>'baseline')::double precision as baseline, (impact->>'withPlan')::double precision as predicted,
              (select avg((o->>'observed')::double precision) from jsonb_array_elements(observed) o) as observed, impact->>'unit' as unit
       from action where status = 'completed' and ended_at >= $1 and ended_at < $2 and ($3::text is null or kind = $3)
       order by ended_at, id limit 200`,
      [iso(from), iso(to), kind],
    ),
  ]);
  const kinds = new Map<string, Record<string, number>>();
  for (const r of byKind) {
    const row = kinds.get(r.kind) ?? Object.fromEntries(OUTCOMES.map((o) => [o, 0]));
    row[r.status] = r.n;
    kinds.set(r.kind, row);
  }
  const counts = new Map(perStep.map((r) => [new Date(r.t).getTime(), r.n]));
  const asOf = newestMs === null ? null : iso(Math.min(newestMs, to));
  const charts: KpiChart[] = [
    {
      id: 'actions-by-kind',
      title: 'Actions by kind and outcome',
      unit: 'actions',
      kind: 'bar',
      x: 'name',
      series: OUTCOMES.map((o) => ({ key: o, label: o, role: 'actual' as const })),
      rows: [...kinds].map(([name, row]) => ({ name, ...row })),
      asOf,
      note: 'Actions proposed in the period, by where they stand now.',
    },
    {
      id: 'actions-proposed',
      title: 'Actions proposed',
      unit: 'actions',
      kind: 'line',
      x: 't',
      series: [
        { key: 'proposed', label: 'This period', role: 'actual' },
        { key: 'proposedPrevious', label: 'Previous period', role: 'previous' },
      ],
      rows: stepsOf(p).map((d) => ({ t: d.toISOString(), proposed: counts.get(d.getTime()) ?? 0, proposedPrevious: counts.get(d.getTime() - len) ?? 0 })),
      asOf,
    },
    {
      id: 'actions-impact',
      title: 'Predicted vs observed impact',
      unit: impacts.length && impacts.every((r) => r.unit === impacts[0].unit) ? impacts[0].unit : 'metric units',
      kind: 'bar',
      x: 'name',
      series: [
        { key: 'baseline', label: 'Without the action (predicted)', role: 'previous' },
        { key: 'predicted', label: 'With the action (predicted)', role: 'forecast' },
        { key: 'observed', label: 'With the action (observed mean)', role: 'actual' },
      ],
      rows: impacts.map((r) => ({
        name: impactName(r),
        baseline: round(Number(r.baseline), 2),
        predicted: round(Number(r.predicted), 2),
        observed: round(num(r.observed), 2),
      })),
      nameTexts: Object.fromEntries(
        impacts.flatMap((r) => {
          const text = storedTextSchema.parse(typeof r.title_text === 'string' ? JSON.parse(r.title_text) : r.title_text);
          return text ? [[impactName(r), { text, at: new Date(r.ended_at).toISOString() }]] : [];
        }),
      ),
      asOf,
      note: 'Completed actions that ended in the period; each in its own metric’s unit.',
    },
  ];
  return {
    section: 'actions',
    range: q.range,
    from: iso(from),
    to: iso(to),
    previousFrom: p.previousFrom.toISOString(),
    step: p.step,
    filter: kind,
    filterOptions: actionKindSchema.options.map((k) => ({ value: k, label: k })),
    asOf: newestMs === null ? null : iso(newestMs),
    figures,
    charts,
    missing: newestMs === null ? ['No actions recorded yet.'] : [],
  };
}
