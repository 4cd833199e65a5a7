/**
 * The one seam between the store and its database: PGlite (embedded) and Postgres answer the
 * same SQL through this interface, so every query above it is written once.
 */
export interface Queryable {
  query<T extends object>(text: string, params?: unknown[]): Promise<T[]>;
}

export interface Sql extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /** Several statements, no parameters (migrations). */
  exec(text: string): Promise<void>;
  /** All or nothing: a throw inside rolls everything back. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
