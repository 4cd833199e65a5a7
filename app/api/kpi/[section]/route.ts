import { kpiQuerySchema, kpiReportSchema, modelsKpiSectionSchema } from '@/lib/protocol/kpi';
import { kpiSearch } from '@/lib/protocol/kpi-search';
import { kpiViewer } from '../../../kpi/viewer';
import { fromModels } from '../../_lib/models';
import { check, describeIssues, queryOf } from '../../_lib/params';
import { jsonError } from '../../_lib/respond';

export const dynamic = 'force-dynamic';

/** GET /api/kpi/{traffic|energy|air|transit}?range=day|week|month|custom&from&to&end&filter: a KPI report (managers). */
export async function GET(request: Request, { params }: { params: Promise<{ section: string }> }): Promise<Response> {
  const { allowed } = await kpiViewer();
  if (!allowed) return jsonError(403, 'forbidden', 'KPI reports are for managers');
  // actions: answered before Next by the web process (server/realtime/actions/kpi-http.ts).
  const section = check(modelsKpiSectionSchema, (await params).section, 'section');
  const query = check(kpiQuerySchema, queryOf(request.url), 'query');
  const issues = [...(section.ok ? [] : section.issues), ...(query.ok ? [] : query.issues)];
  if (!section.ok || !query.ok) return jsonError(400, 'bad-request', describeIssues(issues), issues);
  return fromModels(`/v1/kpi/${section.value}?${kpiSearch(query.value)}`, kpiReportSchema, 'KPI report');
}
