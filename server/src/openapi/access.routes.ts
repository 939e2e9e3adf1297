import {
  createApiKeyBodySchema,
  inviteBodySchema,
  memberRoleBodySchema,
  passwordResetRequestBodySchema,
  setPasswordBodySchema,
  signInBodySchema,
  tokenInfoBodySchema,
  secretValueBodySchema,
  workspaceSettingsBodySchema,
} from '@switchyard/contracts';
import type { ApiRoute } from './api-routes.js';

/** The workspace, its members, API keys, secrets and audit log. */
export const accessRoutes: ApiRoute[] = [
  {
    method: 'get',
    path: '/api/workspace/settings',
    summary:
      'Time zone, frequency caps, SMS provider (credentials masked), allowed hosts, and whether a signing secret is set (secrets are never returned)',
    tag: 'workspace',
  },
  {
    method: 'put',
    path: '/api/workspace/settings',
    summary:
      'Change the time zone, frequency caps, SMS provider, signing secret (write-only) or allowed hosts',
    tag: 'workspace',
    body: workspaceSettingsBodySchema,
  },
  {
    method: 'get',
    path: '/api/workspace/secrets',
    summary: 'Names of the workspace secrets plugin nodes can read (values are never returned)',
    tag: 'workspace',
  },
  {
    method: 'put',
    path: '/api/workspace/secrets/{name}',
    summary: 'Set a secret ({value}) for ctx.secret(name)',
    tag: 'workspace',
    body: secretValueBodySchema,
  },
  {
    method: 'delete',
    path: '/api/workspace/secrets/{name}',
    summary: 'Remove a secret',
    tag: 'workspace',
  },
  {
    method: 'post',
    path: '/api/auth/sign-in',
    summary:
      'Sign in with e-mail and password: sets the httpOnly session cookie (429 with Retry-After after 5 failures for one e-mail in 15 minutes)',
    tag: 'access',
    body: signInBodySchema,
    public: true,
  },
  {
    method: 'post',
    path: '/api/auth/sign-out',
    summary: 'End the session of the cookie and clear it',
    tag: 'access',
    public: true,
  },
  {
    method: 'get',
    path: '/api/auth/me',
    summary: 'The caller (person with role, or API key with scope) and the workspace',
    tag: 'access',
  },
  {
    method: 'post',
    path: '/api/auth/password-reset',
    summary:
      'Ask for a one-time reset link (1 hour) by e-mail: always 202; the link is logged and e-mailed when SMTP_URL is set',
    tag: 'access',
    body: passwordResetRequestBodySchema,
    public: true,
  },
  {
    method: 'post',
    path: '/api/auth/link',
    summary:
      'What a setup, reset or invite link is for (e-mail, role, workspace) before it is used',
    tag: 'access',
    body: tokenInfoBodySchema,
    public: true,
  },
  {
    method: 'post',
    path: '/api/auth/setup',
    summary: "Use the owner's setup link: choose the password and sign in",
    tag: 'access',
    body: setPasswordBodySchema,
    public: true,
  },
  {
    method: 'post',
    path: '/api/auth/reset',
    summary: "Use a reset link: set the password, end the person's other sessions, sign in",
    tag: 'access',
    body: setPasswordBodySchema,
    public: true,
  },
  {
    method: 'post',
    path: '/api/auth/accept-invite',
    summary: 'Use an invite link: choose a password and sign in',
    tag: 'access',
    body: setPasswordBodySchema,
    public: true,
  },
  {
    method: 'get',
    path: '/api/members',
    summary: 'Members with role and status (invited or active); owners only',
    tag: 'access',
  },
  {
    method: 'patch',
    path: '/api/members/{id}',
    summary: "Change a member's role (never the last owner); owners only",
    tag: 'access',
    body: memberRoleBodySchema,
  },
  {
    method: 'delete',
    path: '/api/members/{id}',
    summary: 'Remove a member and end their sessions (never the last owner); owners only',
    tag: 'access',
  },
  {
    method: 'post',
    path: '/api/invites',
    summary:
      'Invite an e-mail with a role: answers the one-time link (7 days), also logged and e-mailed; owners only',
    tag: 'access',
    body: inviteBodySchema,
  },
  {
    method: 'get',
    path: '/api/api-keys',
    summary: 'API keys with scope, created and last used (about once a minute); owners only',
    tag: 'access',
  },
  {
    method: 'post',
    path: '/api/api-keys',
    summary:
      'Create a key with a scope (ingest: /v1/* only; admin: everything, as an owner); the key is in this answer only; owners only',
    tag: 'access',
    body: createApiKeyBodySchema,
  },
  {
    method: 'delete',
    path: '/api/api-keys/{id}',
    summary: 'Revoke a key: it answers 401 from then on; owners only',
    tag: 'access',
  },
  {
    method: 'get',
    path: '/api/audit-log',
    summary:
      'Who did what: publishes, launches, pauses, deletions, keys, members, sign-ins; newest first (?limit=&offset=&action=); owners only',
    tag: 'access',
  },
];
