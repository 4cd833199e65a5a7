import { createHash, randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';

/**
 * The security headers of every response of the web process (pages, APIs, probes), and the
 * Content-Security-Policy of its pages. Scripts: 'self' plus a fresh nonce per request, which
 * Next.js reads from the request's own CSP header and puts on the inline scripts of pages it
 * renders; pages Next prerendered at build time carry no nonce, so the hashes of their inline
 * scripts (read from the build once at start) are allowed too. No 'unsafe-inline' for scripts.
 */
export interface CspOptions {
  nonce: string;
  /** next dev evaluates modules with eval (React's debug stacks); production never needs it. */
  dev?: boolean;
  /** 'sha256-…' sources of the prerendered pages' inline scripts. */
  scriptHashes?: readonly string[];
}

export const newNonce = () => randomBytes(16).toString('base64');

export function contentSecurityPolicy({ nonce, dev = false, scriptHashes = [] }: CspOptions): string {
  const script = ["'self'", `'nonce-${nonce}'`, ...scriptHashes.map((h) => `'${h}'`), ...(dev ? ["'unsafe-eval'"] : [])];
  return [
    "default-src 'self'",
    `script-src ${script.join(' ')}`,
    // React and maplibre set style attributes; styles cannot run code, so inline styles stay allowed.
    "style-src 'self' 'unsafe-inline'",
    // maplibre draws tiles and sprites from blob: and data: URLs and runs its workers from a blob:.
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "worker-src 'self' blob:",
    "child-src 'self' blob:",
    // Same-origin fetches and the Socket.IO websocket ('self' covers ws: on this host in CSP 3);
    // deck.gl fetches its icon atlases from data: URLs.
    `connect-src 'self' data: blob:${dev ? ' ws: wss:' : ''}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** The headers every response gets, CSP aside. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'strict-origin-when-cross-origin',
  // The oldest browsers know frames only by this header; CSP frame-ancestors is the modern rule.
  'x-frame-options': 'DENY',
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()',
  'cross-origin-opener-policy': 'same-origin',
};

/** 'sha256-…' of one inline script's text, as a CSP source expects it. */
export const scriptHash = (text: string) => `sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}`;

/** The inline scripts of an HTML page (those without src). */
export function inlineScripts(html: string): string[] {
  return [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]).filter((s) => s.length > 0);
}

const prerenderManifestSchema = z.object({ routes: z.record(z.string(), z.unknown()) });

/**
 * Hashes of the inline scripts of every page Next prerendered (.next/prerender-manifest.json and
 * .next/server/app/<route>.html). No build yet (next dev): none.
 */
export async function prerenderedScriptHashes(nextDir: string): Promise<string[]> {
  let routes: string[];
  try {
    routes = Object.keys(prerenderManifestSchema.parse(JSON.parse(await readFile(join(nextDir, 'prerender-manifest.json'), 'utf8'))).routes);
  } catch {
    return [];
  }
  const hashes = new Set<string>();
  for (const route of routes) {
    const file = join(nextDir, 'server', 'app', `${route === '/' ? 'index' : route.slice(1)}.html`);
    const html = await readFile(file, 'utf8').catch(() => null);
    if (html) for (const s of inlineScripts(html)) hashes.add(scriptHash(s));
  }
  return [...hashes].sort();
}

export interface SecureResponseOptions {
  dev?: boolean;
  /** Read at each request: the hashes are known once the build has been read. */
  scriptHashes?: () => readonly string[];
}

/**
 * Puts the security headers on a response before anything answers it, and hands Next the
 * request's nonce in the request's own CSP header (any the client sent is replaced).
 */
export function secureResponse(req: IncomingMessage, res: ServerResponse, opts: SecureResponseOptions = {}): void {
  const csp = contentSecurityPolicy({ nonce: newNonce(), dev: opts.dev, scriptHashes: opts.scriptHashes?.() ?? [] });
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
  res.setHeader('content-security-policy', csp);
  delete req.headers['content-security-policy-report-only'];
  req.headers['content-security-policy'] = csp;
}
