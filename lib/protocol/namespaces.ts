/**
 * Socket.IO namespaces, one per audience: /ops needs a signed-in session, /public does not.
 * Kept free of zod so the public transit page can name them without bundling the schemas.
 */
export const namespaces = { ops: '/ops', public: '/public' } as const;
export type NamespaceName = (typeof namespaces)[keyof typeof namespaces];

/** The connect_error message when /ops is opened without a valid session. */
export const UNAUTHORIZED = 'unauthorized';
