import { loadConfig } from '@/lib/config';
import { createAirModels } from './air/domain';
import type { DomainFactory } from './domain';
import { createGridModels } from './grid/domain';
import { createIncidentsDomain } from './incidents';
import { createKpiModels } from './kpi/domain';
import { createForecastModels } from './ml/domain';
import { createReplayModels } from './replay/domain';
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
  createForecastModels(() => {
    const c = loadConfig();
    return { adminToken: c.MODELS_ADMIN_TOKEN, aqiStandard: c.AQI_STANDARD, autoTrain: c.MODELS_AUTO_TRAIN };
  }),
  createReplayModels,
  createKpiModels(() => loadConfig().AQI_STANDARD),
];
