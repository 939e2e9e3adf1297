import { create } from 'zustand';
import { extractKeyFromHash, readStoredKey, writeStoredKey } from './api-key';

interface SessionState {
  apiKey: string | null;
  /** Why the user was signed out, shown on the sign-in screen. */
  notice: string | null;
  signIn: (key: string) => void;
  signOut: (notice?: string) => void;
}

/** Takes `#key=` from the address (then removes it) or falls back to localStorage. */
function initialKey(): string | null {
  if (typeof window === 'undefined') return null;
  const { key, remainingHash } = extractKeyFromHash(window.location.hash);
  if (key) {
    writeStoredKey(window.localStorage, key);
    const url = `${window.location.pathname}${window.location.search}${remainingHash}`;
    window.history.replaceState(window.history.state, '', url);
    return key;
  }
  return readStoredKey(window.localStorage);
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
