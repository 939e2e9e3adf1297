import type { BatchItem } from '@switchyard/contracts';
import { describe, expect, it } from 'vitest';
import { storageIssue } from './storable-value.util.js';

const track = (extra: Partial<Extract<BatchItem, { type: 'track' }>>): BatchItem => ({
  type: 'track',
  userId: 'u1',
  event: 'Order Completed',
  ...extra,
});

describe('storageIssue', () => {
  it('accepts ordinary messages', () => {
    expect(
      storageIssue(track({ properties: { total: 3, products: [{ name: 'Café ☕ 𝄞' }] } })),
    ).toBeNull();
    expect(storageIssue({ type: 'identify', userId: 7, traits: { email: 'a@b.c' } })).toBeNull();
  });

  it('names the field holding a NUL character, in values and in keys', () => {
    expect(storageIssue(track({ properties: { products: [{ name: 'a\u0000b' }] } }))).toEqual({
      path: ['properties', 'products', 0, 'name'],
      message: 'must not contain the NUL character (\\u0000)',
    });
    expect(
      storageIssue({ type: 'identify', userId: 'u', traits: { 'bad\u0000key': 1 } })?.path,
    ).toEqual(['traits', 'bad\u0000key']);
    expect(storageIssue(track({ userId: 'x\u0000' }))?.path).toEqual(['userId']);
    expect(storageIssue(track({ event: 'E\u0000' }))?.path).toEqual(['event']);
  });

  it('refuses lone surrogates, absurd nesting and dates Postgres cannot hold', () => {
    expect(storageIssue(track({ properties: { s: '\uD800' } }))?.message).toMatch(/valid Unicode/);
    let deep: unknown = 1;
    for (let i = 0; i < 80; i++) deep = { d: deep };
    expect(storageIssue(track({ properties: { deep } }))?.message).toMatch(/nest deeper/);
    expect(storageIssue(track({ timestamp: '0000-01-01T00:00:00Z' }))?.path).toEqual(['timestamp']);
    expect(storageIssue(track({ originalTimestamp: '9999-12-31T23:59:59-14:00' }))?.path).toEqual([
      'originalTimestamp',
    ]);
    expect(storageIssue(track({ timestamp: '2024-02-29T12:00:00+09:00' }))).toBeNull();
  });
});
