/**
 * The zone times are shown in: the server's (set TZ to change it), which is the city's where the
 * control room runs. The server hands it to the browser, so a time rendered on the server reads
 * the same after hydration whatever zone the viewer's device is in.
 */
export function serverTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}
