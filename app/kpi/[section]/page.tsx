import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { connection } from 'next/server';
import { Suspense } from 'react';
import { KpiDashboard } from '@/components/kpi/KpiDashboard';
import { kpiSectionSchema } from '@/lib/protocol/kpi';
import { kpiSearch, parseKpiSearch } from '@/lib/protocol/kpi-search';
import { fetchKpiReport } from '../fetch-report';
import { kpiViewer } from '../viewer';

export const metadata: Metadata = { title: 'Polis — KPIs' };

/** /kpi/{traffic|energy|air}?range=…: a manager's KPI report; the first data is fetched here, on the server. */
export default async function KpiPage({ params, searchParams }: { params: Promise<{ section: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await connection();
  const section = kpiSectionSchema.safeParse((await params).section);
  if (!section.success) notFound();
  const { allowed, user } = await kpiViewer();
  if (!allowed)
    return (
      <main style={{ padding: 24 }} data-testid="kpi-forbidden">
        <h1>KPI pages are for managers</h1>
        <p>{user ? `You are signed in as ${user.email} (${user.role}).` : 'Sign in first.'} Ask an admin for a manager account.</p>
      </main>
    );
  const { query } = parseKpiSearch(await searchParams);
  const search = kpiSearch(query);
  const initial = await fetchKpiReport(section.data, search);
  return (
    <Suspense>
      <KpiDashboard section={section.data} initial={initial} initialSearch={search} />
    </Suspense>
  );
}
