import { z } from 'zod';
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
  /** Mark the session cookie Secure (set it when the control room is served over HTTPS). */
  COOKIE_SECURE: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
  /** redis://…: several gateways share broadcasts and elect one poller through this Redis. */
  REDIS_URL: z.string().regex(/^rediss?:\/\//, 'must be a redis:// URL').optional(),
  /** A client with more than this many KiB waiting to be sent gets a fresh snapshot instead of a backlog. */
  REALTIME_MAX_BUFFER_KB: z.coerce.number().int().min(16).max(65_536).default(1024),
  /** mqtt://host:1883: the twin publishes observations to this broker and the model services subscribe. */
  MQTT_URL: z.string().regex(/^mqtts?:\/\/[^/\s]+/, 'must be an mqtt:// URL').optional(),
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
