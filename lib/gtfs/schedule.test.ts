import { describe, expect, it } from 'vitest';
import { GtfsSchedule, zoneOffsetMs } from './schedule';
import { tinyFeed } from './test-feed';

const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;
const at = (iso: string) => Date.parse(iso);

describe('GtfsSchedule', () => {
  it('runs weekday service on a Monday and not on a Saturday', () => {
    const s = new GtfsSchedule(tinyFeed());
    expect(s.runsOn('WK', day('2026-01-05'))).toBe(true);
    expect(s.runsOn('WK', day('2026-01-10'))).toBe(false);
  });

  it('honours a calendar_dates exception that removes a day', () => {
    expect(new GtfsSchedule(tinyFeed()).runsOn('WK', day('2025-12-25'))).toBe(false);
  });

  it('finds the trip running at 08:02 on a weekday', () => {
    const runs = new GtfsSchedule(tinyFeed()).runningAt(at('2026-01-05T08:02:00Z'));
    expect(runs.map((r) => r.trip.id)).toEqual(['T1']);
  });

  it('puts a 24:10 trip of Monday ten minutes past midnight on Tuesday', () => {
    const s = new GtfsSchedule(tinyFeed());
    const calls = s.callsAt('S1', at('2026-01-06T00:00:00Z'), at('2026-01-06T01:00:00Z'));
    expect(calls.map((c) => [c.trip.id, new Date(c.arrivalMs).toISOString()])).toEqual([['T2', '2026-01-06T00:10:00.000Z']]);
  });

  it('lists trips starting in a window once each', () => {
    const s = new GtfsSchedule(tinyFeed());
    expect(s.startingBetween(at('2026-01-05T07:00:00Z'), at('2026-01-05T08:00:00Z')).map((r) => r.trip.id)).toEqual(['T1']);
    expect(s.startingBetween(at('2026-01-05T08:00:00Z'), at('2026-01-05T09:00:00Z'))).toEqual([]);
  });

  it('counts service days from local noon minus 12 h in the agency zone, across a DST change', () => {
    const feed = tinyFeed();
    feed.agency[0].agency_timezone = 'America/Los_Angeles';
    const s = new GtfsSchedule(feed);
    // 2016-03-13: clocks go forward at 02:00 PST; noon is 19:00Z, so the day "starts" at 07:00Z.
    expect(new Date(s.dayStartMs(day('2016-03-13'))).toISOString()).toBe('2016-03-13T07:00:00.000Z');
    expect(new Date(s.dayStartMs(day('2016-03-14'))).toISOString()).toBe('2016-03-14T07:00:00.000Z');
    expect(new Date(s.dayStartMs(day('2016-03-12'))).toISOString()).toBe('2016-03-12T08:00:00.000Z');
  });

  it('knows zone offsets east and west of Greenwich', () => {
    expect(zoneOffsetMs('Europe/Berlin', at('2026-07-01T12:00:00Z'))).toBe(2 * 3600_000);
    expect(zoneOffsetMs('America/New_York', at('2026-01-01T12:00:00Z'))).toBe(-5 * 3600_000);
  });

  it('fills times between timepoints by interpolation', () => {
    const feed = tinyFeed();
    feed.stopTimes[1].arrival_time = undefined;
    feed.stopTimes[1].departure_time = undefined;
    const trip = new GtfsSchedule(feed).trip('T1');
    expect(trip?.arrivals).toEqual([8 * 3600, 8 * 3600 + 150, 8 * 3600 + 300]);
  });
});
