import type { CityHistoryBackfill } from '@/lib/protocol/forecast-history';
import { basemapSchema, type Basemap } from '@/lib/protocol/basemap';
import { errorBodySchema, healthSchema, type Health, type HistoryBackfill } from '@/lib/protocol/models-api';
import type { Entity } from '@/lib/protocol/ngsi';

const UPSERT_CHUNK = 5000;

/** The twin's side of the model services' HTTP API (docs/API.md). */
export class ModelsClient {
  constructor(private readonly base: string) {}

  /** Everything the twin sends is idempotent, so a dropped connection is simply retried. */
  private async send(method: string, path: string, body: unknown, timeoutMs: number): Promise<void> {
    const json = JSON.stringify(body);
    let res: Response | undefined;
    for (let attempt = 1; !res; attempt++) {
      try {
        res = await fetch(`${this.base}${path}`, {
          method,
          headers: { 'content-type': 'application/json' },
          body: json,
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (err) {
        // A kept-alive connection the server closed as we reused it fails at once ("fetch failed").
        if (attempt >= 3 || (err instanceof Error && err.name === 'TimeoutError')) throw err;
        await new Promise((r) => setTimeout(r, 200 * attempt));
      }
    }
    if (res.ok) return;
    const parsed = errorBodySchema.safeParse(await res.json().catch(() => null));
    throw new Error(`${method} ${path} answered ${res.status}: ${parsed.success ? parsed.data.error.message : 'no error body'}`);
  }

  async health(): Promise<Health> {
    const res = await fetch(`${this.base}/health`, { signal: AbortSignal.timeout(5000) });
    if (!res.ok) throw new Error(`/health answered ${res.status}`);
    return healthSchema.parse(await res.json());
  }

  /** Wait until the model services answer, retrying with backoff (they may start after the twin). */
  async waitForHealth(log: (m: string) => void, signal?: AbortSignal): Promise<Health> {
    let delay = 250;
    let told = false;
    for (;;) {
      try {
        return await this.health();
      } catch (err) {
        if (signal?.aborted) throw err;
        if (!told) log(`waiting for the model services at ${this.base}…`);
        told = true;
        await new Promise((r) => setTimeout(r, delay));
        delay = Math.min(delay * 2, 3000);
      }
    }
  }

  async upsert(entities: readonly Entity[]): Promise<void> {
    for (let i = 0; i < entities.length; i += UPSERT_CHUNK)
      await this.send('POST', '/ngsi-ld/v1/entityOperations/upsert', entities.slice(i, i + UPSERT_CHUNK), 30_000);
  }

  async putBasemap(basemap: Basemap): Promise<void> {
    await this.send('PUT', '/v1/city/basemap', basemapSchema.parse(basemap), 30_000);
  }

  async postHistory(block: HistoryBackfill): Promise<void> {
    await this.send('POST', '/v1/ingest/traffic/history', block, 120_000);
  }

  /** Grid, air and weather 5-minute history (POST /v1/ingest/city/history). */
  async postCityHistory(block: CityHistoryBackfill): Promise<void> {
    await this.send('POST', '/v1/ingest/city/history', block, 120_000);
  }
}
