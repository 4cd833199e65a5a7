import { z } from 'zod';
import { lonLatSchema } from '../domain/road';
import { storedTextSchema, textSchema } from './texts';

/**
 * Alerts of the control room: the gateway raises them from rules over the live layers and the
 * forecasts (lib/domain/alert-rules.ts), keeps them in its store and sends every change to every
 * operator on /ops. Lifecycle: new → acknowledged (by whom) → resolved (when the condition clears).
 */
const isoDateTime = z.iso.datetime({ offset: true });

export const alertRuleSchema = z.enum([
  'speed-collapse',
  'feeder-overload',
  'air-quality',
  'bus-bunching',
  'incident',
  'forecast-congestion',
  'forecast-overload',
]);
export type AlertRule = z.infer<typeof alertRuleSchema>;

export const alertSeveritySchema = z.enum(['info', 'warning', 'critical']);
export type AlertSeverity = z.infer<typeof alertSeveritySchema>;
/** Severities from least to most urgent, for ordering and escalation. */
export const severityRank: Record<AlertSeverity, number> = { info: 0, warning: 1, critical: 2 };

export const alertStatusSchema = z.enum(['new', 'acknowledged', 'resolved']);
export type AlertStatus = z.infer<typeof alertStatusSchema>;

/** Where an alert is: a thing on the map (the kinds the map can select) with its name and position. */
export const alertPlaceSchema = z.object({
  kind: z.enum(['segment', 'feeder', 'substation', 'station', 'bus', 'stop', 'incident']),
  id: z.string().min(1).max(128),
  name: z.string().max(200),
  location: lonLatSchema,
});
export type AlertPlace = z.infer<typeof alertPlaceSchema>;

/** What a rule finds now: a condition that holds, before it becomes (or keeps) an alert. */
export const alertConditionSchema = z.object({
  /** One open alert per key: the rule and the thing it is about, e.g. "speed-collapse:s00012". */
  key: z.string().min(1).max(300),
  rule: alertRuleSchema,
  severity: alertSeveritySchema,
  /** In English, for the audit log, logs and API clients; the control room writes titleText and detailText. */
  title: z.string().min(1).max(300),
  detail: z.string().max(1000),
  /** The title and detail as message codes and parameters (lib/protocol/texts.ts), for every language. */
  titleText: textSchema,
  detailText: textSchema,
  place: alertPlaceSchema,
  /** The measured (or forecast) value behind it, in the rule's unit. */
  value: z.number().nullable(),
  /** Twin or field time of the data it was found in. */
  observedAt: isoDateTime.nullable(),
});
export type AlertCondition = z.infer<typeof alertConditionSchema>;

export const alertSchema = alertConditionSchema.extend({
  /** Null for an alert stored before codes (or with a code this version lacks): the English is shown. */
  titleText: storedTextSchema,
  detailText: storedTextSchema,
  id: z.uuid(),
  status: alertStatusSchema,
  /** Wall-clock times of the lifecycle. */
  raisedAt: isoDateTime,
  updatedAt: isoDateTime,
  acknowledgedAt: isoDateTime.nullable(),
  /** Email of the operator who acknowledged it. */
  acknowledgedBy: z.string().max(254).nullable(),
  resolvedAt: isoDateTime.nullable(),
});
export type Alert = z.infer<typeof alertSchema>;

/** Socket `alerts:list`: the open alerts and the recently resolved ones, newest first. */
export const alertsListRequestSchema = z.object({ limit: z.number().int().min(1).max(500).default(200) }).strict();
export type AlertsListRequest = z.input<typeof alertsListRequestSchema>;

/** Socket `alerts:acknowledge`. */
export const alertAckRequestSchema = z.object({ id: z.uuid() }).strict();
export type AlertAckRequest = z.infer<typeof alertAckRequestSchema>;

const alertErrorSchema = z.object({
  code: z.enum(['bad-request', 'forbidden', 'unavailable', 'not-found', 'rate-limited']),
  message: z.string(),
  issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});

export const alertsListAckSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), alerts: z.array(alertSchema) }),
  z.object({ ok: z.literal(false), error: alertErrorSchema }),
]);
export type AlertsListAck = z.infer<typeof alertsListAckSchema>;

export const alertAckAckSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), alert: alertSchema }),
  z.object({ ok: z.literal(false), error: alertErrorSchema }),
]);
export type AlertAckAck = z.infer<typeof alertAckAckSchema>;

/** Resolved alerts stay listed this long, so a shift sees what cleared itself. */
export const RESOLVED_LISTED_MS = 60 * 60_000;
