import type { GtfsFeed } from '@/lib/gtfs/schema';
import type { ActionPlan, ActuationStatus } from '@/lib/protocol/actuation';
import type { Entity } from '@/lib/protocol/ngsi';
import { ValidationError } from '@/lib/validation';
import { Actuator } from './actuation/actuator';
import { AirTwin } from './air/air-twin';
import type { City } from './city';
import type { TwinDomain, WeatherNow } from './domain';
import { isGridDomain, type GridDomain } from './grid/domain';
import { trafficFlowEntities } from './ngsi';
import { TrafficSim } from './sim';
import { createTwinDomains } from './twin-domains';

export interface WorldOptions {
  seed: number;
  start: number;
  /** An imported city's feed, run by the transit domain instead of a generated one. */
  gtfs?: GtfsFeed;
}

/** The whole twin: the traffic simulation and every other domain, stepped together. */
export class World {
  readonly traffic: TrafficSim;
  readonly domains: TwinDomain[];
  readonly weather: () => WeatherNow;
  /** Plans in force (signal timings, demand response, restrictions) and their records. */
  readonly actuator: Actuator;

  constructor(
    readonly city: City,
    private readonly opts: WorldOptions,
  ) {
    this.traffic = new TrafficSim(city, opts);
    const built = createTwinDomains({ city, traffic: this.traffic, seed: opts.seed, gtfs: opts.gtfs });
    this.domains = built.domains;
    this.weather = built.weather;
    for (const d of this.domains) d.step(this.traffic.time);
    this.actuator = new Actuator({ city, traffic: this.traffic, grid: this.grid, air: this.air });
  }

  get time(): number {
    return this.traffic.time;
  }

  get grid(): GridDomain | undefined {
    return this.domains.find(isGridDomain);
  }

  get air(): AirTwin | undefined {
    return this.domains.find((d): d is AirTwin => d instanceof AirTwin);
  }

  step(): void {
    this.traffic.step();
    for (const d of this.domains) d.step(this.traffic.time);
    // A plan ends when twin time reaches its end: the next step runs without it.
    this.actuator.expire(this.traffic.time);
  }

  /**
   * Carry a plan out now. Idempotent by actionId: a known id does nothing and answers
   * duplicate: true. A plan that does not fit the city throws a ValidationError and changes nothing.
   */
  actuate(actionId: string, plan: ActionPlan): ActuationStatus {
    const known = this.actuator.status(actionId);
    if (known) return { ...known, duplicate: true };
    const issues = this.actuator.validate(plan, this.time);
    if (issues.length) throw new ValidationError('invalid plan', issues);
    return this.actuator.actuate(actionId, plan, this.time);
  }

  /** Take an action back: what it changed returns to what ran before. Null for an unknown id. */
  rollback(actionId: string): ActuationStatus | null {
    return this.actuator.rollback(actionId);
  }

  /**
   * A deep copy of the world now (traffic, random streams, incidents, batteries, air, plans in
   * force) that steps on its own: what-if runs fork it. Domains without copyFrom (transit) start
   * afresh at the fork's time.
   */
  fork(): World {
    const copy = new World(this.city, { ...this.opts, start: this.time });
    copy.traffic.copyFrom(this.traffic);
    copy.domains.forEach((d, k) => d.copyFrom?.(this.domains[k]));
    copy.actuator.copyFrom(this.actuator);
    return copy;
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
