import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // `npm run typecheck` checks the whole project (server, bench, e2e too); checking again here
  // only slowed every first `npm start`.
  typescript: { ignoreBuildErrors: true },
  // The server side (twin, models, gateway) is started by server/main.ts, not bundled by Next.
  serverExternalPackages: ['@electric-sql/pglite', 'pg', 'socket.io'],
};

export default nextConfig;
