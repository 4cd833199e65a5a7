import { createServer, type Server } from 'node:http';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { getScriptNonceFromHeader } from 'next/dist/server/app-render/get-script-nonce-from-header';
import { contentSecurityPolicy, inlineScripts, prerenderedScriptHashes, scriptHash, secureResponse } from './security-headers';

const servers: Server[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await new Promise((r) => s.close(r));
});

/** A server answering with the CSP its handler was given in the request, as Next would read it. */
async function serve(): Promise<string> {
  const server = createServer((req, res) => {
    secureResponse(req, res, { scriptHashes: () => ['sha256-abc'] });
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ requestCsp: req.headers['content-security-policy'] }));
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const directive = (csp: string, name: string) => csp.split(';').map((d) => d.trim()).find((d) => d.startsWith(`${name} `)) ?? '';

describe('security headers', () => {
  it('puts CSP, frame, referrer, sniffing and permissions headers on a response', async () => {
    const res = await fetch(await serve());
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
    expect(res.headers.get('permissions-policy')).toContain('camera=()');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(directive(res.headers.get('content-security-policy') ?? '', 'frame-ancestors')).toBe("frame-ancestors 'none'");
  });

  it('allows scripts from this site, the nonce and the prerendered hashes only, never inline ones', async () => {
    const csp = (await fetch(await serve())).headers.get('content-security-policy') ?? '';
    const scripts = directive(csp, 'script-src');
    expect(scripts).toMatch(/^script-src 'self' 'nonce-[A-Za-z0-9+/=]{24}' 'sha256-abc'$/);
    expect(scripts).not.toContain('unsafe-inline');
    expect(scripts).not.toContain('unsafe-eval');
  });

  it('lets maplibre run its blob: workers and draw blob: and data: images', () => {
    const csp = contentSecurityPolicy({ nonce: 'n' });
    expect(directive(csp, 'worker-src')).toContain('blob:');
    expect(directive(csp, 'img-src')).toContain('blob:');
  });

  it('hands Next the same nonce in the request that the response names, fresh on each request', async () => {
    const url = await serve();
    const a = await fetch(url);
    const b = await fetch(url);
    const body = (await a.json()) as { requestCsp: string };
    expect(body.requestCsp).toBe(a.headers.get('content-security-policy'));
    const nonceA = getScriptNonceFromHeader(body.requestCsp);
    expect(nonceA).toBeTruthy();
    expect(getScriptNonceFromHeader(b.headers.get('content-security-policy') ?? '')).not.toBe(nonceA);
  });

  it('replaces a CSP a client sent in its request', async () => {
    const res = await fetch(await serve(), { headers: { 'content-security-policy': "script-src 'nonce-chosen-by-attacker'" } });
    const body = (await res.json()) as { requestCsp: string };
    expect(body.requestCsp).not.toContain('chosen-by-attacker');
  });
});

describe('hashes of prerendered pages', () => {
  it('hashes each inline script of every prerendered page and skips scripts with src', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'polis-next-'));
    try {
      await mkdir(join(dir, 'server', 'app'), { recursive: true });
      await writeFile(join(dir, 'prerender-manifest.json'), JSON.stringify({ routes: { '/transit': {}, '/missing': {} } }));
      await writeFile(join(dir, 'server', 'app', 'transit.html'), '<html><script src="/_next/a.js" async=""></script><script>self.__next_f=[]</script><script id="x">go()</script></html>');
      expect(await prerenderedScriptHashes(dir)).toEqual([scriptHash('go()'), scriptHash('self.__next_f=[]')].sort());
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('finds no hashes when there is no build', async () => {
    expect(await prerenderedScriptHashes(join(tmpdir(), 'no-such-next-build'))).toEqual([]);
  });

  it('reads inline scripts as the browser hashes them, byte for byte', () => {
    expect(inlineScripts('<script>a\n b</script><script src="x"></script>')).toEqual(['a\n b']);
    // The value Chromium reports for an inline `alert(1)`.
    expect(scriptHash('alert(1)')).toBe('sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI=');
  });
});
