const pad = (n: number) => String(n).padStart(2, '0');

/** Local clock time of an ISO instant or epoch ms, as HH:mm:ss. */
export function formatClock(t: string | number): string {
  const d = new Date(t);
  if (Number.isNaN(d.getTime())) return '--:--:--';
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** Local clock time as HH:mm, for chart axes. */
export function formatHourMinute(t: string | number): string {
  const d = new Date(t);
  if (Number.isNaN(d.getTime())) return '--:--';
  return `${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** How long ago, for "updated … ago": whole seconds under a minute, then minutes, then hours. */
export function formatAgo(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return `${s} s ago`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ago`;
  return `${Math.floor(m / 60)} h ago`;
}
