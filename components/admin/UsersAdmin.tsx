'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useFormatter, useTranslations } from 'use-intl';
import { createUserRequestSchema, roleSchema, type Role, type UserSummary } from '@/lib/protocol/auth';
import { issuesOf } from '@/lib/validation';
import styles from './UsersAdmin.module.css';
import { createUser, updateUser, usersQuery, UsersApiError } from './users-api';

const ROLES = roleSchema.options;
const messageOf = (err: unknown) =>
  err instanceof UsersApiError && err.issues.length > 0
    ? `${err.message}: ${err.issues.map((i) => `${i.path} ${i.message}`).join('; ')}`
    : err instanceof Error
      ? err.message
      : String(err);

/** The admin's user list: create users, change roles, disable and enable. Own account read-only. */
export function UsersAdmin({ selfId }: { selfId: string }) {
  const t = useTranslations('admin');
  const queryClient = useQueryClient();
  const users = useQuery(usersQuery);
  const refresh = () => queryClient.invalidateQueries({ queryKey: usersQuery.queryKey });
  const change = useMutation({
    mutationFn: ({ id, body }: { id: string; body: { role?: Role; disabled?: boolean } }) => updateUser(id, body),
    onSettled: refresh,
  });

  return (
    <div className={styles.layout}>
      <section className={styles.panel} aria-labelledby="users-heading">
        <h2 id="users-heading">{t('title')}</h2>
        {users.isPending && <p className={styles.dim}>{t('loadingUsers')}</p>}
        {users.isError && (
          <p className={styles.error} role="alert">
            {messageOf(users.error)}
          </p>
        )}
        {change.isError && (
          <p className={styles.error} role="alert" data-testid="user-change-error">
            {messageOf(change.error)}
          </p>
        )}
        {users.data && (
          <div className={styles.scroll}>
            <table className={styles.table} data-testid="users-table">
              <thead>
                <tr>
                  <th scope="col">{t('col.email')}</th>
                  <th scope="col">{t('col.role')}</th>
                  <th scope="col">{t('col.created')}</th>
                  <th scope="col">{t('col.lastSignIn')}</th>
                  <th scope="col">{t('col.status')}</th>
                </tr>
              </thead>
              <tbody>
                {users.data.map((u) => (
                  <UserRow key={u.id} user={u} self={u.id === selfId} busy={change.isPending} onChange={(body) => change.mutate({ id: u.id, body })} />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <NewUser onCreated={refresh} />
    </div>
  );
}

function UserRow({ user, self, busy, onChange }: { user: UserSummary; self: boolean; busy: boolean; onChange: (body: { role?: Role; disabled?: boolean }) => void }) {
  const t = useTranslations('admin');
  const format = useFormatter();
  const when = (iso: string | null) => (iso ? format.dateTime(new Date(iso), { dateStyle: 'medium', timeStyle: 'short' }) : '—');
  return (
    <tr data-testid="user-row" data-email={user.email} data-disabled={user.disabled} className={user.disabled ? styles.disabledRow : undefined}>
      <td>
        {user.email}
        {self && <span className={styles.dim}> {t('you')}</span>}
      </td>
      <td>
        <select
          aria-label={t('roleOf', { email: user.email })}
          value={user.role}
          disabled={self || busy}
          onChange={(e) => onChange({ role: roleSchema.parse(e.target.value) })}
        >
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {t(`role.${r}`)}
            </option>
          ))}
        </select>
      </td>
      <td>{when(user.createdAt)}</td>
      <td>{when(user.lastSignInAt)}</td>
      <td>
        <div className={styles.status}>
          <span className={user.disabled ? styles.badgeOff : styles.badgeOn}>{user.disabled ? t('disabled') : t('active')}</span>
          {!self && (
            <button type="button" className={styles.secondary} disabled={busy} onClick={() => onChange({ disabled: !user.disabled })}>
              {user.disabled ? t('enable') : t('disable')}
            </button>
          )}
        </div>
      </td>
    </tr>
  );
}

/** New user: checked with the same schema as the server before it is sent. */
function NewUser({ onCreated }: { onCreated: () => void }) {
  const t = useTranslations('admin');
  const [problem, setProblem] = useState<string | null>(null);
  const [created, setCreated] = useState<string | null>(null);
  const create = useMutation({ mutationFn: createUser });

  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const data = Object.fromEntries(new FormData(form));
    const body = createUserRequestSchema.safeParse(data);
    setCreated(null);
    if (!body.success) return setProblem(issuesOf(body.error).map((i) => `${i.path} ${i.message}`).join('; '));
    setProblem(null);
    create.mutate(body.data, {
      onSuccess: (user) => {
        setCreated(user.email);
        form.reset();
        onCreated();
      },
      onError: (err) => setProblem(messageOf(err)),
    });
  };

  return (
    <section className={styles.panel} aria-labelledby="new-user-heading">
      <h2 id="new-user-heading">{t('newUser')}</h2>
      <form className={styles.form} onSubmit={submit} data-testid="new-user-form" noValidate>
        <label>
          <span>{t('email')}</span>
          <input name="email" type="email" autoComplete="off" required />
        </label>
        <label>
          <span>{t('password')}</span>
          <input name="password" type="password" autoComplete="new-password" required minLength={12} />
        </label>
        <label>
          <span>{t('roleField')}</span>
          <select name="role" defaultValue="operator">
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`role.${r}`)}
              </option>
            ))}
          </select>
        </label>
        {problem && (
          <p className={styles.error} role="alert" data-testid="new-user-error">
            {problem}
          </p>
        )}
        {created && (
          <p className={styles.ok} role="status">
            {t('created', { email: created })}
          </p>
        )}
        <button type="submit" className={styles.primary} disabled={create.isPending}>
          {t('createUser')}
        </button>
      </form>
    </section>
  );
}
