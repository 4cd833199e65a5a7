import type { Metadata } from 'next';
import styles from './login.module.css';

export const metadata: Metadata = { title: 'Polis — sign in' };

const MESSAGES: Record<string, string> = {
  credentials: 'Wrong email or password.',
  invalid: 'Enter an email address and a password.',
};

/**
 * Sign-in: a plain form posted to /api/auth/login, so it works before any script has loaded.
 * The server sets the session cookie and sends the browser back to where it was going.
 */
export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const error = typeof params.error === 'string' ? (MESSAGES[params.error] ?? null) : null;
  const next = typeof params.next === 'string' && /^\/(?![/\\])/.test(params.next) ? params.next : '/';
  return (
    <main className={styles.page}>
      <form className={styles.card} method="post" action="/api/auth/login" data-testid="sign-in-form">
        <h1 className={styles.brand}>Polis</h1>
        <p className={styles.lead}>Sign in to the control room.</p>
        {error && (
          <p className={styles.error} role="alert" data-testid="sign-in-error">
            {error}
          </p>
        )}
        <label className={styles.field}>
          <span>Email</span>
          <input name="email" type="email" autoComplete="username" required autoFocus />
        </label>
        <label className={styles.field}>
          <span>Password</span>
          <input name="password" type="password" autoComplete="current-password" required />
        </label>
        <input type="hidden" name="next" value={next} />
        <button className={styles.submit} type="submit">
          Sign in
        </button>
        <p className={styles.note}>
          Live transit for everyone, without signing in: <a href="/transit">/transit</a>
        </p>
      </form>
    </main>
  );
}
