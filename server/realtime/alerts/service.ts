import { evaluateRules, type AlertThresholds } from '@/lib/domain/alert-rules';
import { may } from '@/lib/protocol/auth';
import { alertAckRequestSchema, alertsListRequestSchema, RESOLVED_LISTED_MS, type Alert, type AlertAckAck, type AlertCondition, type AlertsListAck } from '@/lib/protocol/alerts';
import type { MapForecast } from '@/lib/protocol/forecast';
import { namespaces, type LayerName, type LayerSnapshot } from '@/lib/protocol/socket';
import { issuesOf } from '@/lib/validation';
import type { Gateway } from '../gateway';
import type { Log } from '../log';
import type { AlertStore } from './alert-store';
import { loadCityContext, loadMapForecasts, type CityContext } from './city-context';
import { AlertEngine } from './engine';

export interface AlertServiceOptions {
  gateway: Pick<Gateway, 'io' | 'snapshot' | 'isLeader'>;
  store: AlertStore;
  modelsUrl: string;
  thresholds: AlertThresholds;
  /** How often the rules run (on the elected poller only). */
  intervalMs: number;
  /** A condition gone this long resolves its alert. */
  resolveAfterMs: number;
  /** How often the forecasts are fetched for the forecast rules. */
  forecastEveryMs?: number;
  log: Log;
  now?: () => number;
}

export interface AlertService {
  /** One evaluation now (tests; the timer calls it too). Returns what changed. */
  tick: () => Promise<Alert[]>;
  close: () => void;
}

type Ack<T> = (res: T) => void;

/**
 * Alerts in the gateway. The elected poller runs the rules over the layers it holds and sends
 * each change to every operator on /ops (through the Redis adapter, on every gateway). Any gateway
 * answers `alerts:list` and `alerts:acknowledge` from the shared store; acknowledging needs the
 * 'alerts:acknowledge' permission, checked here on the server.
 */
export function startAlerts(opts: AlertServiceOptions): AlertService {
  const { gateway, store, log } = opts;
  const now = opts.now ?? Date.now;
  const ops = gateway.io.of(namespaces.ops);
  const engine = new AlertEngine(store, opts.resolveAfterMs);
  const forecastEveryMs = opts.forecastEveryMs ?? 60_000;

  let city: CityContext | null = null;
  let cityTriedAt = -Infinity;
  let wasLeader = false;
  let forecasts: { traffic: MapForecast[]; grid: MapForecast[]; at: number } = { traffic: [], grid: [], at: -Infinity };
  let forecastWarned = false;
  let lastVersions = '';
  let busy = false;
  let lastConditions: AlertCondition[] | null = null;

  const refreshForecasts = () => {
    forecasts.at = now();
    Promise.all([loadMapForecasts(opts.modelsUrl, 'traffic-speed'), loadMapForecasts(opts.modelsUrl, 'grid-load')]).then(
      ([traffic, grid]) => {
        forecasts = { traffic, grid, at: forecasts.at };
        forecastWarned = false;
      },
      (err: unknown) => {
        if (!forecastWarned) log.warn('forecasts for the alert rules unavailable', { error: err instanceof Error ? err.message : String(err) });
        forecastWarned = true;
      },
    );
  };

  // The gateway's snapshot method is not generic over the layer; each layer holds its own items.
  const itemsOf = <L extends LayerName>(layer: L) => gateway.snapshot(layer).items as LayerSnapshot<L>['items'];

  const tick = async (): Promise<Alert[]> => {
    if (busy || !gateway.isLeader()) {
      wasLeader = gateway.isLeader();
      return [];
    }
    busy = true;
    try {
      const t = now();
      if (!wasLeader) {
        // Just elected (or started): carry on with what the previous poller left open.
        await engine.load(t);
        wasLeader = true;
        lastVersions = '';
      }
      if (!city) {
        if (t - cityTriedAt < 10_000) return [];
        cityTriedAt = t;
        city = await loadCityContext(opts.modelsUrl).catch((err: unknown) => {
          log.warn('city for the alert rules unavailable, retrying', { error: err instanceof Error ? err.message : String(err) });
          return null;
        });
        if (!city) return [];
      }
      if (t - forecasts.at >= forecastEveryMs) refreshForecasts();
      const layers = ['traffic', 'grid', 'air', 'transit', 'incidents'] as const;
      // Nothing new since the last run: only the resolve hold can change anything.
      const versions = `${layers.map((l) => gateway.snapshot(l).version).join(',')}@${forecasts.at}`;
      const conditions =
        versions === lastVersions && lastConditions
          ? lastConditions
          : evaluateRules(
              {
                traffic: itemsOf('traffic'),
                grid: itemsOf('grid'),
                air: itemsOf('air'),
                transit: itemsOf('transit'),
                incidents: itemsOf('incidents'),
                ...city,
                trafficForecasts: forecasts.traffic,
                gridForecasts: forecasts.grid,
              },
              opts.thresholds,
            );
      lastVersions = versions;
      lastConditions = conditions;
      const changed = await engine.evaluate(conditions, t);
      for (const a of changed) ops.emit('alert', a);
      if (changed.length) log.info('alerts changed', { raised: changed.filter((a) => a.status === 'new').length, changed: changed.length });
      return changed;
    } catch (err) {
      log.warn('alert evaluation failed', { error: err instanceof Error ? err.message : String(err) });
      return [];
    } finally {
      busy = false;
    }
  };

  const timer = setInterval(() => void tick(), opts.intervalMs);

  ops.on('connection', (socket) => {
    socket.on('alerts:list', (req, ack: unknown) => {
      if (typeof ack !== 'function') return;
      const reply = ack as Ack<AlertsListAck>;
      const parsed = alertsListRequestSchema.safeParse(req ?? {});
      if (!parsed.success) return reply({ ok: false, error: { code: 'bad-request', message: 'invalid alerts:list request', issues: issuesOf(parsed.error) } });
      store.recent(now() - RESOLVED_LISTED_MS, parsed.data.limit).then(
        (alerts) => reply({ ok: true, alerts }),
        (err: unknown) => {
          log.error('alerts:list failed', { error: err instanceof Error ? err.message : String(err) });
          reply({ ok: false, error: { code: 'unavailable', message: 'alerts are unavailable' } });
        },
      );
    });
    socket.on('alerts:acknowledge', (req, ack: unknown) => {
      if (typeof ack !== 'function') return;
      const reply = ack as Ack<AlertAckAck>;
      const parsed = alertAckRequestSchema.safeParse(req);
      if (!parsed.success) return reply({ ok: false, error: { code: 'bad-request', message: 'invalid alerts:acknowledge request', issues: issuesOf(parsed.error) } });
      const user = socket.data.user;
      if (!user || !may(user.role, 'alerts:acknowledge')) return reply({ ok: false, error: { code: 'forbidden', message: `the ${user?.role ?? 'public'} role may not acknowledge alerts` } });
      store.acknowledge(parsed.data.id, user.email, now()).then(
        (res) => {
          if (!res.ok) return reply({ ok: false, error: { code: 'not-found', message: `no alert ${parsed.data.id}` } });
          if (res.changed) {
            ops.emit('alert', res.alert);
            log.info('alert acknowledged', { id: res.alert.id, key: res.alert.key, by: user.email });
          }
          reply({ ok: true, alert: res.alert });
        },
        (err: unknown) => {
          log.error('alerts:acknowledge failed', { error: err instanceof Error ? err.message : String(err) });
          reply({ ok: false, error: { code: 'unavailable', message: 'alerts are unavailable' } });
        },
      );
    });
  });
  // The public audience has no alerts: answer instead of leaving the ack to time out.
  gateway.io.of(namespaces.public).on('connection', (socket) => {
    for (const event of ['alerts:list', 'alerts:acknowledge'] as const)
      socket.on(event, (_req: unknown, ack: unknown) => {
        if (typeof ack === 'function') (ack as Ack<AlertAckAck>)({ ok: false, error: { code: 'forbidden', message: 'alerts are for signed-in staff' } });
      });
  });

  return {
    tick,
    close: () => clearInterval(timer),
  };
}
