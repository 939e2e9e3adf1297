import { useEffect } from 'react';
import { ApiError } from '../api/api-client';
import { createAccessClient } from './access-client';
import { useSessionStore } from './session.store';

/**
 * While the session is `checking`, asks the server who we are: the stored API key if
 * there is one, else the session cookie. Signed in or signed out from the answer.
 */
export function useSessionCheck(): void {
  const status = useSessionStore((s) => s.status);
  const apiKey = useSessionStore((s) => s.apiKey);
  useEffect(() => {
    if (status !== 'checking') return;
    let cancelled = false;
    const { signedIn, signedInWithKey, signOut } = useSessionStore.getState();
    createAccessClient(() => apiKey)
      .me()
      .then(
        (me) => {
          if (cancelled) return;
          if (apiKey) signedInWithKey(apiKey, me);
          else signedIn(me);
        },
        (error: unknown) => {
          if (cancelled) return;
          if (!apiKey && error instanceof ApiError && error.status === 401) return signOut();
          signOut(
            error instanceof ApiError && error.status === 401
              ? 'The API key was not accepted. Please sign in again.'
              : `Could not sign in: ${error instanceof Error ? error.message : String(error)}`,
          );
        },
      );
    return () => {
      cancelled = true;
    };
  }, [status, apiKey]);
}
