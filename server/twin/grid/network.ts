import type { Battery, Feeder, GridNetwork, Substation } from '@/lib/protocol/grid';
import { riverSide, type City } from '../city';
import { Random } from '../random';
import { referencePeakKw, type LoadMix } from './load';

/** What a district mostly is: it sets the mix of customers on its feeders. */
export type DistrictKind = 'residential' | 'commercial' | 'industrial';

/** A feeder as the twin simulates it: the static asset plus who is on it. */
export interface FeederModel {
  feeder: Feeder;
  district: DistrictKind;
  /** Peak demand of each customer class on its own (kW); their sum is the non-coincident peak. */
  mix: LoadMix;
  /** Installed rooftop solar, kWp. */
  solarKwp: number;
}

export interface GridModel {
  network: GridNetwork;
  feeders: FeederModel[];
  /** Feeder index of each substation's feeders. */
  feedersOf: number[][];
  /** Feeder index each battery is connected to. */
  batteryFeeder: number[];
}

const MIN_SUBSTATIONS = 12;
const MIN_FEEDERS = 80;
/** Roughly one substation per this many street junctions (a 2,000-segment city gets 15). */
const JUNCTIONS_PER_SUBSTATION = 35;
const MAX_SUBSTATIONS = 60;

const SHARES: Record<DistrictKind, { residential: number; office: number; industry: number; ev: number; solar: [number, number] }> = {
  residential: { residential: 0.72, office: 0.14, industry: 0.04, ev: 0.1, solar: [0.2, 0.45] },
  commercial: { residential: 0.22, office: 0.62, industry: 0.08, ev: 0.08, solar: [0.1, 0.3] },
  industrial: { residential: 0.12, office: 0.14, industry: 0.68, ev: 0.06, solar: [0.15, 0.35] },
};

/** k-means over the junctions: districts of similar size; returns the point nearest each centre. */
function districts(points: Array<[number, number]>, k: number, rng: Random): number[] {
  const n = points.length;
  const px = Float64Array.from(points, (p) => p[0]);
  const py = Float64Array.from(points, (p) => p[1]);
  const cx = new Float64Array(k);
  const cy = new Float64Array(k);
  rng.shuffle([...Array(n).keys()]).slice(0, k).forEach((i, c) => {
    cx[c] = px[i];
    cy[c] = py[i];
  });
  const assign = new Int32Array(n);
  const sx = new Float64Array(k);
  const sy = new Float64Array(k);
  const count = new Int32Array(k);
  for (let iter = 0; iter < 12; iter++) {
    sx.fill(0);
    sy.fill(0);
    count.fill(0);
    for (let i = 0; i < n; i++) {
      let best = 0;
      let bestD = Infinity;
      for (let c = 0; c < k; c++) {
        const d = (px[i] - cx[c]) ** 2 + (py[i] - cy[c]) ** 2;
        if (d < bestD) {
          best = c;
          bestD = d;
        }
      }
      assign[i] = best;
      sx[best] += px[i];
      sy[best] += py[i];
      count[best]++;
    }
    for (let c = 0; c < k; c++) {
      if (!count[c]) continue;
      cx[c] = sx[c] / count[c];
      cy[c] = sy[c] / count[c];
    }
  }
  const nearest = new Int32Array(k);
  for (let c = 0; c < k; c++) {
    let bestD = Infinity;
    for (let i = 0; i < n; i++) {
      const d = (px[i] - cx[c]) ** 2 + (py[i] - cy[c]) ** 2;
      if (d < bestD) {
        nearest[c] = i;
        bestD = d;
      }
    }
  }
  return [...nearest];
}

/** Breadth-first tree over the street graph from `root`, inside `allowed` nodes: parent of each reached node. */
function streetTree(neighbours: number[][], root: number, allowed: (v: number) => boolean): Map<number, number> {
  const parent = new Map<number, number>([[root, -1]]);
  const queue = [root];
  for (let q = 0; q < queue.length; q++) {
    const v = queue[q];
    for (const w of neighbours[v]) {
      if (parent.has(w) || !allowed(w)) continue;
      parent.set(w, v);
      queue.push(w);
    }
  }
  return parent;
}

/** Street path from the tree's root to `v`; empty when the tree does not reach it. */
const pathTo = (parent: Map<number, number>, v: number): number[] => {
  if (!parent.has(v)) return [];
  const path: number[] = [];
  for (let u = v; u !== -1; u = parent.get(u) ?? -1) path.push(u);
  return path.reverse();
};

/**
 * Generate the electricity grid of a city from a seed: substations at district centres (on the
 * street grid), feeders from each along the streets of its district, each serving a sector of it,
 * and battery sites on the most heavily loaded feeders. Same city and seed, same grid.
 */
export function generateGrid(city: City, seed: number): GridModel {
  const rng = new Random((seed ^ 0x6a09e667) >>> 0);
  const xy = (v: number): [number, number] => [city.nodes[v].x, city.nodes[v].y];
  // Cables run under town streets, not along motorways: junctions are nodes of the other streets
  // (generated or imported city alike).
  const neighbours: number[][] = Array.from({ length: city.nodes.length }, () => []);
  for (const s of city.segments) if (s.roadClass !== 'motorway') neighbours[s.from].push(s.to);
  const junctions = [...neighbours.keys()].filter((v) => neighbours[v].length > 0);
  // A substation is named after a street at its site, a main one when there is one.
  const streetName: string[] = [];
  for (const s of city.segments) if (streetName[s.from] === undefined || s.roadClass !== 'residential') streetName[s.from] ??= s.name;
  const mainStreet: string[] = [];
  for (const s of city.segments) if (s.roadClass !== 'residential') mainStreet[s.from] ??= s.name;
  const streetAt = (v: number) => mainStreet[v] ?? streetName[v] ?? 'Grid';

  const k = Math.max(MIN_SUBSTATIONS, Math.min(MAX_SUBSTATIONS, Math.round(junctions.length / JUNCTIONS_PER_SUBSTATION)));
  const sites = districts(junctions.map(xy), k, rng).map((i) => junctions[i]);
  const river = city.river;
  const sides = city.nodes.map((p) => (river ? riverSide(river, p.x, p.y) : 0));
  const side = (v: number) => sides[v];
  // Each junction is served from the nearest substation on its side of the river (cables cross on bridges rarely).
  const districtOf = new Map<number, number>();
  for (const v of junctions) {
    let best = 0;
    let bestD = Infinity;
    sites.forEach((s, si) => {
      const d = Math.hypot(city.nodes[v].x - city.nodes[s].x, city.nodes[v].y - city.nodes[s].y) * (side(v) === side(s) ? 1 : 3);
      if (d < bestD) [best, bestD] = [si, d];
    });
    districtOf.set(v, best);
  }

  const radius = Math.max(...junctions.map((v) => Math.hypot(...xy(v))));
  const industrial = new Set(
    rng
      .shuffle(sites.map((s, si) => ({ si, r: Math.hypot(...xy(s)) })).filter((d) => d.r > 0.5 * radius))
      .slice(0, Math.max(2, Math.round(k / 6)))
      .map((d) => d.si),
  );
  const kindOf = (si: number): DistrictKind =>
    industrial.has(si) ? 'industrial' : Math.hypot(...xy(sites[si])) < 0.3 * radius ? 'commercial' : 'residential';

  const perSubstation = Math.max(6, Math.ceil(MIN_FEEDERS / k));
  const substations: Substation[] = [];
  const feeders: FeederModel[] = [];
  const feedersOf: number[][] = [];
  const usedNames = new Set<string>();
  sites.forEach((site, si) => {
    const id = `ss${String(si + 1).padStart(2, '0')}`;
    let name = `${streetAt(site)} Substation`;
    if (usedNames.has(name)) name = `${streetAt(site)} Substation ${si + 1}`;
    usedNames.add(name);
    const district = kindOf(si);
    const members = junctions.filter((v) => districtOf.get(v) === si && v !== site);
    const [sx, sy] = xy(site);
    members.sort((a, b) => Math.atan2(city.nodes[a].y - sy, city.nodes[a].x - sx) - Math.atan2(city.nodes[b].y - sy, city.nodes[b].x - sx));
    const count = perSubstation + (rng.next() < 0.35 ? 1 : 0);
    const inDistrict = streetTree(neighbours, site, (v) => districtOf.get(v) === si);
    const anywhere = streetTree(neighbours, site, () => true);
    const mine: number[] = [];
    for (let f = 0; f < count; f++) {
      // Sector f of the district (by bearing from the substation); a tiny district shares nodes.
      const lo = Math.floor((f * members.length) / count);
      const hi = Math.max(lo + 1, Math.floor(((f + 1) * members.length) / count));
      const sector = members.length ? members.slice(lo, Math.min(hi, members.length)) : [];
      if (!sector.length) sector.push(members[f % Math.max(1, members.length)] ?? neighbours[site][0]);
      const reach = (v: number) => (inDistrict.has(v) ? inDistrict : anywhere);
      const far = sector.reduce((best, v) => (pathTo(reach(v), v).length > pathTo(reach(best), best).length ? v : best), sector[0]);
      let nodes = pathTo(reach(far), far);
      if (nodes.length < 2) nodes = [site, neighbours[site][0]];
      // A feeder is drawn with at most 500 points (the schema's limit); longer routes are cut.
      nodes = nodes.slice(0, 500);
      const shares = SHARES[district];
      const jitter = () => rng.range(0.75, 1.25);
      const peak = rng.range(2500, 6500);
      const raw = { residential: shares.residential * jitter(), office: shares.office * jitter(), industry: shares.industry * jitter(), ev: shares.ev * jitter() };
      const total = raw.residential + raw.office + raw.industry + raw.ev;
      const mix: LoadMix = {
        residential: (peak * raw.residential) / total,
        office: (peak * raw.office) / total,
        industry: (peak * raw.industry) / total,
        ev: (peak * raw.ev) / total,
      };
      // Most feeders have headroom over their design peak; some have grown past it (new EV
      // chargers, heat pumps) and overload on hot or cold peaks.
      // Office districts grew most (their air conditioning overloads them on hot afternoons).
      const tight = rng.next() < (district === 'commercial' ? 0.4 : 0.12);
      const headroom = tight ? rng.range(0.9, 1.05) : rng.range(1.12, 1.5);
      mine.push(feeders.length);
      feeders.push({
        feeder: {
          id: `${id}-f${f + 1}`,
          name: `${name.replace(/ Substation( \d+)?$/, '')} F${f + 1}`,
          substationId: id,
          path: nodes.map((v) => city.toLonLat(city.nodes[v].x, city.nodes[v].y)),
          capacityKw: Math.round(referencePeakKw(mix) * headroom),
        },
        district,
        mix,
        solarKwp: Math.round(peak * rng.range(...shares.solar)),
      });
    }
    feedersOf.push(mine);
    // Feeder peaks do not all coincide, so a substation is rated below the sum of its feeders.
    const firm = mine.reduce((sum, i) => sum + feeders[i].feeder.capacityKw, 0);
    substations.push({ id, name, location: city.toLonLat(sx, sy), capacityKw: Math.round(firm * rng.range(0.85, 1.05)) });
  });

  // Batteries relieve the tightest feeders with an evening peak and a midday solar surplus (a
  // utility's "non-wires alternative"); office feeders peak at midday, when a battery charges.
  const tightest = feeders
    .map((f, i) => ({ i, margin: f.feeder.capacityKw / referencePeakKw(f.mix) + (f.district === 'commercial' ? 10 : 0) }))
    .sort((a, b) => a.margin - b.margin)
    .slice(0, Math.max(2, Math.round(feeders.length / 30)))
    .map((t) => t.i);
  const batteries: Battery[] = tightest.map((fi, b) => {
    const f = feeders[fi].feeder;
    const powerKw = Math.round(rng.range(0.15, 0.25) * f.capacityKw);
    return {
      id: `bat${String(b + 1).padStart(2, '0')}`,
      name: `${f.name} battery`,
      location: f.path[Math.floor(f.path.length / 2)],
      feederId: f.id,
      energyKwh: Math.round(powerKw * rng.range(2, 4)),
      powerKw,
    };
  });
  return { network: { substations, feeders: feeders.map((f) => f.feeder), batteries }, feeders, feedersOf, batteryFeeder: tightest };
}
