import { describe, expect, it } from 'vitest';
import { GtfsSchedule } from '@/lib/gtfs/schedule';
import { tinyFeed } from '@/lib/gtfs/test-feed';
import { routeTimetable } from './timetable';

const schedule = new GtfsSchedule(tinyFeed());
const names = new Map([
  ['S1', 'Mill Street'],
  ['S2', 'Oak Avenue'],
  ['S3', 'Church Road'],
]);

describe('a route timetable', () => {
  it('lists each stop of the route with the day’s departures, in trip order', () => {
    const t = routeTimetable(schedule, 'R1', names, Date.parse('2026-01-05T07:00:00Z'));
    expect(t.serviceDate).toBe('20260105');
    expect(t.directions[0].stops.map((s) => [s.stopName, s.departures])).toEqual([
      ['Mill Street', ['2026-01-05T08:00:00.000Z', '2026-01-06T00:10:00.000Z']],
      ['Oak Avenue', ['2026-01-05T08:02:20.000Z']],
      ['Church Road', ['2026-01-05T08:05:00.000Z', '2026-01-06T00:15:00.000Z']],
    ]);
  });

  it('has no directions on a day the route does not run', () => {
    // Saturday 2026-01-10: the weekday service does not run.
    expect(routeTimetable(schedule, 'R1', names, Date.parse('2026-01-10T07:00:00Z')).directions).toEqual([]);
  });
});
