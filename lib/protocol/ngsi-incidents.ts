import { z } from 'zod';
import { lonLatSchema } from '../domain/road';
import type { Incident, IncidentKind } from './incidents';
import { storedTextSchema } from './texts';

/**
 * Road incidents as NGSI-LD entities: the Smart Data Models `Alert` (dataModel.Alert,
 * https://github.com/smart-data-models/dataModel.Alert) in keyValues form, category "traffic".
 * Alert is the data model the SDM give for accidents, stopped cars, road works and crowds; it
 * carries validFrom/validTo, severity and a location, which is all an incident needs. Two
 * extensions name what the road network needs: `refRoadSegment` and `capacityFactor`; a third,
 * `descriptionText`, gives the description as a message code for every language (the twin sends it).
 */
export const SDM_ALERT_CONTEXT = 'https://raw.githubusercontent.com/smart-data-models/dataModel.Alert/master/context.jsonld';

const isoDateTime = z.iso.datetime({ offset: true });
const urnOf = (type: string) =>
  z
    .string()
    .max(256)
    .regex(new RegExp(`^urn:ngsi-ld:${type}:[A-Za-z0-9._:-]+$`), `must be a urn:ngsi-ld:${type}:… id`);
const context = z.union([z.string().url(), z.array(z.union([z.string().url(), z.record(z.string(), z.unknown())]))]).optional();

/** Alert categories of the data model. */
export const alertCategorySchema = z.enum(['traffic', 'naturalDisaster', 'weather', 'environment', 'health', 'security', 'agriculture']);
/** The data model's severities; the control room folds them into low / medium / high. */
export const alertSeveritySchema = z.enum(['informational', 'low', 'medium', 'high', 'critical']);

/** Which SDM traffic subCategory each incident kind is sent as (docs/API.md). */
export const subCategoryOfKind: Record<IncidentKind, string> = {
  crash: 'carAccident',
  breakdown: 'carStopped',
  roadworks: 'roadWorks',
  event: 'crowdRisk',
};
/**
 * Traffic subCategories read as incidents, and as which kind. Others (trafficJam, pothole,
 * carWrongDirection…) are valid Alerts but not incidents on the map: they are ignored.
 */
export const kindOfSubCategory: Readonly<Record<string, IncidentKind>> = {
  carAccident: 'crash',
  injuredBiker: 'crash',
  carStopped: 'breakdown',
  roadWorks: 'roadworks',
  roadClosed: 'roadworks',
  crowdRisk: 'event',
};

/** Share of capacity left when an Alert does not say (a real feed rarely does). */
export const DEFAULT_CAPACITY_FACTOR: Record<IncidentKind, number> = { crash: 0.4, breakdown: 0.6, roadworks: 0.5, event: 0.7 };

export const alertEntitySchema = z
  .object({
    '@context': context,
    id: urnOf('Alert'),
    type: z.literal('Alert'),
    category: alertCategorySchema,
    subCategory: z.string().min(1).max(64).optional(),
    /** Who raised it (a device, an operator, the twin); required by the data model. */
    alertSource: z.string().min(1).max(256),
    dateIssued: isoDateTime,
    validFrom: isoDateTime.optional(),
    validTo: isoDateTime.optional(),
    severity: alertSeveritySchema.optional(),
    name: z.string().max(200).optional(),
    description: z.string().max(500).optional(),
    location: z
      .union([
        z.object({ type: z.literal('Point'), coordinates: lonLatSchema }),
        z.object({ type: z.literal('LineString'), coordinates: z.array(lonLatSchema).min(2).max(500) }),
      ])
      .optional(),
    /** Extension: the road segment the incident is on. */
    refRoadSegment: urnOf('RoadSegment').optional(),
    /** Extension: share of the segment's capacity left while it lasts, 0–1. */
    capacityFactor: z.number().min(0).max(1).optional(),
    /** Extension: the description as a message code and parameters (lib/protocol/texts.ts); one this version does not know is dropped, not refused. */
    descriptionText: storedTextSchema.optional(),
    dataProvider: z.string().max(100).optional(),
  })
  .refine((e) => !e.validFrom || !e.validTo || e.validFrom < e.validTo, { message: 'validFrom must be before validTo', path: ['validFrom'] });
export type AlertEntity = z.infer<typeof alertEntitySchema>;

/** The incident kind of a traffic Alert, or null when it is not one the map shows. */
export function incidentKindOf(alert: AlertEntity): IncidentKind | null {
  if (alert.category !== 'traffic' || !alert.subCategory) return null;
  return kindOfSubCategory[alert.subCategory] ?? null;
}

const severityOf: Record<z.infer<typeof alertSeveritySchema>, Incident['severity']> = {
  informational: 'low',
  low: 'low',
  medium: 'medium',
  high: 'high',
  critical: 'high',
};

/** Where a point marker goes: the Point, or the middle vertex of a LineString. */
function pointOf(location: NonNullable<AlertEntity['location']>): [number, number] {
  if (location.type === 'Point') return location.coordinates;
  return location.coordinates[Math.floor(location.coordinates.length / 2)];
}

/**
 * The layer item of an incident Alert. Its segment id (short form) and a fallback location
 * (the segment's middle) come from the caller, which knows the road network.
 */
export function incidentOfAlert(alert: AlertEntity, kind: IncidentKind, segmentId: string, segmentMiddle: [number, number]): Incident {
  return {
    kind,
    severity: severityOf[alert.severity ?? 'medium'],
    segmentId,
    location: alert.location ? pointOf(alert.location) : segmentMiddle,
    description: alert.description ?? alert.name ?? kind,
    ...(alert.descriptionText ? { descriptionText: alert.descriptionText } : {}),
    capacityFactor: alert.capacityFactor ?? DEFAULT_CAPACITY_FACTOR[kind],
    startedAt: new Date(alert.validFrom ?? alert.dateIssued).toISOString(),
    endsAt: alert.validTo ? new Date(alert.validTo).toISOString() : null,
  };
}
