import { describe, expect, it } from 'vitest';
import type { GtfsRtFeed } from '@/lib/gtfs/realtime';
import { GtfsSchedule } from '@/lib/gtfs/schedule';
import { tinyFeed } from '@/lib/gtfs/test-feed';
import { ArrivalTracker, arrivalsFromPositions } from './arrivals';

const schedule = new GtfsSchedule(tinyFeed());
const posix = (iso: string) => Date.parse(iso) / 1000;
const feed = (status: 'STOPPED_AT' | 'IN_TRANSIT_TO', stopSequence: number, at: string, startDate?: string): GtfsRtFeed => ({
  header: { gtfsRealtimeVersion: '2.0', timestamp: posix(at) },
  entity: [{ id: 'v1', vehicle: { trip: { tripId: 'T1', ...(startDate ? { startDate } : {}) }, vehicle: { id: 'bus-1' }, position: { latitude: 51.1, longitude: 8.8 }, currentStopSequence: stopSequence, currentStatus: status, timestamp: posix(at) } }],
});

describe('arrivals from vehicle positions', () => {
  it('records a bus stopped at a stop with its scheduled time', () => {
    // Monday 2026-01-05: T1 is due at S2 at 08:02 (Etc/UTC).
    const [a] = arrivalsFromPositions(feed('STOPPED_AT', 2, '2026-01-05T08:04:00Z'), schedule, 0);
    expect(a).toEqual({ serviceDate: '20260105', tripId: 'T1', stopSequence: 2, stopId: 'S2', routeId: 'R1', scheduledMs: Date.parse('2026-01-05T08:02:00Z'), arrivedMs: Date.parse('2026-01-05T08:04:00Z') });
  });

  it('records nothing for a bus still on its way to a stop', () => {
    expect(arrivalsFromPositions(feed('IN_TRANSIT_TO', 2, '2026-01-05T08:01:00Z'), schedule, 0)).toEqual([]);
  });

  it('ignores a sighting a day away from the run its start date names', () => {
    expect(arrivalsFromPositions(feed('STOPPED_AT', 2, '2026-01-06T08:02:00Z', '20260105'), schedule, 0)).toEqual([]);
  });

  it('records a stop passed between two sightings at its last predicted arrival', () => {
    const tracker = new ArrivalTracker();
    tracker.notePredictions([{ tripId: 'T1', updates: [{ stopSequence: 2, arrival: { time: posix('2026-01-05T08:03:00Z') } }] }]);
    expect(tracker.observe(feed('IN_TRANSIT_TO', 2, '2026-01-05T08:01:00Z'), schedule, 0)).toEqual([]);
    const passed = tracker.observe(feed('IN_TRANSIT_TO', 3, '2026-01-05T08:04:00Z'), schedule, 0);
    expect(passed.map((a) => [a.stopId, new Date(a.arrivedMs).toISOString()])).toEqual([['S2', '2026-01-05T08:03:00.000Z']]);
  });

  it('interpolates a passed stop along the timetable when no prediction was given for it', () => {
    const tracker = new ArrivalTracker();
    tracker.observe(feed('IN_TRANSIT_TO', 2, '2026-01-05T08:01:00Z'), schedule, 0);
    // S1 08:00 → S3 08:05 in the timetable, S2 at 120 s of 300: 96 s into the 4 minutes between sightings.
    const [a] = tracker.observe(feed('IN_TRANSIT_TO', 3, '2026-01-05T08:05:00Z'), schedule, 0);
    expect(new Date(a?.arrivedMs ?? 0).toISOString()).toBe('2026-01-05T08:02:36.000Z');
  });
});
