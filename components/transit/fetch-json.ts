/**
 * GET a same-origin JSON API of the public transit view. The route handlers behind it validate
 * every body with its lib/protocol schema before answering (app/api/transit/*), so the page takes
 * the type on trust instead of shipping zod: the first view has to stay under 200 KB of JavaScript.
 */
export async function fetchJson<T>(url: string): Promise<T> {
  const res = await fetch(url, { cache: 'no-store' });
  if (!res.ok) throw new Error(`${url} answered ${res.status}`);
  return (await res.json()) as T;
}
