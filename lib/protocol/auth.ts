import { z } from 'zod';
import { layerNames, type LayerName } from './layers';

/**
 * Who may see what. Signed-in roles use the control room's namespace (/ops); the public, with no
 * sign-in, uses /public and sees transit and public air quality only.
 */
export const roleSchema = z.enum(['operator', 'manager', 'admin']);
export type Role = z.infer<typeof roleSchema>;
export type Audience = Role | 'public';

/** Layers each audience may subscribe to. Every signed-in role watches the whole city. */
export const layersOf: Record<Audience, readonly LayerName[]> = {
  public: ['transit', 'air'],
  operator: layerNames,
  manager: layerNames,
  admin: layerNames,
};

export const mayWatch = (audience: Audience, layer: LayerName) => layersOf[audience].includes(layer);

/** What each role may do beyond watching, for the action workflow and KPI pages to check. */
export const permissionsOf: Record<Role, readonly Permission[]> = {
  operator: ['actions:propose', 'actions:trigger', 'alerts:acknowledge'],
  manager: ['actions:propose', 'actions:trigger', 'actions:approve', 'forecasts:all', 'kpi:view', 'alerts:acknowledge'],
  admin: ['users:manage'],
};
export type Permission = 'actions:propose' | 'actions:trigger' | 'actions:approve' | 'forecasts:all' | 'kpi:view' | 'users:manage' | 'alerts:acknowledge';
export const may = (role: Role, permission: Permission) => permissionsOf[role].includes(permission);

/** The session cookie: httpOnly, SameSite=Lax, holding an opaque random token (only its hash is stored). */
export const SESSION_COOKIE = 'polis_session';

/** Request header the web server sets (JSON SessionUser) for signed-in requests; never taken from the client. */
export const USER_HEADER = 'x-polis-user';

export const emailSchema = z.string().trim().toLowerCase().pipe(z.email().max(254));

/** POST /api/auth/login (JSON or an HTML form). */
export const loginRequestSchema = z.object({
  email: emailSchema,
  password: z.string().min(1, 'is required').max(1024),
  /** Where a form sign-in returns to: a path on this site only, never another origin. */
  next: z
    .string()
    .regex(/^\/(?![/\\])[^\s]*$/, 'must be a path on this site')
    .max(2000)
    .optional(),
});
export type LoginRequest = z.infer<typeof loginRequestSchema>;

/** A new user's password: long rather than complicated (NIST SP 800-63B). */
export const newPasswordSchema = z.string().min(12, 'must be at least 12 characters').max(1024);

/** POST /api/auth/users (admin only). */
export const createUserRequestSchema = z.object({ email: emailSchema, password: newPasswordSchema, role: roleSchema });
export type CreateUserRequest = z.infer<typeof createUserRequestSchema>;

/** The signed-in user as the server tells the browser (GET /api/auth/me) and the gateway knows it. */
export const sessionUserSchema = z.object({ id: z.string(), email: z.string(), role: roleSchema });
export type SessionUser = z.infer<typeof sessionUserSchema>;

export const authErrorSchema = z.object({
  error: z.string(),
  issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});

/** A user as an admin sees them (GET /api/auth/users): never a password hash. */
export const userSummarySchema = sessionUserSchema.extend({
  createdAt: z.string(),
  lastSignInAt: z.string().nullable(),
  disabled: z.boolean(),
});
export type UserSummary = z.infer<typeof userSummarySchema>;
export const userListSchema = z.object({ users: z.array(userSummarySchema) });

/** PATCH /api/auth/users/{id} (admin only): a new role, disabled or enabled, or both. */
export const updateUserRequestSchema = z
  .strictObject({ role: roleSchema.optional(), disabled: z.boolean().optional() })
  .refine((b) => b.role !== undefined || b.disabled !== undefined, { message: 'name a role or disabled', path: ['role'] });
export type UpdateUserRequest = z.infer<typeof updateUserRequestSchema>;

/** A user id in a path: the server makes UUIDs. */
export const userIdSchema = z.uuid();

/** Why a sign-in was refused, as the login page shows it (`/login?error=…`). */
export const signInErrorSchema = z.enum(['credentials', 'invalid', 'locked', 'disabled']);
export type SignInError = z.infer<typeof signInErrorSchema>;

/** The answer to creating or changing a user: the user as now. */
export const userResponseSchema = z.object({ user: userSummarySchema });
