import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { connection } from 'next/server';
import { Suspense } from 'react';
import { IntlScope } from '@/components/i18n/IntlScope';
import { KpiDashboard } from '@/components/kpi/KpiDashboard';
import { getTranslator } from '@/lib/i18n/request';
import { kpiSectionSchema } from '@/lib/protocol/kpi';
import { kpiSearch, parseKpiSearch } from '@/lib/protocol/kpi-search';
import { fetchKpiReport } from '../fetch-report';
import { kpiViewer } from '../viewer';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslator('kpi'))('meta.title') };
}

/** /kpi/{traffic|energy|air|transit|actions}?range=…: a manager's KPI report; the first data is fetched here, on the server. */
export default async function KpiPage({ params, searchParams }: { params: Promise<{ section: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await connection();
  const section = kpiSectionSchema.safeParse((await params).section);
  if (!section.success) notFound();
  const { allowed, user } = await kpiViewer();
  if (!allowed) {
    const t = await getTranslator('kpi');
    return (
      <main style={{ padding: 24 }} data-testid="kpi-forbidden">
        <h1>{t('forbidden.title')}</h1>
        <p>
          {user ? t('forbidden.signedInAs', { email: user.email, role: user.role }) : t('forbidden.signIn')} {t('forbidden.askAdmin')}
        </p>
      </main>
    );
  }
  const { query } = parseKpiSearch(await searchParams);
  const search = kpiSearch(query);
  // The actions report comes from this process's store through GET /api/kpi/actions: the client fetches it.
  const initial = section.data === 'actions' ? null : await fetchKpiReport(section.data, search);
  return (
    <IntlScope namespaces={['kpi', 'texts']}>
      <Suspense>
        <KpiDashboard section={section.data} initial={initial} initialSearch={search} />
      </Suspense>
    </IntlScope>
  );
}
