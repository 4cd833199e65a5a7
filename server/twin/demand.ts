/**
 * Travel demand through the day, relative to the weekday AM peak (1.0). City time is UTC.
 * Weekdays have an AM peak near 08:00 and a longer PM peak near 17:30; weekends a midday hump.
 */
const gauss = (h: number, mu: number, sigma: number) => Math.exp(-0.5 * ((h - mu) / sigma) ** 2);

export function demandAt(t: number): number {
  const d = new Date(t);
  const h = d.getUTCHours() + d.getUTCMinutes() / 60 + d.getUTCSeconds() / 3600;
  const day = d.getUTCDay();
  const night = 0.06;
  if (day === 0 || day === 6) return night + 0.5 * gauss(h, 13.5, 3.2) + 0.1 * gauss(h, 20, 2);
  return night + 0.9 * gauss(h, 8, 1.1) + 0.82 * gauss(h, 17.5, 1.5) + 0.42 * gauss(h, 12.5, 3);
}

/**
 * Direction of travel: −1 inbound (morning commute towards the centre), +1 outbound (evening),
 * 0 in between. Turning choices lean this way at junctions.
 */
export function commuteBias(t: number): number {
  const d = new Date(t);
  const day = d.getUTCDay();
  if (day === 0 || day === 6) return 0;
  const h = d.getUTCHours() + d.getUTCMinutes() / 60;
  return -0.7 * gauss(h, 8, 1.3) + 0.7 * gauss(h, 17.5, 1.6);
}
