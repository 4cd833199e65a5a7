import { replayFramesSchema, replayLayerSchema, replayQuerySchema } from '@/lib/protocol/replay';
import { fromModels } from '../../_lib/models';
import { check, describeIssues, queryOf } from '../../_lib/params';
import { jsonError } from '../../_lib/respond';

export const dynamic = 'force-dynamic';

/** GET /api/replay/{layer}?from=…&to=…: the layer's 5-minute frames (lib/protocol/replay.ts). */
export async function GET(request: Request, { params }: { params: Promise<{ layer: string }> }): Promise<Response> {
  const layer = check(replayLayerSchema, (await params).layer, 'layer');
  const query = check(replayQuerySchema, queryOf(request.url), 'query');
  const issues = [...(layer.ok ? [] : layer.issues), ...(query.ok ? [] : query.issues)];
  if (!layer.ok || !query.ok) return jsonError(400, 'bad-request', describeIssues(issues), issues);
  const q = new URLSearchParams({ from: query.value.from, to: query.value.to });
  return fromModels(`/v1/replay/${layer.value}?${q}`, replayFramesSchema, 'replay frames');
}
