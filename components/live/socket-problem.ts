/**
 * What went wrong with a panel's list on the /ops socket, as data: the panel says it in the page's
 * language. `detail` is the gateway's or Socket.IO's own words (English), shown after the panel's.
 */
export type SocketProblem =
  | { kind: 'invalid' }
  | { kind: 'noAnswer' }
  | { kind: 'unavailable'; detail: string }
  | { kind: 'refused'; code: ErrorCode; detail: string };

/** The error codes of the alerts' and the actions' acks (lib/protocol/alerts.ts, actions.ts). */
type ErrorCode = 'bad-request' | 'forbidden' | 'unavailable' | 'not-found' | 'conflict' | 'rate-limited';

/** A translator of a namespace with problem.* and error.code.* messages (alerts, actions). */
export type ProblemTranslator = (key: `problem.${SocketProblem['kind']}` | `error.code.${ErrorCode}`, values?: Record<string, string>) => string;

/** The problem in the page's language. */
export function problemText(t: ProblemTranslator, p: SocketProblem): string {
  switch (p.kind) {
    case 'invalid':
    case 'noAnswer':
      return t(`problem.${p.kind}`);
    case 'unavailable':
      return t('problem.unavailable', { detail: p.detail });
    case 'refused':
      return t('problem.refused', { reason: t(`error.code.${p.code}`), detail: p.detail });
  }
}
