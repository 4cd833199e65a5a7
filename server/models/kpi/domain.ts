import type { z } from 'zod';
import type { AqiStandard } from '@/lib/protocol/air';
import { kpiQuerySchema, kpiTrafficRawQuerySchema, kpiTransitRawQuerySchema, modelsKpiSectionSchema, type KpiReport } from '@/lib/protocol/kpi';
import { issuesOf } from '@/lib/validation';
import type { DomainDeps, ModelsDomain, RouteContext } from '../domain';
import { HttpError, sendJson } from '../http';
import { airReport } from './air';
import { AirHours } from './air-hours';
import { energyReport } from './energy';
import { trafficRaw, trafficReport } from './traffic';
import { transitRaw, transitReport } from './transit';
import { rollAir } from './air-rollup';
import { rollGrid } from './grid-rollup';
import type { RollupPass } from './hourly-rollup';
import { rollTraffic } from './traffic-rollup';

const ROLLUP_EVERY_MS = 60_000;

function parse<S extends z.ZodType>(schema: S, value: unknown, what: string): z.infer<S> {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issues = issuesOf(r.error);
  const first = issues[0];
  throw new HttpError(400, 'bad-request', `invalid ${what}: ${first ? `${first.path || '(root)'}: ${first.message}` : 'invalid'}`, issues);
}

/**
 * KPI reports for managers (docs/KPI.md): GET /v1/kpi/{traffic|energy|air|transit} aggregates in the
 * store; traffic, energy and air from hourly rollups kept up to date here, on a timer and before each report.
 */
export const createKpiModels =
  (aqiStandard: () => AqiStandard) =>
  async ({ store, log, now }: DomainDeps): Promise<ModelsDomain> => {
    const db = store.db;
    // Settled hours of the stations' means, read once for the life of the process.
    const airHours = new AirHours();
    // One pass at a time per rollup: the timer and a report asking at once share it.
    const rollers = { traffic: rollTraffic, energy: rollGrid, air: rollAir } satisfies Record<string, (db: typeof store.db) => Promise<RollupPass>>;
    type Rolled = keyof typeof rollers;
    const rolling = new Map<Rolled, Promise<void>>();
    const roll = (what: Rolled): Promise<void> => {
      let p = rolling.get(what);
      if (!p) {
        p = rollers[what](db)
          .then((pass) => {
            if (pass.rolled > 1) log(`kpi: rolled ${pass.rolled} ${what} hours`);
          })
          .finally(() => rolling.delete(what));
        rolling.set(what, p);
      }
      return p;
    };
    const rollAll = async () => {
      for (const what of Object.keys(rollers) as Rolled[]) await roll(what);
    };
    const timer = setInterval(() => {
      rollAll().catch((err: unknown) => log(`kpi rollup failed: ${err instanceof Error ? err.message : String(err)}`));
    }, ROLLUP_EVERY_MS);
    timer.unref();

    const route = async ({ res, path, query, allow }: RouteContext): Promise<boolean> => {
      if (!path.startsWith('/v1/kpi/')) return false;
      if (path === '/v1/kpi/traffic/raw') {
        allow('GET');
        const q = parse(kpiTrafficRawQuerySchema, query, 'query');
        sendJson(res, 200, await trafficRaw(db, q.from, q.to, q.filter ?? null));
        return true;
      }
      if (path === '/v1/kpi/transit/raw') {
        allow('GET');
        const q = parse(kpiTransitRawQuerySchema, query, 'query');
        sendJson(res, 200, await transitRaw(db, q.from, q.to, q.filter ?? null));
        return true;
      }
      const section = parse(modelsKpiSectionSchema, decodeURIComponent(path.slice('/v1/kpi/'.length)), 'KPI section');
      allow('GET');
      const q = parse(kpiQuerySchema, query, 'query');
      let report: KpiReport;
      if (section === 'traffic') {
        await roll('traffic');
        report = await trafficReport(db, q, now());
      } else if (section === 'energy') {
        await roll('energy');
        report = await energyReport(db, q, now());
      } else if (section === 'transit') report = await transitReport(db, q, now());
      else {
        await roll('air');
        report = await airReport(db, q, now(), aqiStandard(), airHours);
      }
      sendJson(res, 200, report);
      return true;
    };

    return {
      name: 'kpi',
      layers: [],
      route,
      close: async () => {
        clearInterval(timer);
        await Promise.allSettled(rolling.values());
      },
    };
  };
