import { Counter, Gauge, Histogram, Registry } from './metrics';

/** The gateway's Prometheus series (see docs/ARCHITECTURE.md, Observability). */
export function gatewayMetrics(collect: {
  clients: (set: (labels: Record<string, string>, v: number) => void) => void;
  leader: () => boolean;
  polling: () => boolean;
  layers: (set: (labels: Record<string, string>, v: number) => void, stale: (labels: Record<string, string>, v: number) => void) => void;
}) {
  const registry = new Registry();
  const staleSeries: Array<[Record<string, string>, number]> = [];
  const m = {
    registry,
    clients: registry.add(new Gauge('polis_gateway_clients', 'Connected sockets per namespace.', collect.clients)),
    messages: registry.add(new Counter('polis_gateway_messages_sent_total', 'Messages sent to clients, by namespace and event.')),
    bytes: registry.add(new Counter('polis_gateway_bytes_sent_total', 'Payload bytes (JSON) sent to clients, by namespace and event.')),
    pollSeconds: registry.add(new Histogram('polis_gateway_poll_duration_seconds', 'Time to poll one layer from the model services.', [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5])),
    pollErrors: registry.add(new Counter('polis_gateway_poll_errors_total', 'Failed polls of the model services, by layer.')),
    deltaBytes: registry.add(new Histogram('polis_gateway_delta_bytes', 'Size of a whole-city delta (JSON bytes), by layer.', [256, 1024, 4096, 16_384, 65_536, 262_144, 1_048_576])),
    resyncs: registry.add(new Counter('polis_gateway_resync_snapshots_total', 'Snapshots sent to clients that fell behind instead of a backlog.')),
    refused: registry.add(new Counter('polis_gateway_refused_total', 'Refused handshakes and requests, by namespace and reason.')),
    leader: registry.add(new Gauge('polis_gateway_leader', '1 when this gateway is the elected poller.', (set) => set({}, collect.leader() ? 1 : 0))),
    polling: registry.add(new Gauge('polis_gateway_polling', '1 when this gateway polls the model services: elected, or on its own while Redis is unreachable.', (set) => set({}, collect.polling() ? 1 : 0))),
    version: registry.add(
      new Gauge('polis_gateway_layer_version', 'Current version of each layer on this gateway.', (set) => {
        staleSeries.length = 0;
        collect.layers(set, (labels, v) => staleSeries.push([labels, v]));
      }),
    ),
    stale: registry.add(new Gauge('polis_gateway_layer_stale', '1 when a layer is stale.', (set) => staleSeries.forEach(([l, v]) => set(l, v)))),
  };
  return m;
}
export type GatewayMetrics = ReturnType<typeof gatewayMetrics>;
