import { loadConfig, modelsUrl } from '@/lib/config';
import { kpiReportSchema, type KpiReport, type ModelsKpiSection } from '@/lib/protocol/kpi';

/** The first report, fetched on the server from the model services; null when they cannot give one (the client retries). */
export async function fetchKpiReport(section: ModelsKpiSection, search: string): Promise<KpiReport | null> {
  try {
    const res = await fetch(`${modelsUrl(loadConfig())}/v1/kpi/${section}?${search}`, { cache: 'no-store', signal: AbortSignal.timeout(10_000) });
    if (!res.ok) return null;
    const parsed = kpiReportSchema.safeParse(await res.json());
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
