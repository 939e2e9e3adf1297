/** Where the browser keeps the workspace API key. */
export const API_KEY_STORAGE_KEY = 'switchyard.apiKey';

export interface HashKeyResult {
  key: string | null;
  /** The hash with the `key=` parameter removed ('' when nothing is left). */
  remainingHash: string;
}

/**
 * Reads `key=` from a location hash such as `#key=sk_abc` or `#foo=1&key=sk_abc`.
 * The server prints `http://host/#key=sk_...` on first start.
 */
export function extractKeyFromHash(hash: string): HashKeyResult {
  const raw = hash.startsWith('#') ? hash.slice(1) : hash;
  if (!raw) return { key: null, remainingHash: '' };
  const params = new URLSearchParams(raw);
  const key = params.get('key');
  if (key === null) return { key: null, remainingHash: hash };
  params.delete('key');
  const rest = params.toString();
  return { key: key.trim() || null, remainingHash: rest ? `#${rest}` : '' };
}

export interface KeyStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export function readStoredKey(storage: KeyStorage): string | null {
  try {
    const value = storage.getItem(API_KEY_STORAGE_KEY);
    return value && value.trim() ? value.trim() : null;
  } catch {
    return null;
  }
}

export function writeStoredKey(storage: KeyStorage, key: string | null): void {
  try {
    if (key) storage.setItem(API_KEY_STORAGE_KEY, key);
    else storage.removeItem(API_KEY_STORAGE_KEY);
  } catch {
    // Private mode or disabled storage: the key lives for this page only.
  }
}
