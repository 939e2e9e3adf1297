import { type BatchItem, INGEST_PAYLOAD_MAX_BYTES } from '@switchyard/contracts';
import { describe, expect, it } from 'vitest';
import { storageIssue, storedNumberLength } from './storable-value.util.js';

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

  it('refuses traits or properties over 32 KB as stored, counting numbers written out in full', () => {
    // 200,001 copies of 5e-324 are 1.4 MB of JSON and 65 MB as jsonb writes them out.
    const tiny = new Array<number>(200_001).fill(5e-324);
    expect(storageIssue(track({ properties: { tiny } }))).toEqual({
      path: ['properties'],
      message: expect.stringMatching(/^must be at most 32 KB as stored/) as unknown,
    });
    expect(storageIssue({ type: 'identify', userId: 'u', traits: { tiny } })?.path).toEqual([
      'traits',
    ]);
    // 100 of them (33 KB stored) pass as 6-character JSON numbers, but not as stored.
    expect(
      storageIssue(track({ properties: { few: new Array<number>(100).fill(5e-324) } })),
    ).not.toBeNull();
    expect(
      storageIssue(track({ properties: { few: new Array<number>(90).fill(5e-324) } })),
    ).toBeNull();
    // Text counts its UTF-8 bytes: 10,000 × "é" is 20 KB, 20,000 is 40 KB.
    expect(storageIssue(track({ properties: { s: 'é'.repeat(10_000) } }))).toBeNull();
    expect(storageIssue(track({ properties: { s: 'é'.repeat(20_000) } }))?.path).toEqual([
      'properties',
    ]);
    // Just under the limit passes; the other fields are not counted.
    const fits = 'x'.repeat(INGEST_PAYLOAD_MAX_BYTES - 100);
    expect(storageIssue(track({ properties: { fits }, messageId: 'm'.repeat(255) }))).toBeNull();
  });

  it('counts the characters of a number as Postgres prints it', () => {
    expect(
      [
        0, -0, 7, -12.5, 1e-6, 1e-7, -1.5e-7, 5e-324, -5e-324, 1e21, 1.2345e25,
        1.7976931348623157e308,
      ].map(storedNumberLength),
    ).toEqual([1, 1, 1, 5, 8, 9, 11, 326, 327, 22, 26, 309]);
    expect(storedNumberLength(Number.NaN)).toBe(4);
  });
});
