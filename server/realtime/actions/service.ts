import { randomUUID } from 'node:crypto';
import { isHarmful, observedMetric, type SegmentGeometry } from '@/lib/domain/action-metrics';
import {
  actionsListRequestSchema,
  decideRequestSchema,
  executeRequestSchema,
  proposeRequestSchema,
  type Action,
  type ActionAck,
  type ActionsListAck,
  type ProposeRequest,
} from '@/lib/protocol/actions';
import type { ActionKind } from '@/lib/protocol/actuation';
import type { Alert } from '@/lib/protocol/alerts';
import { may, type Permission, type SessionUser } from '@/lib/protocol/auth';
import { networkSchema } from '@/lib/protocol/models-api';
import { namespaces, type LayerName, type LayerSnapshot } from '@/lib/protocol/socket';
import { issuesOf } from '@/lib/validation';
import type { Gateway } from '../gateway';
import type { Log } from '../log';
import type { ActionStore, AuditNote } from './action-store';
import { Refused, type Field, type Optimiser } from './clients';
import * as wf from './workflow';

export interface ActionServiceOptions {
  gateway: Pick<Gateway, 'io' | 'snapshot' | 'isLeader'>;
  store: ActionStore;
  optimiser: Optimiser;
  field: Field;
  /** Kinds that need a manager's approval (ACTIONS_HIGH_IMPACT). */
  highImpact: readonly ActionKind[];
  /** How often the elected gateway monitors active actions and re-sends lost executions. */
  monitorMs: number;
  /** Automatic rollback: observed worse than the predicted baseline by this share … */
  harmMargin: number;
  /** … for this many consecutive readings. */
  harmReadings: number;
  /** An execution still `executing` this long after it began is sent to the field again. */
  resendAfterMs?: number;
  /** Where the road network is (segment lengths and free-flow speeds for the corridor metric). */
  modelsUrl: string;
  /** Open alerts: a forecast overload of a feeder gets a demand-response proposal, once. Unset: off. */
  alerts?: { open: () => Promise<Alert[]> };
  log: Log;
  now?: () => number;
}

export interface ActionService {
  /** One monitoring round now (tests; the timer calls it on the elected gateway). */
  tick: () => Promise<void>;
  /** Stop: timers end, and answers still on their way from the field are not written (as if killed). */
  close: () => void;
}

type Ack<T> = (res: T) => void;
type ErrorCode = 'bad-request' | 'forbidden' | 'unavailable' | 'not-found' | 'conflict';
const fail = (code: ErrorCode, message: string, issues?: Array<{ path: string; message: string }>) => ({ ok: false as const, error: { code, message, ...(issues ? { issues } : {}) } });
const errMsg = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** The live layer an action's metric is read from (and whose time is the field's clock for it). */
const layerOf: Record<ActionKind, 'traffic' | 'grid' | 'air'> = { 'signal-retiming': 'traffic', 'demand-response': 'grid', 'traffic-restriction': 'air' };

/**
 * The action workflow in the gateway (lib/protocol/actions.ts). Any gateway answers the /ops
 * events from the shared store; each change is persisted with its audit entry before it is
 * acknowledged and is sent as `action` to every operator screen on every gateway (the adapter).
 * Executing: the row turns `executing` (with the request's key) before the field is told, and the
 * field is told the action id, which it carries out once however often it hears it. So a retry,
 * a reconnect or a gateway dying mid-flight cannot execute twice: the elected gateway re-sends
 * whatever is left `executing`, and the field answers the re-send as a duplicate.
 */
export function startActions(opts: ActionServiceOptions): ActionService {
  const { gateway, store, log, optimiser, field } = opts;
  const now = opts.now ?? Date.now;
  const nowIso = () => new Date(now()).toISOString();
  const resendAfterMs = opts.resendAfterMs ?? 10_000;
  const ops = gateway.io.of(namespaces.ops);
  let closed = false;
  /** Executions this process has on their way to the field, by action id. */
  const sending = new Map<string, Promise<void>>();
  /** Proposals this process is asking the optimiser for, by key: a quick retry waits for the same answer. */
  const proposing = new Map<string, Promise<Action>>();
  let wasLeader = false;
  /** The round under way, if any: a second caller waits for it rather than start another. */
  let running: Promise<void> | null = null;
  let geometry: Map<string, SegmentGeometry> | null = null;
  let geometryTriedAt = -Infinity;
  const suggestTriedAt = new Map<string, number>();

  const broadcast = (a: Action) => {
    if (!closed) ops.emit('action', a);
  };
  const note = (actor: wf.Actor, detail: Record<string, unknown> = {}) => (after: Action): AuditNote => ({
    actor: wf.actorName(actor),
    event: `action.${after.status}`,
    detail: { kind: after.kind, ...detail },
  });
  const refused = (actor: string, request: string, subject: string | null, code: string, message: string) =>
    store.audit({ actor, event: 'action.refused', subject, detail: { request, code, message } }).catch((err: unknown) => log.error('audit write failed', { error: errMsg(err) }));

  // ---- propose ---------------------------------------------------------------------------------

  const propose = async (req: ProposeRequest, proposedBy: string): Promise<Action> => {
    const existing = await store.byProposeKey(req.idempotencyKey);
    if (existing) return existing;
    const inFlight = proposing.get(req.idempotencyKey);
    if (inFlight) return inFlight;
    const job = (async () => {
      const proposal = await optimiser.propose(req);
      if (proposal.plan.kind !== req.kind) throw new Error(`the optimiser answered a ${proposal.plan.kind} plan for a ${req.kind} request`);
      const at = nowIso();
      const action: Action = {
        id: randomUUID(),
        kind: proposal.plan.kind,
        title: proposal.title,
        titleText: proposal.titleText,
        target: proposal.target,
        plan: proposal.plan,
        impact: proposal.impact,
        method: proposal.method,
        methodText: proposal.methodText,
        modelVersion: proposal.modelVersion,
        impactLevel: wf.impactLevelOf(proposal.plan.kind, opts.highImpact),
        status: 'proposed',
        alertId: req.alertId ?? null,
        proposedBy,
        proposedAt: at,
        decidedBy: null,
        decidedAt: null,
        reason: null,
        executedBy: null,
        executedAt: null,
        activeFrom: null,
        activeUntil: null,
        endedAt: null,
        endedBy: null,
        observed: [],
        updatedAt: at,
      };
      const res = await store.propose(action, req.idempotencyKey, {
        actor: proposedBy,
        event: 'action.proposed',
        detail: { kind: action.kind, impactLevel: action.impactLevel, idempotencyKey: req.idempotencyKey, alertId: action.alertId, title: action.title },
      });
      if (res.created) {
        broadcast(res.action);
        log.info('action proposed', { id: res.action.id, kind: res.action.kind, by: proposedBy, impactLevel: res.action.impactLevel });
      }
      return res.action;
    })();
    proposing.set(req.idempotencyKey, job);
    try {
      return await job;
    } finally {
      proposing.delete(req.idempotencyKey);
    }
  };

  // ---- execute ---------------------------------------------------------------------------------

  /** Tell the field (again) and record its answer. A lost connection leaves it `executing` for a re-send. */
  const send = (a: Action): Promise<void> => {
    const running = sending.get(a.id);
    if (running) return running;
    const job = (async () => {
      try {
        const status = await field.actuate(a.id, a.plan);
        if (closed) return;
        const r = await store.transition(a.id, (cur) => wf.acknowledged(cur.action, status, nowIso()), note('system', { duplicate: status.duplicate, endsAt: status.endsAt }));
        if (r?.ok && r.changed) {
          broadcast(r.action);
          log.info('action in force', { id: a.id, status: r.action.status, duplicate: status.duplicate });
        }
      } catch (err) {
        if (closed) return;
        if (err instanceof Refused) {
          const r = await store.transition(a.id, (cur) => wf.failed(cur.action, `the field refused it: ${err.message}`, nowIso()), note('system', { status: err.status }));
          if (r?.ok && r.changed) broadcast(r.action);
          log.warn('actuation refused', { id: a.id, status: err.status, error: err.message });
        } else log.warn('actuation not acknowledged; it will be sent again', { id: a.id, error: errMsg(err) });
      }
    })().finally(() => sending.delete(a.id));
    sending.set(a.id, job);
    return job;
  };

  const rollBack = async (id: string, actor: wf.Actor, reason: string | null, automatic: boolean): Promise<ActionAck> => {
    const current = await store.get(id);
    if (!current) return fail('not-found', `no action ${id}`);
    const check = wf.mayRollBack(current.action, actor);
    if (!check.ok) return { ok: false, error: check.error };
    if (!check.changed) return { ok: true, action: current.action };
    try {
      await field.rollback(id);
    } catch (err) {
      // The field no longer knows it (e.g. it restarted): nothing of it is in force to undo.
      if (err instanceof Refused && err.status === 404) log.warn('the field had no such actuation to roll back', { id });
      else {
        log.warn('rollback not acknowledged by the field', { id, error: errMsg(err) });
        return fail('unavailable', `the field did not confirm the rollback: ${errMsg(err)}`);
      }
    }
    if (closed) return fail('unavailable', 'the gateway is stopping');
    const r = await store.transition(id, (cur) => wf.rolledBack(cur.action, actor, reason, nowIso()), note(actor, { automatic }));
    if (!r) return fail('not-found', `no action ${id}`);
    if (!r.ok) return { ok: false, error: r.error };
    if (r.changed) {
      broadcast(r.action);
      log.info('action rolled back', { id, by: wf.actorName(actor), automatic, reason });
    }
    return { ok: true, action: r.action };
  };

  // ---- the elected gateway's rounds: re-send, monitor, complete, suggest ----------------------

  const loadGeometry = async () => {
    if (geometry || now() - geometryTriedAt < 10_000) return;
    geometryTriedAt = now();
    try {
      const res = await fetch(`${opts.modelsUrl}/v1/network`, { signal: AbortSignal.timeout(10_000) });
      if (!res.ok) throw new Error(`answered ${res.status}`);
      const net = networkSchema.parse(await res.json());
      if (net.segments.length) geometry = new Map(net.segments.map((s) => [s.id, { lengthM: s.lengthM, freeFlowKmh: s.freeFlowKmh }]));
    } catch (err) {
      log.warn('road network for the action metrics unavailable, retrying', { error: errMsg(err) });
    }
  };

  const itemsOf = <L extends LayerName>(layer: L) => gateway.snapshot(layer).items as LayerSnapshot<L>['items'];

  const monitor = async (a: Action) => {
    const snap = gateway.snapshot(layerOf[a.kind]);
    if (!snap.asOf || !a.activeFrom || !a.activeUntil) return;
    const t = Date.parse(snap.asOf);
    if (t >= Date.parse(a.activeUntil)) {
      const r = await store.transition(a.id, (cur) => wf.completed(cur.action, nowIso()), note('system'));
      if (r?.ok && r.changed) broadcast(r.action);
      return;
    }
    const value = observedMetric(a, { traffic: itemsOf('traffic'), grid: itemsOf('grid'), air: itemsOf('air') }, geometry ?? new Map());
    if (value === null) return;
    const minute = Math.max(0, Math.floor((t - Date.parse(a.activeFrom)) / 60_000));
    const r = await store.transition(a.id, (cur) => wf.observed(cur.action, { minute, observed: value, at: snap.asOf as string }, nowIso()), note('system'));
    if (!r?.ok || !r.changed) return;
    broadcast(r.action);
    if (isHarmful(r.action, opts.harmMargin, opts.harmReadings)) {
      const reason = `observed effect harmful: ${opts.harmReadings} readings worse than the predicted baseline by more than ${Math.round(opts.harmMargin * 100)} %`;
      const rb = await rollBack(a.id, 'system', reason, true);
      if (!rb.ok) log.warn('automatic rollback failed; trying again next round', { id: a.id, error: rb.error.message });
    }
  };

  const suggest = async () => {
    if (!opts.alerts) return;
    for (const alert of await opts.alerts.open()) {
      if (alert.rule !== 'forecast-overload' || alert.place.kind !== 'feeder') continue;
      // The alert's id is the proposal's key: one suggestion per alert, on any gateway, ever.
      if (now() - (suggestTriedAt.get(alert.id) ?? -Infinity) < 60_000) continue;
      suggestTriedAt.set(alert.id, now());
      try {
        await propose({ kind: 'demand-response', idempotencyKey: alert.id, feederId: alert.place.id, alertId: alert.id }, 'system');
      } catch (err) {
        log.warn('no suggestion for a forecast overload', { alert: alert.key, error: errMsg(err) });
      }
    }
  };

  const tick = (): Promise<void> => {
    if (running) return running;
    if (closed || !gateway.isLeader()) {
      wasLeader = !closed && gateway.isLeader();
      return Promise.resolve();
    }
    running = round().finally(() => {
      running = null;
    });
    return running;
  };
  const round = async () => {
    try {
      const justElected = !wasLeader;
      wasLeader = true;
      const open = (await store.withStatus(['executing', 'active'])).map((s) => s.action);
      // Executions first: they must not wait for the road network (up to 10 s when the model services are down).
      for (const action of open.filter((a) => a.status === 'executing')) {
        if (closed) return;
        // Just elected (or restarted): whatever was left executing is sent again; the field dedupes.
        const lost = justElected || now() - Date.parse(action.executedAt ?? action.updatedAt) >= resendAfterMs;
        if (lost && !sending.has(action.id)) {
          log.info('re-sending an execution left in flight', { id: action.id });
          await send(action);
        }
      }
      await loadGeometry();
      for (const action of open.filter((a) => a.status === 'active')) {
        if (closed) return;
        await monitor(action);
      }
      await suggest();
    } catch (err) {
      log.warn('action monitoring failed', { error: errMsg(err) });
    }
  };
  const timer = setInterval(() => void tick(), opts.monitorMs);
  // A gateway started again (after a crash, say) resumes what it left executing at once, not a monitoring interval later.
  const firstRound = setTimeout(() => void tick(), 0);

  // ---- the socket events ------------------------------------------------------------------------

  const unavailable = (event: string, reply: Ack<ActionAck>) => (err: unknown) => {
    log.error(`${event} failed`, { error: errMsg(err) });
    reply(fail('unavailable', 'actions are unavailable'));
  };

  ops.on('connection', (socket) => {
    const user = (): SessionUser | null => socket.data.user;
    /** The user when they hold the permission; otherwise the refusal is acked and audited. */
    const allowed = (event: string, permission: Permission, subject: string | null, reply: Ack<ActionAck>): SessionUser | null => {
      const u = user();
      if (u && may(u.role, permission)) return u;
      const message = `the ${u?.role ?? 'public'} role may not ${event.replace('actions:', '')} actions`;
      void refused(u?.email ?? 'anonymous', event, subject, 'forbidden', message);
      reply(fail('forbidden', message));
      return null;
    };
    const stepAck = (event: string, actor: wf.Actor, r: wf.Step | null, id: string, reply: Ack<ActionAck>) => {
      if (!r) return reply(fail('not-found', `no action ${id}`));
      if (!r.ok) {
        void refused(wf.actorName(actor), event, id, r.error.code, r.error.message);
        return reply({ ok: false, error: r.error });
      }
      if (r.changed) broadcast(r.action);
      reply({ ok: true, action: r.action });
    };

    socket.on('actions:list', (req, ack: unknown) => {
      if (typeof ack !== 'function') return;
      const reply = ack as Ack<ActionsListAck>;
      const parsed = actionsListRequestSchema.safeParse(req ?? {});
      if (!parsed.success) return reply(fail('bad-request', 'invalid actions:list request', issuesOf(parsed.error)));
      store.list(parsed.data.limit).then(
        (actions) => reply({ ok: true, actions }),
        (err: unknown) => {
          log.error('actions:list failed', { error: errMsg(err) });
          reply(fail('unavailable', 'actions are unavailable'));
        },
      );
    });

    socket.on('actions:propose', (req, ack: unknown) => {
      if (typeof ack !== 'function') return;
      const reply = ack as Ack<ActionAck>;
      const parsed = proposeRequestSchema.safeParse(req);
      if (!parsed.success) return reply(fail('bad-request', 'invalid actions:propose request', issuesOf(parsed.error)));
      const u = allowed('actions:propose', 'actions:propose', null, reply);
      if (!u) return;
      propose(parsed.data, u.email).then(
        (action) => reply({ ok: true, action }),
        (err: unknown) => {
          // 409: the optimiser found nothing to do for this target now; other 4xx: a bad target.
          if (err instanceof Refused) return reply(fail(err.status === 409 ? 'conflict' : 'bad-request', `the optimiser refused: ${err.message}`));
          log.warn('actions:propose failed', { error: errMsg(err) });
          reply(fail('unavailable', `no proposal: ${errMsg(err)}`));
        },
      );
    });

    for (const event of ['actions:approve', 'actions:reject'] as const) {
      socket.on(event, (req, ack: unknown) => {
        if (typeof ack !== 'function') return;
        const reply = ack as Ack<ActionAck>;
        const parsed = decideRequestSchema.safeParse(req);
        if (!parsed.success) return reply(fail('bad-request', `invalid ${event} request`, issuesOf(parsed.error)));
        const u = allowed(event, 'actions:approve', parsed.data.id, reply);
        if (!u) return;
        const { id, reason } = parsed.data;
        store
          .transition(id, (cur) => (event === 'actions:approve' ? wf.approve(cur.action, u, nowIso()) : wf.reject(cur.action, u, nowIso(), reason ?? null)), note(u, reason ? { reason } : {}))
          .then((r) => stepAck(event, u, r, id, reply), unavailable(event, reply));
      });
    }

    socket.on('actions:execute', (req, ack: unknown) => {
      if (typeof ack !== 'function') return;
      const reply = ack as Ack<ActionAck>;
      const parsed = executeRequestSchema.safeParse(req);
      if (!parsed.success) return reply(fail('bad-request', 'invalid actions:execute request', issuesOf(parsed.error)));
      const u = allowed('actions:execute', 'actions:trigger', parsed.data.id, reply);
      if (!u) return;
      const { id, idempotencyKey } = parsed.data;
      void (async () => {
        const r = await store.transition(id, (cur) => wf.execute(cur.action, cur.executeKey, u, idempotencyKey, nowIso()), note(u, { idempotencyKey }), idempotencyKey);
        if (!r || !r.ok) return stepAck('actions:execute', u, r, id, reply);
        if (r.changed) {
          broadcast(r.action);
          log.info('action executing', { id, by: u.email });
          await send(r.action);
        } else await sending.get(id);
        // The answer is the action as it now is: active once the field acknowledged it.
        const after = await store.get(id);
        reply({ ok: true, action: after?.action ?? r.action });
      })().catch(unavailable('actions:execute', reply));
    });

    socket.on('actions:rollback', (req, ack: unknown) => {
      if (typeof ack !== 'function') return;
      const reply = ack as Ack<ActionAck>;
      const parsed = decideRequestSchema.safeParse(req);
      if (!parsed.success) return reply(fail('bad-request', 'invalid actions:rollback request', issuesOf(parsed.error)));
      const u = allowed('actions:rollback', 'actions:trigger', parsed.data.id, reply);
      if (!u) return;
      rollBack(parsed.data.id, u, parsed.data.reason ?? null, false).then((res) => {
        if (!res.ok && (res.error.code === 'forbidden' || res.error.code === 'conflict')) void refused(u.email, 'actions:rollback', parsed.data.id, res.error.code, res.error.message);
        reply(res);
      }, unavailable('actions:rollback', reply));
    });
  });

  // The public audience has no actions: answer instead of leaving the ack to time out.
  gateway.io.of(namespaces.public).on('connection', (socket) => {
    for (const event of ['actions:list', 'actions:propose', 'actions:approve', 'actions:reject', 'actions:execute', 'actions:rollback'] as const)
      socket.on(event, (_req: unknown, ack: unknown) => {
        if (typeof ack === 'function') (ack as Ack<ActionAck>)(fail('forbidden', 'actions are for signed-in staff'));
      });
  });

  return {
    tick,
    close: () => {
      closed = true;
      clearInterval(timer);
      clearTimeout(firstRound);
    },
  };
}
