import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ForecastTarget } from '@/lib/protocol/forecast';
import type { UpsertBatch } from '@/lib/protocol/ngsi';
import type { FieldIssue } from '@/lib/validation';
import type { Queryable } from '../store/sql';
import type { Store } from '../store/store';
import type { LayerCache } from './layer-cache';
import type { ForecastSet } from './ml/service';

/**
 * One domain of the city in the model services (grid, air, weather, transit, incidents): its
 * part of NGSI-LD ingest, its live layers and its own routes. server/models/domains.ts lists them.
 */
export interface DomainIngestPlan {
  /** Problems with this domain's entities (e.g. an unknown reference): the whole batch is refused. */
  issues: FieldIssue[];
  /** Rows to write inside the batch's one transaction. */
  write: (tx: Queryable) => Promise<void>;
  /** Update in-memory state once the transaction committed. */
  apply: () => void;
}

export interface RouteContext {
  req: IncomingMessage;
  res: ServerResponse;
  path: string;
  method: string;
  query: Record<string, string>;
  /** Throws 405 unless the method is one of these. */
  allow: (...methods: string[]) => void;
}

export interface ModelsDomain {
  name: string;
  /** Live layers this domain serves at GET /v1/state/{layer}. */
  layers: LayerCache[];
  /** Plan this domain's part of a validated upsert batch; nothing is applied before all domains agree. */
  planUpsert?: (batch: UpsertBatch) => DomainIngestPlan;
  /** Answer a request if the path is this domain's; false otherwise. */
  route?: (ctx: RouteContext) => Promise<boolean>;
  /** The forecasts this domain serves now, for the optimisers (null: none for that target). */
  forecast?: (target: ForecastTarget) => ForecastSet | null;
  close?: () => Promise<void>;
}

export interface DomainDeps {
  store: Store;
  log: (line: string) => void;
  now: () => number;
}

export type DomainFactory = (deps: DomainDeps) => Promise<ModelsDomain>;
