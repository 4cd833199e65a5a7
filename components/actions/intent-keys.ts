/**
 * Idempotency keys per user intent ("execute action X", "propose a retiming of segment Y"): the
 * first attempt makes a key, a retry after a timeout or a lost connection reuses it, so the
 * gateway carries the intent out once however often it is sent. Once the gateway has answered
 * for good, the intent is settled and a new attempt is a new intent with a new key.
 */
export class IntentKeys {
  private readonly keys = new Map<string, string>();

  constructor(private readonly newKey: () => string = () => crypto.randomUUID()) {}

  keyFor(intent: string): string {
    let key = this.keys.get(intent);
    if (!key) {
      key = this.newKey();
      this.keys.set(intent, key);
    }
    return key;
  }

  settle(intent: string): void {
    this.keys.delete(intent);
  }
}

/**
 * Whether an answer settles the intent: success or a refusal that a retry cannot change does;
 * no answer (timeout, disconnect) or `unavailable` does not, so the retry keeps its key.
 */
export const settles = (outcome: { ok: true } | { ok: false; error: { code: string } } | 'no-answer') =>
  outcome !== 'no-answer' && (outcome.ok || outcome.error.code !== 'unavailable');
