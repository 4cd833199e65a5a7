import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // The server side (twin, models, gateway) is started by server/main.ts, not bundled by Next.
  serverExternalPackages: ['@electric-sql/pglite', 'pg', 'socket.io'],
};

export default nextConfig;
