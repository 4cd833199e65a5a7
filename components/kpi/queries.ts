import { queryOptions } from '@tanstack/react-query';
import { kpiReportSchema, type KpiSection } from '@/lib/protocol/kpi';
import { getJson } from '../data/get-json';

/** A KPI report, refreshed every minute while the page is open (the rollups move every minute). */
export const kpiReportQuery = (section: KpiSection, search: string) =>
  queryOptions({
    queryKey: ['kpi', section, search],
    queryFn: ({ signal }) => getJson(`/api/kpi/${section}?${search}`, kpiReportSchema, signal),
    refetchInterval: 60_000,
    staleTime: 30_000,
  });
