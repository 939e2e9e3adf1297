import type {
  ApiKeyView,
  AuditLogPage,
  CreateApiKeyBody,
  CreatedApiKey,
  InviteBody,
  InviteResult,
  MemberRole,
  MemberView,
} from '@switchyard/contracts';
import { api } from '../app/api';

const id = (value: string) => encodeURIComponent(value);

/** The owner-only people and access endpoints, through the app's client. */
export const accessApi = {
  members: () => api.request<MemberView[]>('GET', '/api/members'),
  changeRole: (memberId: string, role: MemberRole) =>
    api.request<MemberView>('PATCH', `/api/members/${id(memberId)}`, { role }),
  removeMember: (memberId: string) =>
    api.request<MemberView>('DELETE', `/api/members/${id(memberId)}`),
  invite: (body: InviteBody) => api.request<InviteResult>('POST', '/api/invites', body),
  apiKeys: () => api.request<ApiKeyView[]>('GET', '/api/api-keys'),
  createApiKey: (body: CreateApiKeyBody) =>
    api.request<CreatedApiKey>('POST', '/api/api-keys', body),
  revokeApiKey: (keyId: string) => api.request<ApiKeyView>('DELETE', `/api/api-keys/${id(keyId)}`),
  auditLog: (limit: number, offset: number) =>
    api.request<AuditLogPage>('GET', `/api/audit-log?limit=${limit}&offset=${offset}`),
};
