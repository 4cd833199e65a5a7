import type { DomainFactory } from './domain';

/**
 * The city's domains beyond road traffic, in the order their routes are tried. Each adds its
 * NGSI-LD ingest, live layers and routes (see domain.ts).
 */
export const domainFactories: DomainFactory[] = [];
