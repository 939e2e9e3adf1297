import { describe, expect, it } from 'vitest';
import {
  API_KEY_STORAGE_KEY,
  extractKeyFromHash,
  readStoredKey,
  writeStoredKey,
  type KeyStorage,
} from './api-key';

function memoryStorage(): KeyStorage & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => void data.set(k, v),
    removeItem: (k) => void data.delete(k),
  };
}

describe('extractKeyFromHash', () => {
  it('reads the key the server prints', () => {
    expect(extractKeyFromHash('#key=sk_abc123')).toEqual({ key: 'sk_abc123', remainingHash: '' });
  });

  it('keeps other hash parameters', () => {
    expect(extractKeyFromHash('#tab=2&key=sk_x')).toEqual({ key: 'sk_x', remainingHash: '#tab=2' });
  });

  it('leaves a hash without a key alone', () => {
    expect(extractKeyFromHash('#section')).toEqual({ key: null, remainingHash: '#section' });
    expect(extractKeyFromHash('')).toEqual({ key: null, remainingHash: '' });
  });

  it('treats an empty key as none', () => {
    expect(extractKeyFromHash('#key=').key).toBeNull();
  });
});

describe('stored key', () => {
  it('writes, reads and clears the key', () => {
    const storage = memoryStorage();
    writeStoredKey(storage, 'sk_1');
    expect(storage.data.get(API_KEY_STORAGE_KEY)).toBe('sk_1');
    expect(readStoredKey(storage)).toBe('sk_1');
    writeStoredKey(storage, null);
    expect(readStoredKey(storage)).toBeNull();
  });
});
