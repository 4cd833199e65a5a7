/** The admin token lets the timeline spec train the traffic forecast the timeline shows. */
export const TIMELINE_ADMIN_TOKEN = 'timeline-e2e-admin-token';

/**
 * The timeline spec's own system: training runs on the model services' event loop and would
 * stall the shared one, and it needs three days of backfill where the other specs use one.
 */
export const TIMELINE_ENV: Record<string, string> = { MODELS_ADMIN_TOKEN: TIMELINE_ADMIN_TOKEN, TWIN_BACKFILL_DAYS: '3' };
