import { z } from 'zod';

/**
 * People and access: who may do what in a workspace.
 * - owner: everything, including members, invites, API keys, the audit log and workspace
 *   settings and secrets;
 * - marketer: creates, edits, publishes, launches and deletes segments, groups, journeys,
 *   campaigns, audiences and templates; reads everything else;
 * - viewer: reads.
 */
export const memberRoles = ['viewer', 'marketer', 'owner'] as const;
export const memberRoleSchema = z.enum(memberRoles, {
  error: `must be one of ${memberRoles.join(', ')}`,
});
export type MemberRole = z.infer<typeof memberRoleSchema>;

/** `ingest` keys reach only the /v1/* ingest routes; `admin` keys act as an owner. */
export const apiKeyScopes = ['ingest', 'admin'] as const;
export const apiKeyScopeSchema = z.enum(apiKeyScopes, {
  error: `must be one of ${apiKeyScopes.join(', ')}`,
});
export type ApiKeyScope = z.infer<typeof apiKeyScopeSchema>;

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 200;

export const emailSchema = z
  .string()
  .trim()
  .max(320, 'must be at most 320 characters')
  .pipe(z.email('must be an e-mail address'));

export const passwordSchema = z
  .string()
  .min(PASSWORD_MIN_LENGTH, `must be at least ${PASSWORD_MIN_LENGTH} characters`)
  .max(PASSWORD_MAX_LENGTH, `must be at most ${PASSWORD_MAX_LENGTH} characters`);

export const signInBodySchema = z.strictObject({
  email: emailSchema,
  /** Checked against the stored hash only: no length rule, so old passwords still work. */
  password: z.string().min(1, 'must not be empty').max(1000),
});
export type SignInBody = z.infer<typeof signInBodySchema>;

export const passwordResetRequestBodySchema = z.strictObject({ email: emailSchema });
export type PasswordResetRequestBody = z.infer<typeof passwordResetRequestBodySchema>;

/** A one-time token from a setup, reset or invite link (`#token=...`). */
export const linkTokenSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{20,200}$/, 'must be the token from the link');

export const tokenInfoBodySchema = z.strictObject({ token: linkTokenSchema });
export type TokenInfoBody = z.infer<typeof tokenInfoBodySchema>;

/** Setup, reset and invite links all end the same way: a new password, then signed in. */
export const setPasswordBodySchema = z.strictObject({
  token: linkTokenSchema,
  password: passwordSchema,
});
export type SetPasswordBody = z.infer<typeof setPasswordBodySchema>;

export const linkPurposes = ['setup', 'reset', 'invite'] as const;
export type LinkPurpose = (typeof linkPurposes)[number];

/** What a link is for, shown before the password is chosen. */
export interface LinkTokenInfo {
  purpose: LinkPurpose;
  email: string;
  role: MemberRole;
  workspaceName: string;
  expiresAt: string;
}

export const inviteBodySchema = z.strictObject({
  email: emailSchema,
  role: memberRoleSchema,
});
export type InviteBody = z.infer<typeof inviteBodySchema>;

export const memberRoleBodySchema = z.strictObject({ role: memberRoleSchema });
export type MemberRoleBody = z.infer<typeof memberRoleBodySchema>;

export interface MemberView {
  id: string;
  email: string;
  role: MemberRole;
  /** `invited`: the invite link was not used yet; `active`: has a password. */
  status: 'invited' | 'active';
  createdAt: string;
  lastSignInAt: string | null;
}

export interface InviteResult {
  member: MemberView;
  /** The one-time link (also written to the log and e-mailed when SMTP is set up). */
  link: string;
  expiresAt: string;
}

export const createApiKeyBodySchema = z.strictObject({
  name: z.string().trim().min(1, 'must not be empty').max(100, 'must be at most 100 characters'),
  scope: apiKeyScopeSchema,
});
export type CreateApiKeyBody = z.infer<typeof createApiKeyBodySchema>;

export interface ApiKeyView {
  id: string;
  name: string;
  scope: ApiKeyScope;
  /** The first characters of the key, to recognise it. */
  prefix: string;
  createdAt: string;
  /** Updated at most about once a minute. */
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** The only answer that contains the key itself. */
export interface CreatedApiKey extends ApiKeyView {
  key: string;
}

export type ActorView =
  | { type: 'user'; id: string; email: string; role: MemberRole }
  | { type: 'api_key'; id: string; name: string; scope: ApiKeyScope; role: MemberRole | null };

export interface MeView {
  actor: ActorView;
  workspace: { id: string; name: string };
}

export const auditLogQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).optional().default(50),
  offset: z.coerce.number().int().min(0).optional().default(0),
  action: z
    .string()
    .regex(/^[a-z_.]{1,64}$/, 'must be an action name such as journey.published')
    .optional(),
});
export type AuditLogQuery = z.output<typeof auditLogQuerySchema>;

export interface AuditEntryView {
  id: string;
  at: string;
  actor: { type: 'user' | 'api_key' | 'system'; id: string | null; label: string };
  action: string;
  targetType: string;
  targetId: string | null;
  details: Record<string, unknown>;
}

export interface AuditLogPage {
  entries: AuditEntryView[];
  total: number;
  limit: number;
  offset: number;
}
