import type { MeView } from '@switchyard/contracts';
import { create } from 'zustand';
import { extractKeyFromHash, readStoredKey, writeStoredKey } from './api-key';

export type SessionStatus = 'checking' | 'signed-out' | 'signed-in';

interface SessionState {
  /** Set when signed in with an API key (`#key=` or the "use an API key" form). */
  apiKey: string | null;
  /** Who is signed in (a person with a role, or an API key). */
  me: MeView | null;
  /** `checking` until the server has said who we are (cookie or stored key). */
  status: SessionStatus;
  /** Why the user was signed out, shown on the sign-in screen. */
  notice: string | null;
  /** Signed in with a session cookie (sign-in, setup, reset, invite). */
  signedIn: (me: MeView) => void;
  /** Signed in with an API key the server accepted. */
  signedInWithKey: (key: string, me: MeView) => void;
  /** Forgets the key and the person; the caller ends the server session first. */
  signOut: (notice?: string) => void;
}

/** Takes `#key=` from the address, stores it and removes it from the address bar. */
function takeKeyFromHash(): string | null {
  const { key, remainingHash } = extractKeyFromHash(window.location.hash);
  if (!key) return null;
  writeStoredKey(window.localStorage, key);
  const url = `${window.location.pathname}${window.location.search}${remainingHash}`;
  window.history.replaceState(window.history.state, '', url);
  return key;
}

function initialKey(): string | null {
  if (typeof window === 'undefined') return null;
  return takeKeyFromHash() ?? readStoredKey(window.localStorage);
}

export const useSessionStore = create<SessionState>()((set) => ({
  apiKey: initialKey(),
  me: null,
  status: 'checking',
  notice: null,
  signedIn: (me) => {
    writeStoredKey(window.localStorage, null);
    set({ apiKey: null, me, status: 'signed-in', notice: null });
  },
  signedInWithKey: (key, me) => {
    const trimmed = key.trim();
    writeStoredKey(window.localStorage, trimmed);
    set({ apiKey: trimmed, me, status: 'signed-in', notice: null });
  },
  signOut: (notice) => {
    writeStoredKey(window.localStorage, null);
    set({ apiKey: null, me: null, status: 'signed-out', notice: notice ?? null });
  },
}));

// A sign-in link opened in a tab that already runs the app only changes the hash.
if (typeof window !== 'undefined') {
  window.addEventListener('hashchange', () => {
    const key = takeKeyFromHash();
    if (key) useSessionStore.setState({ apiKey: key, me: null, status: 'checking', notice: null });
  });
}
