import { createApiClient } from '../api/api-client';
import { useSessionStore } from '../auth/session.store';

/** The app's one API client, bound to the signed-in key. */
export const api = createApiClient({
  getApiKey: () => useSessionStore.getState().apiKey,
  onUnauthorized: () =>
    useSessionStore
      .getState()
      .signOut('Your session has ended or the API key was not accepted. Please sign in again.'),
});
