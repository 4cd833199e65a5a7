/** Parse a Cookie header (RFC 6265): the first value of each name wins, values URI-decoded. */
export function parseCookies(header: string | undefined): Map<string, string> {
  const out = new Map<string, string>();
  if (!header) return out;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const name = part.slice(0, eq).trim();
    if (!name || out.has(name)) continue;
    let value = part.slice(eq + 1).trim();
    if (value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
    try {
      out.set(name, decodeURIComponent(value));
    } catch {
      // A badly encoded cookie is someone else's; skip it.
    }
  }
  return out;
}

export interface CookieOptions {
  maxAgeS: number;
  secure: boolean;
}

/** The session cookie: not readable by scripts, not sent on cross-site subrequests or POSTs. */
export function sessionCookie(name: string, value: string, opts: CookieOptions): string {
  const parts = [`${name}=${encodeURIComponent(value)}`, 'Path=/', 'HttpOnly', 'SameSite=Lax', `Max-Age=${opts.maxAgeS}`];
  if (opts.secure) parts.push('Secure');
  return parts.join('; ');
}

export const clearedCookie = (name: string, secure: boolean) => sessionCookie(name, '', { maxAgeS: 0, secure });
