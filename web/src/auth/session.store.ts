import { create } from 'zustand';
import { extractKeyFromHash, readStoredKey, writeStoredKey } from './api-key';

interface SessionState {
  apiKey: string | null;
  /** Why the user was signed out, shown on the sign-in screen. */
  notice: string | null;
  signIn: (key: string) => void;
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
  notice: null,
  signIn: (key) => {
    const trimmed = key.trim();
    writeStoredKey(window.localStorage, trimmed);
    set({ apiKey: trimmed, notice: null });
  },
  signOut: (notice) => {
    writeStoredKey(window.localStorage, null);
    set({ apiKey: null, notice: notice ?? null });
  },
}));

// A sign-in link opened in a tab that already runs the app only changes the hash.
if (typeof window !== 'undefined') {
  window.addEventListener('hashchange', () => {
    const key = takeKeyFromHash();
    if (key) useSessionStore.setState({ apiKey: key, notice: null });
  });
}
