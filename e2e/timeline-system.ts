/** The admin token lets the timeline spec train the traffic forecast the timeline shows. */
export const TIMELINE_ADMIN_TOKEN = 'timeline-e2e-admin-token';

/**
 * The timeline spec's own system: it needs three days of backfill where the other specs use one,
 * and an admin token; training takes a core for a while (in a worker thread, so requests are still
 * answered) that the shared system's specs want.
 */
export const TIMELINE_ENV: Record<string, string> = { MODELS_ADMIN_TOKEN: TIMELINE_ADMIN_TOKEN, TWIN_BACKFILL_DAYS: '3' };
