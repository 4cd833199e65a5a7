import type { TwinContext, TwinDomain } from '../domain';
import { generateGrid, type GridModel } from './network';
import { gridObservationEntities, gridRegistrationEntities } from './ngsi';
import { GridSim } from './sim';

/** Grid meters report once a minute of twin time (SCADA feeder-head readings). */
export const GRID_REPORT_MS = 60_000;

export type GridDomain = TwinDomain & { name: 'grid'; model: GridModel; sim: GridSim };

export function isGridDomain(d: TwinDomain): d is GridDomain {
  return d.name === 'grid' && 'sim' in d;
}

/** The twin's electricity grid: registers its assets at start, reports their load every minute. */
export function createGridDomain(ctx: TwinContext): GridDomain {
  const model = generateGrid(ctx.city, ctx.seed);
  const sim = new GridSim(model, ctx.seed, ctx.traffic.time, ctx.city.seed);
  let reportedMinute = -1;
  return {
    name: 'grid' as const,
    model,
    sim,
    registration: () => gridRegistrationEntities(model),
    step: (time) => sim.step(time, ctx.weather()),
    observations: () => {
      // Once per minute crossed, however many steps ran since the last report.
      const minute = Math.floor(sim.time / GRID_REPORT_MS);
      if (minute === reportedMinute) return [];
      reportedMinute = minute;
      return gridObservationEntities(model, sim);
    },
    copyFrom: (other) => {
      if (!isGridDomain(other)) throw new Error('copyFrom: not a grid domain');
      sim.copyFrom(other.sim);
    },
  };
}
