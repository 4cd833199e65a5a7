import type { GtfsFeed } from '@/lib/gtfs/schema';
import type { Entity } from '@/lib/protocol/ngsi';
import type { City } from './city';
import type { TwinDomain, WeatherNow } from './domain';
import { trafficFlowEntities } from './ngsi';
import { TrafficSim } from './sim';
import { createTwinDomains } from './twin-domains';

/** The whole twin: the traffic simulation and every other domain, stepped together. */
export class World {
  readonly traffic: TrafficSim;
  readonly domains: TwinDomain[];
  readonly weather: () => WeatherNow;

  constructor(
    readonly city: City,
    /** gtfs: an imported city's feed, run by the transit domain instead of a generated one. */
    opts: { seed: number; start: number; gtfs?: GtfsFeed },
  ) {
    this.traffic = new TrafficSim(city, opts);
    const built = createTwinDomains({ city, traffic: this.traffic, seed: opts.seed, gtfs: opts.gtfs });
    this.domains = built.domains;
    this.weather = built.weather;
    for (const d of this.domains) d.step(this.traffic.time);
  }

  get time(): number {
    return this.traffic.time;
  }

  step(): void {
    this.traffic.step();
    for (const d of this.domains) d.step(this.traffic.time);
  }

  /** Static entities of every domain, to register at start. */
  registration(): Entity[] {
    return this.domains.flatMap((d) => d.registration());
  }

  /** Everything the field reports now: every segment's traffic, and each domain's due readings. */
  observations(): Entity[] {
    return [...trafficFlowEntities(this.city, this.traffic), ...this.domains.flatMap((d) => d.observations())];
  }
}
