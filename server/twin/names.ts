import type { RoadClass } from '@/lib/domain/road';
import type { Random } from './random';

const ROOTS = [
  'Oak', 'Mill', 'Church', 'King', 'Queen', 'Station', 'Market', 'Bridge', 'Park', 'Hill', 'Elm', 'Cedar', 'Maple', 'Ash',
  'Birch', 'Willow', 'Chapel', 'Castle', 'Harbour', 'Garden', 'Victoria', 'Albert', 'George', 'York', 'Canal', 'Orchard',
  'Meadow', 'Brook', 'Chestnut', 'Linden', 'Hawthorn', 'Rose', 'Abbey', 'College', 'Foundry', 'Granary', 'Tanner', 'Weaver',
  'Cooper', 'Mason', 'Fletcher', 'Baker', 'Salt', 'Wool', 'Copper', 'Silver', 'Tower', 'Gate', 'Well', 'Spring', 'Farrow',
  'Heath', 'Moor', 'Dale', 'Ridge', 'Quarry', 'Kiln', 'Forge', 'Lantern', 'Beacon', 'Harrow', 'Ferry', 'Wharf', 'Dock',
  'Cross', 'Cathedral', 'Priory', 'Grove', 'Holly', 'Ivy', 'Laurel', 'Poplar', 'Rowan', 'Sycamore', 'Juniper', 'Alder',
  'Hazel', 'Beech', 'Larch', 'Aspen', 'Clover', 'Fern', 'Heather', 'Thistle', 'Primrose', 'Bluebell', 'Sorrel', 'Tulip',
];
const PREFIXES = ['', 'North ', 'South ', 'East ', 'West ', 'Upper ', 'Lower ', 'Old ', 'New ', 'Little ', 'Great '];

const SUFFIXES: Record<RoadClass, string[]> = {
  motorway: ['Ring Road'],
  primary: ['Avenue', 'Road', 'Boulevard'],
  secondary: ['Street', 'Road'],
  tertiary: ['Street', 'Road', 'Way'],
  residential: ['Lane', 'Street', 'Close', 'Way', 'Grove', 'Terrace', 'Row'],
};

/** Street names that look like a real English town's: unique, deterministic for a seed. */
export function streetNamer(rng: Random): (roadClass: RoadClass) => string {
  const roots = rng.shuffle(ROOTS);
  const used = new Set<string>();
  let i = 0;
  return (roadClass) => {
    for (;;) {
      const root = roots[i % roots.length];
      const prefix = PREFIXES[Math.floor(i / roots.length) % PREFIXES.length];
      i++;
      const name = `${prefix}${root} ${rng.pick(SUFFIXES[roadClass])}`;
      if (!used.has(name)) {
        used.add(name);
        return name;
      }
    }
  };
}

export const DISTRICT_NAMES = [
  'Old Town', 'Riverside', 'Northgate', 'Southbank', 'Eastfield', 'Westbrook', 'Hillcrest', 'Millbrook', 'Station Quarter',
  'Harbourside', 'Abbey Fields', 'Kingsmead', 'Foundry Hill', 'Orchard Vale', 'Castle Green', 'Market Heath',
];
