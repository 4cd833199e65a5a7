import type { z } from 'zod';
import { serverEventSchemas, snapshotAckSchema } from '@/lib/protocol/socket';
import { issuesOf } from '@/lib/validation';
import type { Checked, EventChecks } from './event-checks';

function checkWith<S extends z.ZodType>(schema: S): (raw: unknown) => Checked<z.infer<S>> {
  return (raw) => {
    const r = schema.safeParse(raw);
    if (r.success) return { ok: true, value: r.data };
    const first = issuesOf(r.error)[0];
    return { ok: false, why: first ? `${first.path || '(root)'}: ${first.message}` : 'invalid' };
  };
}

/** Every payload checked with its lib/protocol schema: the wire is not the type system. */
export const zodChecks: EventChecks = {
  ack: checkWith(snapshotAckSchema),
  delta: checkWith(serverEventSchemas.delta),
  snapshot: checkWith(serverEventSchemas.snapshot),
  freshness: checkWith(serverEventSchemas.freshness),
};
