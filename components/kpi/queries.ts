import { queryOptions } from '@tanstack/react-query';
import { ACTIONS_KPI_PATH, kpiReportSchema, type KpiSection } from '@/lib/protocol/kpi';
import { getJson } from '../data/get-json';

/** A KPI report, refreshed every minute while the page is open (the rollups move every minute). */
export const kpiReportQuery = (section: KpiSection, search: string) =>
  queryOptions({
    queryKey: ['kpi', section, search],
    // Actions are reported by the web process itself (its store), the rest by the model services through /api/kpi.
    queryFn: ({ signal }) => getJson(`${section === 'actions' ? ACTIONS_KPI_PATH : `/api/kpi/${section}`}?${search}`, kpiReportSchema, signal),
    refetchInterval: 60_000,
    staleTime: 30_000,
  });
