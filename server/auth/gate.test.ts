import { describe, expect, it } from 'vitest';
import { isAdminPath, isPublicPath, signInUrl, wantsPage } from './gate';

describe('the sign-in gate', () => {
  it('keeps the control room and its APIs private', () => {
    expect(isPublicPath('/')).toBe(false);
    expect(isPublicPath('/api/segments/s1/history')).toBe(false);
    expect(isPublicPath('/kpi')).toBe(false);
  });

  it('lets anyone reach sign-in, the public views, assets and probes', () => {
    for (const p of ['/login', '/api/auth/login', '/_next/static/x.js', '/transit', '/transit/route/1', '/healthz', '/readyz', '/icon.svg']) expect(isPublicPath(p)).toBe(true);
  });

  it('does not mistake a path that merely starts like a public one', () => {
    expect(isPublicPath('/loginx')).toBe(false);
    expect(isPublicPath('/transitive')).toBe(false);
  });

  it('sends browsers asking for pages to sign in, and back afterwards', () => {
    expect(wantsPage('GET', 'text/html,application/xhtml+xml')).toBe(true);
    expect(wantsPage('GET', 'application/json')).toBe(false);
    expect(signInUrl('/kpi?week=3')).toBe('/login?next=%2Fkpi%3Fweek%3D3');
    expect(signInUrl('/')).toBe('/login');
  });

  it('keeps the admin pages for admins, and only them', () => {
    expect(isAdminPath('/admin/users')).toBe(true);
    expect(isAdminPath('/admin')).toBe(true);
    expect(isAdminPath('/administrivia')).toBe(false);
    expect(isPublicPath('/admin/users')).toBe(false);
  });
});
