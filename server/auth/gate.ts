/**
 * What may be reached without signing in: the sign-in page and API, the public views, the app's
 * static assets, and the probes. Everything else (the control room, its APIs) needs a session.
 * An allowlist, so a new page is private until someone decides otherwise.
 */
const PUBLIC_PREFIXES = ['/login', '/api/auth/', '/_next/', '/transit', '/public', '/api/basemap', '/api/transit'];
const PUBLIC_PATHS = new Set(['/healthz', '/readyz', '/metrics', '/favicon.ico', '/icon.svg', '/robots.txt', '/manifest.webmanifest']);

export function isPublicPath(pathname: string): boolean {
  if (PUBLIC_PATHS.has(pathname)) return true;
  return PUBLIC_PREFIXES.some((p) => pathname === p || pathname.startsWith(p.endsWith('/') ? p : `${p}/`) || (p.endsWith('/') && pathname.startsWith(p)));
}

/** A browser asking for a page gets sent to sign in; an API client gets a 401. */
export const wantsPage = (method: string | undefined, accept: string | undefined) =>
  (method === 'GET' || method === 'HEAD') && (accept ?? '').includes('text/html');

export function signInUrl(pathAndQuery: string): string {
  return pathAndQuery === '/' ? '/login' : `/login?next=${encodeURIComponent(pathAndQuery)}`;
}

/** Pages and APIs only an admin may reach; the web server answers 403 to other signed-in roles. */
const ADMIN_PREFIX = '/admin';
export const isAdminPath = (pathname: string) => pathname === ADMIN_PREFIX || pathname.startsWith(`${ADMIN_PREFIX}/`);

/** The body of that 403 for a browser: a page that says why and offers the way back. */
export const FORBIDDEN_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Polis — forbidden</title></head>
<body style="background:#0a0e13;color:#e6edf3;font-family:system-ui,sans-serif;padding:24px" data-testid="forbidden">
<h1>Only an admin may open this page</h1><p><a style="color:#7cc4ff" href="/">Back to the control room</a></p></body></html>`;
