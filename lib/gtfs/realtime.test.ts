import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../validation';
import { decodeGtfsRt, encodeGtfsRt, type GtfsRtFeed } from './realtime';

const f = Math.fround;

const vehiclesFeed = (): GtfsRtFeed => ({
  header: { gtfsRealtimeVersion: '2.0', incrementality: 'FULL_DATASET', timestamp: 1_767_600_000 },
  entity: [
    {
      id: 'V1',
      vehicle: {
        trip: { tripId: 'T1', routeId: 'R1', startDate: '20260105', scheduleRelationship: 'SCHEDULED' },
        vehicle: { id: 'V1', label: '1-01' },
        position: { latitude: f(51.541), longitude: f(9.931), bearing: f(87.5), speed: f(6.25) },
        currentStopSequence: 4,
        stopId: 'S7',
        currentStatus: 'IN_TRANSIT_TO',
        timestamp: 1_767_599_990,
      },
    },
  ],
});

describe('GTFS-Realtime encode and decode', () => {
  it('round-trips VehiclePositions', () => {
    const feed = vehiclesFeed();
    expect(decodeGtfsRt(encodeGtfsRt(feed))).toEqual(feed);
  });

  it('round-trips TripUpdates with delays propagated to later stops', () => {
    const feed: GtfsRtFeed = {
      header: { gtfsRealtimeVersion: '2.0', incrementality: 'FULL_DATASET', timestamp: 1_767_600_000 },
      entity: [
        {
          id: 'T1',
          tripUpdate: {
            trip: { tripId: 'T1', routeId: 'R1' },
            vehicle: { id: 'V1' },
            delay: 95,
            timestamp: 1_767_599_990,
            stopTimeUpdate: [
              { stopSequence: 5, stopId: 'S8', arrival: { delay: 95, time: 1_767_600_200 }, departure: { delay: 95, time: 1_767_600_220 } },
              { stopSequence: 6, stopId: 'S9', arrival: { delay: 95, time: 1_767_600_500 }, scheduleRelationship: 'SCHEDULED' },
            ],
          },
        },
      ],
    };
    expect(decodeGtfsRt(encodeGtfsRt(feed))).toEqual(feed);
  });

  it('round-trips Alerts with their informed routes and texts', () => {
    const feed: GtfsRtFeed = {
      header: { gtfsRealtimeVersion: '2.0', incrementality: 'FULL_DATASET', timestamp: 1_767_600_000 },
      entity: [
        {
          id: 'A1',
          alert: {
            activePeriod: [{ start: 1_767_599_000, end: 1_767_603_000 }],
            informedEntity: [{ routeId: 'R1' }, { stopId: 'S8' }],
            cause: 'ACCIDENT',
            effect: 'SIGNIFICANT_DELAYS',
            severityLevel: 'WARNING',
            headerText: { translation: [{ text: 'Delays on route 1', language: 'en' }] },
            descriptionText: { translation: [{ text: 'A crash on Mill Street.', language: 'en' }] },
          },
        },
      ],
    };
    expect(decodeGtfsRt(encodeGtfsRt(feed))).toEqual(feed);
  });

  it('refuses bytes that are not a protobuf FeedMessage', () => {
    expect(() => decodeGtfsRt(new TextEncoder().encode('<html>502 Bad Gateway</html>'))).toThrow(ValidationError);
  });

  it('refuses a feed whose vehicle is off the globe, naming the field', () => {
    const feed = vehiclesFeed();
    const v = feed.entity[0].vehicle;
    if (v?.position) v.position.latitude = 123;
    expect(() => decodeGtfsRt(encodeGtfsRt(feed))).toThrow(/entity\[0\]\.vehicle\.position\.latitude/);
  });
});

for (const [city, count] of [
  ['boston', 756],
  ['austin', 82],
] as const) {
  const file = `../shared/data/gtfs-rt/${city}_vehicle_positions.pb`;
  const exists = existsSync(file);
  if (!exists) console.log(`[gtfs-rt] ${file} not found: skipping the ${city} decode test`);
  describe.skipIf(!exists)(`the real ${city} VehiclePositions`, () => {
    it(`decodes ${count} vehicles, each with a position on the globe`, () => {
      const feed = decodeGtfsRt(readFileSync(file));
      const vehicles = feed.entity.filter((e) => e.vehicle);
      expect(vehicles).toHaveLength(count);
      expect(vehicles.every((e) => e.vehicle?.position !== undefined)).toBe(true);
      expect(feed.header.timestamp).toBeGreaterThan(1_300_000_000);
    });
  });
}
