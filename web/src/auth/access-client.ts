import type {
  LinkPurpose,
  LinkTokenInfo,
  MeView,
  SetPasswordBody,
  SignInBody,
} from '@switchyard/contracts';
import { type ApiClient, createApiClient } from '../api/api-client';

/**
 * Sign-in calls, made with a client that does not sign the app out on a 401 (a wrong
 * password is a 401 too). The session travels in the httpOnly cookie.
 */
export function createAccessClient(getApiKey: () => string | null = () => null) {
  const client: ApiClient = createApiClient({ getApiKey });
  const completePaths: Record<LinkPurpose, string> = {
    setup: '/api/auth/setup',
    reset: '/api/auth/reset',
    invite: '/api/auth/accept-invite',
  };
  return {
    me: () => client.request<MeView>('GET', '/api/auth/me'),
    signIn: (body: SignInBody) => client.request<MeView>('POST', '/api/auth/sign-in', body),
    signOut: () => client.request<void>('POST', '/api/auth/sign-out', {}),
    requestReset: (email: string) =>
      client.request<{ message: string }>('POST', '/api/auth/password-reset', { email }),
    describeLink: (token: string) =>
      client.request<LinkTokenInfo>('POST', '/api/auth/link', { token }),
    completeLink: (purpose: LinkPurpose, body: SetPasswordBody) =>
      client.request<MeView>('POST', completePaths[purpose], body),
  };
}
