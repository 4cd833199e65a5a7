import { z } from 'zod';

/**
 * Texts the server writes for people — alert titles and details, incident descriptions, action
 * proposals, their methods and assumptions — travel as a message code and its parameters next to
 * the English text. The browser writes them in the reader's language from the `texts` messages
 * (lib/i18n/messages/<locale>/texts.json, where the code is the message's key); the English stays
 * for the audit log, logs, API clients and the GTFS-RT feed, and for rows stored before codes.
 *
 * Parameters are data, never words: figures (formatted per locale by the message), names of
 * places, streets, routes and assets (shown as they are in the data), ids from closed sets (chosen
 * between in the message; camelCase, as ICU select keys cannot hold hyphens), times (ISO, formatted
 * per locale) and lists of names or figures (joined per locale).
 */

/** A place, street, route, bus or asset name: shown as it is in the data. */
const name = z.string().max(200);
/** A figure in the unit the message names. */
const figure = z.number().finite();
/** A share 0–1 (or more, for loads over capacity), written as a percentage. */
const share = z.number().finite();
const count = z.number().int().min(0);
const time = z.iso.datetime({ offset: true });
const names = z.array(name).max(50);
const figures = z.array(figure).max(50);

const incidentKind = z.enum(['crash', 'breakdown', 'roadworks', 'event']);
const pollutant = z.enum(['pm25', 'pm10', 'no2', 'o3', 'co']);
/** The AQI standards (lib/protocol/air.ts), as select keys. */
const aqiStandard = z.enum(['usEpa', 'cnHj633']);
export const aqiStandardKey = { 'us-epa': 'usEpa', 'cn-hj633': 'cnHj633' } as const;
/** How traffic gets past a crash or a broken-down vehicle. */
const passage = z.enum(['lanesOpen', 'slow', 'closed', 'blocked']);
/** The twin's venues (server/twin/incident-plan.ts). */
export const venueSchema = z.enum(['arena', 'stadium', 'concertHall', 'exhibitionCentre', 'theatre', 'fairground']);
/** The signal timings the optimiser tries (server/models/optimize/signals.ts). */
export const signalVariantSchema = z.enum(['withQueues', 'flowsOnly', 'corridorGreenHeld', 'coordinationOnly']);

const text = <const C extends string, P extends z.ZodRawShape>(code: C, params: P) => z.object({ code: z.literal(code), params: z.object(params).strict() });
const plain = <const C extends string>(code: C) => text(code, {});

/** Alerts (lib/domain/alert-rules.ts): a title and a detail per rule. */
const alertTexts = [
  text('alert.speedCollapse.title', { segment: name }),
  text('alert.speedCollapse.detail', { speed: figure, ratio: share, freeFlow: figure }),
  text('alert.feederOverload.title', { feeder: name }),
  text('alert.feederHighLoad.title', { feeder: name }),
  text('alert.feederLoad.detail', { loadMw: figure, capacityMw: figure, utilisation: share }),
  text('alert.airQualityEpa.title', { station: name, level: z.number().int().min(1).max(6) }),
  text('alert.airQualityHj.title', { station: name, level: z.number().int().min(1).max(6) }),
  text('alert.airQualityEpa.detail', { aqi: figure, pollutant }),
  text('alert.airQualityHj.detail', { aqi: figure, pollutant }),
  text('alert.busBunching.title', { route: name }),
  text('alert.busBunching.detail', { busA: name, busB: name, distance: figure }),
  text('alert.incident.title', { kind: incidentKind, street: name }),
  text('alert.incident.detail', { kind: incidentKind, street: name, capacity: share }),
  text('alert.incident.detailUntil', { kind: incidentKind, street: name, capacity: share, until: time }),
  text('alert.forecastCongestion.title', { street: name }),
  text('alert.forecastCongestion.detail', { ratio: share, minutes: count, forecasts: count }),
  text('alert.forecastOverload.title', { asset: z.enum(['feeder', 'substation']), name }),
  text('alert.forecastOverload.detail', { forecastMw: figure, capacityMw: figure, utilisation: share, minutes: count }),
] as const;

/** Incidents the twin reports (its NGSI-LD Alerts' descriptions). */
const incidentTexts = [
  text('incident.crash', { street: name, passage, open: count, lanes: count }),
  text('incident.breakdown', { street: name, passage, open: count, lanes: count }),
  text('incident.roadworks', { street: name }),
  text('incident.roadworksLane', { street: name, lanes: count }),
  text('incident.roadworksOneWay', { street: name }),
  text('incident.event', { street: name }),
  text('incident.eventAtVenue', { venue: venueSchema, street: name }),
] as const;

/** Action proposals of the optimisers (server/models/optimize): titles and methods. */
const actionTexts = [
  text('action.retimeIntersection', { intersection: name, cycle: figure }),
  text('action.greenWave', { street: name, signals: count, cycle: figure }),
  text('action.demandResponse', { feeder: name, limitKw: figure, peakKw: figure }),
  text('action.restriction', { reduction: share, segments: count, station: name, aqi: figure, threshold: figure }),
  plain('method.signals'),
  plain('method.grid'),
  text('method.air', { radius: figure }),
] as const;

/** The assumptions behind a proposal: the optimiser's, then the twin's what-if runs'. */
const assumptionTexts = [
  text('assumption.signals.designFlowsForecast', { queueMin: figure }),
  text('assumption.signals.designFlowsNow', { queueMin: figure }),
  text('assumption.signals.chosen', { variant: signalVariantSchema }),
  text('assumption.signals.webster', { y: figure, optimum: figure }),
  text('assumption.signals.websterOverCapacity', { y: figure }),
  text('assumption.signals.lostTime', { lostTime: figure }),
  text('assumption.signals.commonCycle', { cycle: figure }),
  text('assumption.signals.overCapacityAt', { intersections: names }),
  plain('assumption.signals.corridorGreenHeld'),
  text('assumption.signals.todaysShares', { cycle: figure }),
  text('assumption.signals.tried', { baseline: figure }),
  text('assumption.signals.triedVariant', { variant: signalVariantSchema, withPlan: figure, change: figure }),
  text('assumption.signals.offsets', { times: figures }),
  plain('assumption.signals.offsetsOneSignal'),
  text('assumption.signals.extended', { segment: name, street: name }),
  text('assumption.grid.loadForecast', { model: name, version: count, limit: share }),
  text('assumption.grid.loadHeld', { limit: share }),
  text('assumption.grid.costs', { battery: figure, shiftEv: figure, shed: figure, cost: figure }),
  text('assumption.grid.batteries', { batteries: names, powerKw: figure, energyKwh: figure, reserve: share }),
  plain('assumption.grid.noBattery'),
  text('assumption.grid.ev', { evKw: figure }),
  text('assumption.grid.flexible', { share }),
  text('assumption.grid.residual', { residualKw: figure }),
  text('assumption.air.forecast', { aqi: figure, at: time, standard: aqiStandard, now: figure }),
  text('assumption.air.nowForecastLower', { aqi: figure, standard: aqiStandard }),
  text('assumption.air.nowNoForecast', { aqi: figure, standard: aqiStandard }),
  text('assumption.air.segments', { radius: figure, motorway: figure, primary: figure, secondary: figure, tertiary: figure, residential: figure, cover: share }),
  text('assumption.air.wind', { speed: figure, from: figure, upwind: count, picked: count }),
  plain('assumption.air.calm'),
  text('assumption.air.reduction', { reduction: share }),
  plain('assumption.whatIf.corridorDelay'),
  plain('assumption.whatIf.signalDelay'),
  plain('assumption.whatIf.sameStart'),
  plain('assumption.whatIf.netLoad'),
  plain('assumption.whatIf.shedAndDefer'),
  plain('assumption.whatIf.batteryLimits'),
  text('assumption.whatIf.tripStarts', { segments: count, reduction: share }),
  plain('assumption.whatIf.stationAir'),
] as const;

/**
 * Service alerts of the twin's GTFS-Realtime feed: written there in every language (a GTFS-RT
 * TranslatedString carries each), the incident's description already in that language.
 */
const transitTexts = [
  text('transitAlert.header', { routes: names, count, kind: incidentKind, street: name }),
  text('transitAlert.description', { incident: z.string().max(500), until: time }),
] as const;

/** Every text the server can send, by its code. */
export const textSchema = z.discriminatedUnion('code', [...alertTexts, ...incidentTexts, ...actionTexts, ...assumptionTexts, ...transitTexts]);
export type Text = z.infer<typeof textSchema>;
export type TextCode = Text['code'];
/** Every code, for tests that each has a message in every language. */
export const TEXT_CODES: readonly TextCode[] = textSchema.options.map((o) => o.shape.code.value);

/**
 * A coded text as read back from a store or another version: one this version does not know (or
 * a row from before codes) is null, and the reader falls back to the English beside it.
 */
export const storedTextSchema = textSchema.nullable().catch(null);
