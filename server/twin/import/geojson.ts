import { lonLatSchema } from '@/lib/domain/road';
import { roadFeatureSchema, roadsGeoJsonSchema, type OsmTags } from '@/lib/protocol/city-import';
import { formatPath, issuesOf } from '@/lib/validation';
import { emptyOsmData, type OsmData } from './osm-data';
import { ImportError } from './problems';

/** Feature ids become part of segment ids, which allow only these characters. */
const safeKey = (id: string | number) => String(id).replace(/[^A-Za-z0-9._-]/g, '.').slice(0, 40);

/**
 * Read roads from a GeoJSON FeatureCollection of LineStrings / MultiLineStrings whose properties
 * are OSM tags (highway, lanes, maxspeed, name, oneway…), as OSM exporters write them. Lines that
 * share an end or vertex position are joined there, as OSM ways sharing a node are. A feature
 * that does not parse is reported and skipped; so is a position out of range (the line is cut there).
 */
export function readRoadsGeoJson(text: string, name = 'the file'): OsmData {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new ImportError(`${name} is not valid JSON (truncated?): ${err instanceof Error ? err.message : String(err)}`);
  }
  const top = roadsGeoJsonSchema.safeParse(json);
  if (!top.success) {
    const i = issuesOf(top.error)[0];
    throw new ImportError(`${name} is not a GeoJSON FeatureCollection: ${i.path || '(root)'}: ${i.message}`);
  }

  const data = emptyOsmData();
  const idOf = new Map<string, number>();
  let nextId = 1;
  const nodeAt = (p: number[]): number => {
    if (!lonLatSchema.safeParse([p[0], p[1]]).success) {
      const id = nextId++;
      data.badNodes.add(id);
      return id;
    }
    // Positions equal to 1e-7° (about 1 cm) are one node, as in OSM's own precision.
    const key = `${p[0].toFixed(7)},${p[1].toFixed(7)}`;
    let id = idOf.get(key);
    if (id === undefined) {
      id = nextId++;
      idOf.set(key, id);
      data.nodes.set(id, [p[0], p[1]]);
    }
    return id;
  };

  const usedKeys = new Set<string>();
  top.data.features.forEach((raw, index) => {
    const r = roadFeatureSchema.safeParse(raw);
    if (!r.success) {
      const i = r.error.issues[0];
      data.waysRead++;
      return data.invalidElements.add(`feature ${index}: ${formatPath(i.path) || '(root)'}: ${i.message}`);
    }
    const f = r.data;
    if (f.geometry.type !== 'LineString' && f.geometry.type !== 'MultiLineString') return;
    // Every line of a roads file is a road: one without a highway tag is a road of unknown type.
    const tags: OsmTags = { highway: 'road', ...f.properties };
    const declared = f.id ?? tags['@id'] ?? tags.id;
    let key = declared !== undefined ? `g${safeKey(declared)}` : `f${index}`;
    if (usedKeys.has(key)) key = `${key}.${index}`;
    usedKeys.add(key);
    const lines = f.geometry.type === 'LineString' ? [f.geometry.coordinates] : f.geometry.coordinates;
    lines.forEach((coords, part) => {
      data.waysRead++;
      const refs = coords.map((p, k) => {
        const id = nodeAt(p);
        if (data.badNodes.has(id)) data.badCoordinates.add(`feature ${index}: position ${k} [${p.join(', ')}] is out of range`);
        return id;
      });
      const label = `feature ${index}${declared !== undefined ? ` (${String(declared)})` : ''}${lines.length > 1 ? ` part ${part}` : ''}`;
      data.ways.push({ key: lines.length > 1 ? `${key}.${part}` : key, label, refs, tags });
    });
  });
  return data;
}
