'use client';

import { namespaces } from '@/lib/protocol/namespaces';
import type { LayerName } from '@/lib/protocol/socket';
import { trustedChecks } from './trusted-checks';
import { useLiveConnection } from './use-live-connection';

/**
 * The public views' live connection (/public, no sign-in). It takes payloads on trust from its
 * own gateway, which validated them with lib/protocol, so no zod reaches a phone (event-checks.ts).
 */
export function PublicLiveConnection({ layers }: { layers: readonly LayerName[] }) {
  useLiveConnection(layers, namespaces.public, trustedChecks);
  return null;
}
