import { z } from 'zod';
import type { AlertThresholds } from './domain/alert-rules';
import { aqiStandardSchema } from './protocol/air';
import { formatPath } from './validation';

const port = z.coerce.number().int().min(1).max(65535);
const url = z.string().url();

/**
 * Every setting Polis reads from the environment, with its default. One schema, validated at
 * start-up by each process; a wrong value stops the process with a message that names it.
 */
export const configSchema = z.object({
  /** Host the web app and gateway listen on. */
  HOST: z.string().min(1).default('127.0.0.1'),
  /** Port of the web app and Socket.IO gateway (the URL people open). */
  PORT: port.default(3000),
  /** Port the model services listen on. */
  MODELS_PORT: port.default(4010),
  /** Where the gateway, the twin and the web app reach the model services. */
  MODELS_URL: url.optional(),
  /** Port of the twin's own HTTP server, which publishes the city's GTFS and GTFS-Realtime feeds. */
  TWIN_PORT: port.default(4020),
  /** Seed of the generated city: same seed, same city and same traffic. */
  TWIN_SEED: z.coerce.number().int().min(0).max(2 ** 31 - 1).default(42),
  /** Twin time multiplier: 1 is real time, 60 runs an hour a minute. */
  TWIN_SPEED: z.coerce.number().positive().max(10_000).default(1),
  /**
   * Where twin time starts on a first start: the next HH:MM (UTC, the twin's clock) instead of now.
   * Drills and tests that need a rush hour whatever the hour of the day set it.
   */
  TWIN_START: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM (UTC), e.g. 07:00')
    .optional(),
  /** Target number of directed road segments in the generated city. */
  TWIN_SIZE: z.coerce.number().int().min(200).max(200_000).default(2000),
  /** Days of history the twin backfills on first start. */
  TWIN_BACKFILL_DAYS: z.coerce.number().min(0).max(28).default(7),
  /** Folder for the embedded store (PGlite) and other local state. */
  DATA_DIR: z.string().min(1).default('.data'),
  /** Postgres connection string; when set the store uses Postgres instead of PGlite. */
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL').optional(),
  /** How often the gateway polls the model services, in milliseconds. */
  REALTIME_POLL_MS: z.coerce.number().int().min(100).max(60_000).default(2000),
  /** A layer with no new data for this long is shown as stale, in milliseconds. */
  STALE_AFTER_MS: z.coerce.number().int().min(500).max(3_600_000).default(30_000),
  /** Optional online map style; by default the city's own basemap is served locally. */
  MAP_STYLE_URL: url.optional(),
  /** GTFS static zip the model services load the transit network from (default: the twin's). */
  TRANSIT_GTFS_URL: url.optional(),
  /** GTFS-Realtime feeds the model services poll (default: the twin's). */
  TRANSIT_VEHICLE_POSITIONS_URL: url.optional(),
  TRANSIT_TRIP_UPDATES_URL: url.optional(),
  TRANSIT_ALERTS_URL: url.optional(),
  /** How often the model services poll the GTFS-Realtime feeds, in milliseconds. */
  TRANSIT_POLL_MS: z.coerce.number().int().min(500).max(300_000).default(5000),
  /** Log level of the server processes. */
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
  /** Which AQI the air layer reports: US EPA (2024 PM2.5 breakpoints) or China HJ 633-2012. */
  AQI_STANDARD: aqiStandardSchema.default('us-epa'),
  /** Log format of the web process and gateway: one JSON object a line, or plain text. */
  LOG_FORMAT: z.enum(['json', 'text']).default('json'),
  /** Email of the first admin, created on a first start when there are no users yet. */
  POLIS_ADMIN_EMAIL: z.string().trim().toLowerCase().pipe(z.email()).optional(),
  /** Password of that first admin; without it a one-time password is generated and logged once. */
  POLIS_ADMIN_PASSWORD: z.string().min(12, 'must be at least 12 characters').max(1024).optional(),
  /** How long a sign-in lasts, in hours. */
  SESSION_TTL_H: z.coerce.number().positive().max(24 * 90).default(12),
  /** Sign-in: failures of one account (known or not) within AUTH_FAILURE_WINDOW_S that lock it for AUTH_LOCKOUT_S. */
  AUTH_ACCOUNT_MAX_FAILURES: z.coerce.number().int().min(1).max(1000).default(10),
  /** Sign-in: failures from one IP address within AUTH_FAILURE_WINDOW_S that block it for AUTH_LOCKOUT_S. */
  AUTH_IP_MAX_FAILURES: z.coerce.number().int().min(1).max(100_000).default(30),
  /** Sign-in: the window failures are counted in, in seconds. */
  AUTH_FAILURE_WINDOW_S: z.coerce.number().int().min(1).max(86_400).default(900),
  /** Sign-in: how long a locked account or blocked address waits, in seconds. */
  AUTH_LOCKOUT_S: z.coerce.number().int().min(1).max(86_400).default(900),
  /** Mark the session cookie Secure (set it when the control room is served over HTTPS). */
  COOKIE_SECURE: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
  /** redis://…: several gateways share broadcasts and elect one poller through this Redis. */
  REDIS_URL: z.string().regex(/^rediss?:\/\//, 'must be a redis:// URL').optional(),
  /** A client with more than this many KiB waiting to be sent gets a fresh snapshot instead of a backlog. */
  REALTIME_MAX_BUFFER_KB: z.coerce.number().int().min(16).max(65_536).default(1024),
  /** State-changing socket events (actions:*, alerts:acknowledge) one socket may send a second, after a burst of REALTIME_ACTION_BURST; more are refused `rate-limited`. */
  REALTIME_ACTION_RATE: z.coerce.number().min(0.01).max(1000).default(2),
  REALTIME_ACTION_BURST: z.coerce.number().int().min(1).max(10_000).default(20),
  /** Bearer token a Prometheus scraper sends for /metrics (a signed-in admin may read it too); unset: admins only. */
  METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').max(512).optional(),
  /** mqtt://host:1883: the twin publishes observations to this broker and the model services subscribe. */
  MQTT_URL: z.string().regex(/^mqtts?:\/\/[^/\s]+/, 'must be an mqtt:// URL').optional(),
  /** Raw observations older than this many days are deleted once their 5-minute rollups exist (server/models/retention.ts). */
  OBSERVATION_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  /** Bearer token that authorises POST /v1/models/{id}/train on the model services (and `npm run train` against them); unset: off. */
  MODELS_ADMIN_TOKEN: z.string().min(16, 'must be at least 16 characters').max(512).optional(),
  /**
   * Targets with no trained model yet train their fast families (baselines and ridge) from the
   * stored history by themselves, so forecasts exist on a fresh start; 'off' leaves it to npm run train.
   */
  MODELS_AUTO_TRAIN: z.enum(['fast', 'off']).default('fast'),
  /** Alert: a segment under this share of its free-flow speed has collapsed. */
  ALERT_SPEED_COLLAPSE_RATIO: z.coerce.number().gt(0).max(1).default(0.1),
  /** Alert: a feeder over this share of its capacity (over 1 is critical). */
  ALERT_FEEDER_UTILISATION: z.coerce.number().gt(0).max(5).default(0.9),
  /** Alert: a station at or above this AQI level (1–6; 4 = unhealthy / 中度污染). */
  ALERT_AQI_LEVEL: z.coerce.number().int().min(2).max(6).default(4),
  /** Alert: two buses of a route heading for the same stop closer than this, metres. */
  ALERT_BUNCHING_M: z.coerce.number().positive().max(5000).default(200),
  /** Alert: incidents at or above this severity. */
  ALERT_INCIDENT_SEVERITY: z.enum(['low', 'medium', 'high']).default('medium'),
  /** Alert: a major road forecast under this share of free-flow speed within the hour. */
  ALERT_FORECAST_SPEED_RATIO: z.coerce.number().gt(0).max(1).default(0.25),
  /** Alert: a feeder or substation forecast over this share of its capacity within the hour. */
  ALERT_FORECAST_UTILISATION: z.coerce.number().gt(0).max(5).default(1),
  /** An alert resolves when its condition has not held for this many seconds. */
  ALERT_RESOLVE_AFTER_S: z.coerce.number().min(0).max(86_400).default(60),
  /** Port of the twin's control endpoint (POST /incidents, loopback only) for tests and drills; unset: off. */
  TWIN_CONTROL_PORT: port.optional(),
  /**
   * The twin's actuation API (signal timings, demand response, restrictions, what-if), always on,
   * loopback only: the gateway's action workflow and the optimisers call it.
   */
  TWIN_ACTUATION_PORT: port.default(4021),
  /** Where the twin's actuation API is (default http://127.0.0.1:TWIN_ACTUATION_PORT). */
  TWIN_ACTUATION_URL: url.optional(),
  /**
   * Action kinds of high impact, comma-separated: they need a manager's approval; the others an
   * operator may execute directly ('none': all low). Decided once per action, when it is proposed.
   */
  ACTIONS_HIGH_IMPACT: z
    .string()
    .default('demand-response,traffic-restriction')
    .transform((v) => (v.trim() === 'none' ? '' : v).split(',').map((k) => k.trim()).filter(Boolean))
    .pipe(z.array(z.enum(['signal-retiming', 'demand-response', 'traffic-restriction']))),
  /** How often the elected gateway measures active actions and re-sends executions left in flight, ms. */
  ACTIONS_MONITOR_MS: z.coerce.number().int().min(100).max(60_000).default(5000),
  /** Automatic rollback: an active action observed worse than its predicted baseline by this share … */
  ACTIONS_HARM_MARGIN: z.coerce.number().min(0).max(10).default(0.1),
  /** … in this many consecutive readings (0: never automatically). */
  ACTIONS_HARM_READINGS: z.coerce.number().int().min(0).max(1000).default(3),
  /** A forecast overload of a feeder gets a demand-response proposal from "system", once per alert. */
  ACTIONS_SUGGEST: z.enum(['on', 'off']).default('on'),
});

export type Config = z.infer<typeof configSchema>;

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** Read and validate the configuration; throws a ConfigError naming each bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  // Empty strings count as unset, as in most shells' `VAR= cmd`.
  const clean: Record<string, string> = {};
  for (const key of Object.keys(configSchema.shape)) {
    const v = env[key];
    if (v !== undefined && v !== '') clean[key] = v;
  }
  const r = configSchema.safeParse(clean);
  if (!r.success) {
    const lines = r.error.issues.map((i) => `  ${formatPath(i.path)}=${JSON.stringify(clean[String(i.path[0])] ?? '')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return r.data;
}

/** The alert rules' thresholds from the ALERT_* settings. */
export function alertThresholds(config: Config): AlertThresholds {
  return {
    speedCollapseRatio: config.ALERT_SPEED_COLLAPSE_RATIO,
    feederUtilisation: config.ALERT_FEEDER_UTILISATION,
    aqiLevel: config.ALERT_AQI_LEVEL,
    bunchingM: config.ALERT_BUNCHING_M,
    incidentSeverity: config.ALERT_INCIDENT_SEVERITY,
    forecastSpeedRatio: config.ALERT_FORECAST_SPEED_RATIO,
    forecastUtilisation: config.ALERT_FORECAST_UTILISATION,
  };
}

export function twinActuationUrl(config: Config): string {
  return config.TWIN_ACTUATION_URL ?? `http://127.0.0.1:${config.TWIN_ACTUATION_PORT}`;
}

export function modelsUrl(config: Config): string {
  return config.MODELS_URL ?? `http://127.0.0.1:${config.MODELS_PORT}`;
}

/** Where the model services get transit: each URL as set, else the twin's feed server on TWIN_PORT. */
export function transitFeedUrls(config: Config): { gtfs: string; vehiclePositions: string; tripUpdates: string; alerts: string } {
  const twin = `http://127.0.0.1:${config.TWIN_PORT}`;
  return {
    gtfs: config.TRANSIT_GTFS_URL ?? `${twin}/gtfs/static.zip`,
    vehiclePositions: config.TRANSIT_VEHICLE_POSITIONS_URL ?? `${twin}/gtfs-rt/vehicle-positions.pb`,
    tripUpdates: config.TRANSIT_TRIP_UPDATES_URL ?? `${twin}/gtfs-rt/trip-updates.pb`,
    alerts: config.TRANSIT_ALERTS_URL ?? `${twin}/gtfs-rt/alerts.pb`,
  };
}
