import type { Metadata } from 'next';
import { connection } from 'next/server';
import { IntlScope } from '@/components/i18n/IntlScope';
import { LocaleSwitch } from '@/components/i18n/LocaleSwitch';
import { getTranslator } from '@/lib/i18n/request';
import { AuditLog } from './AuditLog';
import { auditViewer } from './viewer';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslator('audit'))('metaTitle') };
}

/** /audit: the append-only log of actions, their transitions, sign-ins and acknowledgements. */
export default async function AuditPage() {
  await connection();
  const { allowed, user } = await auditViewer();
  const t = await getTranslator('audit');
  const roles = await getTranslator('admin');
  return (
    <IntlScope namespaces={['audit']}>
      {allowed ? (
        <AuditLog />
      ) : (
        <main style={{ padding: 24 }} data-testid="audit-forbidden">
          <LocaleSwitch />
          <h1>{t('forbidden')}</h1>
          <p>{user ? t('signedInAs', { email: user.email, role: roles(`role.${user.role}`) }) : t('signInFirst')}</p>
        </main>
      )}
    </IntlScope>
  );
}
