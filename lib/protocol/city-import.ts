import { z } from 'zod';
import { lonLatSchema, roadClassSchema, roadSegmentSchema } from '../domain/road';
import { segmentIdSchema } from './models-api';

/**
 * What `npm run city:import` reads (an OpenStreetMap extract or GeoJSON roads, a GTFS zip) and
 * what it writes for the twin (DATA_DIR/city/city.json). Real data is messy: element schemas here
 * are applied one element at a time, so a bad node or feature is reported and skipped, not fatal.
 */

/** Roads files the importer understands, by name. */
export const ROADS_FILE_PATTERN = /\.(osm\.pbf|pbf|osm|osm\.gz|osm\.xml|geojson|json|geojson\.gz|json\.gz)$/i;

/** Command-line arguments of `npm run city:import -- --roads <file> [--gtfs feed.zip] [--name "Monaco"]`. */
export const cityImportArgsSchema = z.object({
  roads: z.string({ error: 'is required' }).min(1, 'is required').regex(ROADS_FILE_PATTERN, 'must be a .osm.pbf, .osm, .osm.gz or .geojson file'),
  gtfs: z.string().min(1).regex(/\.zip$/i, 'must be a .zip file').optional(),
  name: z.string().trim().min(1).max(200).optional(),
});
export type CityImportArgs = z.infer<typeof cityImportArgsSchema>;

/**
 * OSM tags. GeoJSON exporters sometimes write numbers or booleans (`lanes: 2`, `oneway: true`):
 * those are read as their text; nested values (an exporter's `@relations`) are not tags and are left out.
 */
export const osmTagsSchema = z
  .record(z.string(), z.unknown())
  .nullish()
  .transform((raw) => {
    const tags: Record<string, string> = {};
    for (const [k, v] of Object.entries(raw ?? {})) if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') tags[k] = String(v);
    return tags;
  });
export type OsmTags = z.infer<typeof osmTagsSchema>;

/**
 * OSM elements, as numbers: the XML reader turns attribute text into numbers first (blank → NaN,
 * which these refuse). Plain number schemas: a city extract has hundreds of thousands of nodes.
 */
const osmId = z.number().int();

export const osmNodeSchema = z.object({
  id: osmId,
  lat: z.number().min(-90).max(90),
  lon: z.number().min(-180).max(180),
});

export const osmWaySchema = z.object({
  id: osmId,
  refs: z.array(osmId),
  tags: osmTagsSchema,
});
export type OsmWay = z.infer<typeof osmWaySchema>;

/** A declared extent: `<bounds>` in OSM XML, the header bbox in PBF. */
export const osmBoundsSchema = z
  .object({ minlat: z.number().min(-90).max(90), minlon: z.number().min(-180).max(180), maxlat: z.number().min(-90).max(90), maxlon: z.number().min(-180).max(180) })
  .refine((b) => b.minlat <= b.maxlat && b.minlon <= b.maxlon, 'min must not exceed max');

/** GeoJSON position: [lon, lat] with an optional elevation. Range is checked by the importer, which reports and skips. */
const position = z.array(z.number()).min(2, 'a position needs longitude and latitude').max(3);
const lineCoordinates = z.array(position);

export const roadFeatureSchema = z.object({
  type: z.literal('Feature'),
  id: z.union([z.string(), z.number()]).optional(),
  geometry: z.discriminatedUnion('type', [
    z.object({ type: z.literal('LineString'), coordinates: lineCoordinates }),
    z.object({ type: z.literal('MultiLineString'), coordinates: z.array(lineCoordinates) }),
    // Points and areas in a roads file are not roads: accepted and ignored.
    z.object({ type: z.enum(['Point', 'MultiPoint', 'Polygon', 'MultiPolygon', 'GeometryCollection']) }),
  ]),
  properties: osmTagsSchema,
});
export type RoadFeature = z.infer<typeof roadFeatureSchema>;

/** The outside of a roads GeoJSON file; each feature is then read with roadFeatureSchema on its own. */
export const roadsGeoJsonSchema = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(z.unknown()),
});

/** How many of one kind of problem, with a few examples to look up in the source file. */
const problemSchema = z.object({ count: z.number().int().min(0), examples: z.array(z.string().max(300)).max(5) });
export type Problem = z.infer<typeof problemSchema>;

export const importReportSchema = z.object({
  /** Ways (or GeoJSON line features) read, and how many had a highway tag. */
  waysRead: z.number().int().min(0),
  highwayWays: z.number().int().min(0),
  /** Road nodes outside the bounds the file declares (extracts keep whole ways): the roads are cut there. */
  outsideBounds: z.number().int().min(0),
  /** Highway ways left out because they are not for cars, by their highway value (footway, service…). */
  droppedByHighway: z.record(z.string(), z.number().int().min(0)),
  /** Drivable ways kept, directed segments and junctions in the final network. */
  roadWays: z.number().int().min(0),
  segments: z.number().int().min(0),
  junctions: z.number().int().min(0),
  signalised: z.number().int().min(0),
  oneWaySegments: z.number().int().min(0),
  segmentsByClass: z.record(roadClassSchema, z.number().int().min(0)),
  /** Parts of the network traffic could not leave or reach, dropped to keep the largest strongly connected one. */
  components: z.number().int().min(0),
  disconnectedSegments: z.number().int().min(0),
  disconnectedJunctions: z.number().int().min(0),
  /** Segments whose lanes, speed or name came from the class default rather than a tag. */
  defaulted: z.object({ lanes: z.number().int().min(0), maxspeed: z.number().int().min(0), name: z.number().int().min(0) }),
  /** Broken input, reported and skipped. */
  broken: z.object({
    invalidElements: problemSchema,
    badCoordinates: problemSchema,
    missingNodes: problemSchema,
    tooFewNodes: problemSchema,
    zeroLength: problemSchema,
  }),
  areas: z.object({ water: z.number().int().min(0), park: z.number().int().min(0) }),
});
export type ImportReport = z.infer<typeof importReportSchema>;

/** Local metres around the city centre (x east, y north). */
const xySchema = z.tuple([z.number().finite(), z.number().finite()]);

const storedSegmentSchema = roadSegmentSchema.omit({ path: true }).extend({
  id: segmentIdSchema,
  from: z.number().int().min(0),
  to: z.number().int().min(0),
  /** The same street's other direction, or −1 on a one-way street. */
  reverse: z.number().int().min(-1),
  bridge: z.boolean(),
  xy: z.array(xySchema).min(2).max(500),
});

const streetSchema = z.object({ name: z.string().min(1).max(200), roadClass: roadClassSchema, xy: z.array(xySchema).min(2).max(20_000) });

/**
 * An imported city as the twin loads it: the directed road graph in local metres around `center`,
 * street lines and areas for the basemap, and the import report. Indices are checked to be in range.
 */
export const importedCitySchema = z
  .object({
    format: z.literal('polis-city/1'),
    name: z.string().trim().min(1).max(200),
    center: lonLatSchema,
    importedAt: z.iso.datetime({ offset: true }),
    source: z.object({ roads: z.string().max(500), gtfs: z.string().max(500).optional() }),
    /** Junctions: x, y and whether traffic signals control them. */
    nodes: z.array(z.object({ x: z.number().finite(), y: z.number().finite(), signalised: z.boolean() })).min(2),
    segments: z.array(storedSegmentSchema).min(1).max(200_000),
    streets: z.array(streetSchema),
    bridges: z.array(streetSchema),
    areas: z.array(z.object({ kind: z.enum(['water', 'park']), name: z.string().max(200).optional(), xy: z.array(xySchema).min(4).max(20_000) })),
    report: importReportSchema,
  })
  .superRefine((city, ctx) => {
    const n = city.nodes.length;
    const ids = new Set<string>();
    city.segments.forEach((s, i) => {
      const at = (field: string, message: string) => ctx.addIssue({ code: 'custom', path: ['segments', i, field], message });
      if (s.from >= n) at('from', `node ${s.from} does not exist`);
      if (s.to >= n) at('to', `node ${s.to} does not exist`);
      if (s.reverse >= city.segments.length || (s.reverse >= 0 && city.segments[s.reverse].reverse !== i)) at('reverse', 'must name a segment that names this one back');
      if (ids.has(s.id)) at('id', `duplicate segment id ${s.id}`);
      ids.add(s.id);
    });
  });
export type ImportedCity = z.infer<typeof importedCitySchema>;
