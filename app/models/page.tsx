import type { Metadata } from 'next';
import Link from 'next/link';
import { connection } from 'next/server';
import { IntlScope } from '@/components/i18n/IntlScope';
import { LocaleSwitch } from '@/components/i18n/LocaleSwitch';
import { ModelCards } from '@/components/models/ModelCards';
import styles from '@/components/models/ModelCards.module.css';
import { loadConfig, modelsUrl } from '@/lib/config';
import { getTranslator } from '@/lib/i18n/request';
import { modelsListSchema, type ModelsList } from '@/lib/protocol/forecast';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslator('models'))('metaTitle') };
}

type ModelsT = Awaited<ReturnType<typeof getTranslator<'models'>>>;

async function fetchModels(t: ModelsT): Promise<ModelsList | string> {
  try {
    const res = await fetch(`${modelsUrl(loadConfig())}/v1/models`, { cache: 'no-store', signal: AbortSignal.timeout(10_000) });
    if (!res.ok) return t('problem.status', { status: res.status });
    const parsed = modelsListSchema.safeParse(await res.json());
    return parsed.success ? parsed.data : t('problem.invalid');
  } catch {
    return t('problem.unreachable');
  }
}

/** /models: the model registry for staff — what serves each forecast, and how well it did on held-out data. */
export default async function ModelsPage() {
  await connection();
  const t = await getTranslator('models');
  const list = await fetchModels(t);
  return (
    <IntlScope namespaces={['models']}>
      <main className={styles.page}>
        <header className={styles.header}>
          <h1>{t('title')}</h1>
          <Link href="/">{t('controlRoom')}</Link>
          <LocaleSwitch />
          <span className={styles.meta}>{t('intro')}</span>
        </header>
        {typeof list === 'string' ? <p role="alert">{t('cannotList', { reason: list })}</p> : <ModelCards list={list} fetchedAt={new Date().toISOString()} />}
      </main>
    </IntlScope>
  );
}
