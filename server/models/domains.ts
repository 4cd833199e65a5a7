import { loadConfig } from '@/lib/config';
import { createAirModels } from './air/domain';
import type { DomainFactory } from './domain';
import { createGridModels } from './grid/domain';
import { createIncidentsDomain } from './incidents';
import { createTransitModels } from './transit/domain';
import { createWeatherModels } from './weather/domain';

/**
 * The city's domains beyond road traffic, in the order their routes are tried. Each adds its
 * NGSI-LD ingest, live layers and routes (see domain.ts).
 */
export const domainFactories: DomainFactory[] = [
  createIncidentsDomain,
  createWeatherModels,
  createGridModels,
  createAirModels(() => loadConfig().AQI_STANDARD),
  createTransitModels,
];
