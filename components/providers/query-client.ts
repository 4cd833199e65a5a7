import { QueryClient } from '@tanstack/react-query';

/** The browser's server-state cache: HTTP queries and the socket-fed live layers share it. */
export function makeQueryClient(): QueryClient {
  const client = new QueryClient({
    defaultOptions: {
      queries: { refetchOnWindowFocus: false, retry: 2 },
    },
  });
  // Snapshots are replaced whole on every version: deep structural sharing would only cost time.
  client.setQueryDefaults(['layer'], { structuralSharing: false, staleTime: Infinity, gcTime: Infinity });
  return client;
}
