/**
 * Clock times on the transit view, for useFormatter().dateTime: the locale's own digits and
 * separators, always on a 24-hour clock as timetables are, in the zone the server renders in.
 */
export const HOUR_MINUTE = { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' } as const;
export const CLOCK = { ...HOUR_MINUTE, second: '2-digit' } as const;
