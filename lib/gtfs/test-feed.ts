import type { GtfsFeed } from './schema';

/**
 * A small, valid feed for tests: two stops each way on one route, one shape, weekday service.
 * A function, so every test gets its own copy to break.
 */
export function tinyFeed(): GtfsFeed {
  return {
    agency: [{ agency_id: 'A', agency_name: 'Test Transit', agency_url: 'https://example.org', agency_timezone: 'Etc/UTC', agency_lang: 'en' }],
    stops: [
      { stop_id: 'S1', stop_name: 'Mill Street, "North"', stop_lat: 51.5, stop_lon: 9.9 },
      { stop_id: 'S2', stop_name: 'Oak Avenue', stop_lat: 51.51, stop_lon: 9.91 },
      { stop_id: 'S3', stop_name: 'Church Road', stop_lat: 51.52, stop_lon: 9.92 },
    ],
    routes: [{ route_id: 'R1', agency_id: 'A', route_short_name: '1', route_long_name: 'Mill Street – Church Road', route_type: 3, route_color: 'D62728', route_text_color: 'FFFFFF' }],
    trips: [
      { route_id: 'R1', service_id: 'WK', trip_id: 'T1', trip_headsign: 'Church Road', direction_id: 0, shape_id: 'SH1' },
      { route_id: 'R1', service_id: 'WK', trip_id: 'T2', trip_headsign: 'Church Road', direction_id: 0, shape_id: 'SH1' },
    ],
    stopTimes: [
      { trip_id: 'T1', arrival_time: 8 * 3600, departure_time: 8 * 3600, stop_id: 'S1', stop_sequence: 1 },
      { trip_id: 'T1', arrival_time: 8 * 3600 + 120, departure_time: 8 * 3600 + 140, stop_id: 'S2', stop_sequence: 2 },
      { trip_id: 'T1', arrival_time: 8 * 3600 + 300, departure_time: 8 * 3600 + 300, stop_id: 'S3', stop_sequence: 3 },
      // Past midnight, as GTFS allows: 24:10 is ten past midnight of the next calendar day.
      { trip_id: 'T2', arrival_time: 24 * 3600 + 600, departure_time: 24 * 3600 + 600, stop_id: 'S1', stop_sequence: 1 },
      { trip_id: 'T2', arrival_time: 24 * 3600 + 900, departure_time: 24 * 3600 + 900, stop_id: 'S3', stop_sequence: 2 },
    ],
    calendar: [
      { service_id: 'WK', monday: true, tuesday: true, wednesday: true, thursday: true, friday: true, saturday: false, sunday: false, start_date: '20200101', end_date: '20351231' },
    ],
    calendarDates: [{ service_id: 'WK', date: '20251225', exception_type: 2 }],
    shapes: [
      { shape_id: 'SH1', shape_pt_lat: 51.5, shape_pt_lon: 9.9, shape_pt_sequence: 1 },
      { shape_id: 'SH1', shape_pt_lat: 51.51, shape_pt_lon: 9.91, shape_pt_sequence: 2, shape_dist_traveled: 1300.5 },
      { shape_id: 'SH1', shape_pt_lat: 51.52, shape_pt_lon: 9.92, shape_pt_sequence: 3 },
    ],
    feedInfo: [],
  };
}
