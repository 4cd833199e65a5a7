import { z } from 'zod';
import { actionKindSchema, actionPlanSchema, actionTargetSchema, impactSchema } from './actuation';
import { storedTextSchema } from './texts';

/**
 * The action workflow of the control room (server/realtime/actions), over /ops:
 * proposed → approved | rejected → executing → active → completed | rolled-back (or failed).
 * Every transition is persisted before it is acknowledged and sent to every operator as `action`.
 */
const isoDateTime = z.iso.datetime({ offset: true });
const who = z.string().max(254);

export const actionStatusSchema = z.enum(['proposed', 'approved', 'rejected', 'executing', 'active', 'completed', 'rolled-back', 'failed']);
export type ActionStatus = z.infer<typeof actionStatusSchema>;

/** High-impact actions need a manager's approval; low-impact ones an operator may execute directly. */
export const impactLevelSchema = z.enum(['low', 'high']);
export type ImpactLevel = z.infer<typeof impactLevelSchema>;

/** One observed point of an active action's metric, next to what was predicted for that minute. */
export const observedPointSchema = z.object({
  minute: z.number().min(0),
  observed: z.number(),
  at: isoDateTime,
});

export const actionSchema = z.object({
  id: z.uuid(),
  kind: actionKindSchema,
  /** In English (audit log, KPI report); titleText and methodText say them in codes, null on actions stored before codes. */
  title: z.string().max(300),
  titleText: storedTextSchema,
  target: actionTargetSchema,
  plan: actionPlanSchema,
  impact: impactSchema,
  method: z.string().max(300),
  methodText: storedTextSchema,
  modelVersion: z.string().max(100),
  impactLevel: impactLevelSchema,
  status: actionStatusSchema,
  /** An alert it was suggested from, if any. */
  alertId: z.uuid().nullable(),
  proposedBy: who,
  proposedAt: isoDateTime,
  decidedBy: who.nullable(),
  decidedAt: isoDateTime.nullable(),
  /** Why it was rejected or rolled back. */
  reason: z.string().max(1000).nullable(),
  executedBy: who.nullable(),
  executedAt: isoDateTime.nullable(),
  /** When the field acknowledged the actuation (field/twin time) and when it ends. */
  activeFrom: isoDateTime.nullable(),
  activeUntil: isoDateTime.nullable(),
  endedAt: isoDateTime.nullable(),
  endedBy: who.nullable(),
  observed: z.array(observedPointSchema).max(24 * 60),
  updatedAt: isoDateTime,
});
export type Action = z.infer<typeof actionSchema>;

/** One entry of the append-only audit log (actions, sign-ins, alert acknowledgements). */
export const auditEntrySchema = z.object({
  seq: z.number().int().positive(),
  at: isoDateTime,
  actor: who,
  /** e.g. "action.proposed", "action.approved", "auth.sign-in", "auth.sign-in-failed". */
  event: z.string().max(100),
  subject: z.string().max(200).nullable(),
  detail: z.record(z.string(), z.unknown()),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

const idempotencyKey = z.uuid();

/** Socket `actions:propose`: ask the optimiser for a plan for a target and record it as proposed. */
export const proposeRequestSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('signal-retiming'), idempotencyKey, corridor: z.array(z.string().max(64)).min(1).max(200), alertId: z.uuid().optional() }).strict(),
  z.object({ kind: z.literal('demand-response'), idempotencyKey, feederId: z.string().max(64), alertId: z.uuid().optional() }).strict(),
  z.object({ kind: z.literal('traffic-restriction'), idempotencyKey, stationId: z.string().max(64), alertId: z.uuid().optional() }).strict(),
]);
export type ProposeRequest = z.infer<typeof proposeRequestSchema>;

export const decideRequestSchema = z.object({ id: z.uuid(), reason: z.string().max(1000).optional() }).strict();
export type DecideRequest = z.infer<typeof decideRequestSchema>;
/** Socket `actions:execute` (and a manager's trigger-at-once): the key makes retries harmless. */
export const executeRequestSchema = z.object({ id: z.uuid(), idempotencyKey }).strict();
export type ExecuteRequest = z.infer<typeof executeRequestSchema>;
export const actionsListRequestSchema = z.object({ limit: z.number().int().min(1).max(500).default(100) }).strict();
export type ActionsListRequest = z.input<typeof actionsListRequestSchema>;

const actionErrorSchema = z.object({
  code: z.enum(['bad-request', 'forbidden', 'unavailable', 'not-found', 'conflict', 'rate-limited']),
  message: z.string(),
  issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});
export const actionAckSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), action: actionSchema }),
  z.object({ ok: z.literal(false), error: actionErrorSchema }),
]);
export type ActionAck = z.infer<typeof actionAckSchema>;
export const actionsListAckSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), actions: z.array(actionSchema) }),
  z.object({ ok: z.literal(false), error: actionErrorSchema }),
]);
export type ActionsListAck = z.infer<typeof actionsListAckSchema>;

/** GET /api/audit?limit=&before=&format=csv|json */
export const auditQuerySchema = z
  .object({
    limit: z.coerce.number().int().min(1).max(10_000).default(500),
    before: z.coerce.number().int().positive().optional(),
    format: z.enum(['json', 'csv']).default('json'),
  })
  .strict();

/** GET /api/audit (JSON): entries newest first; the next page asks `before` the smallest seq. */
export const auditPageSchema = z.object({ entries: z.array(auditEntrySchema) });
export type AuditPage = z.infer<typeof auditPageSchema>;
