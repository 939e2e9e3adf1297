import { describe, expect, it } from 'vitest';
import { requestIdFor } from './request-id.util.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('request ids', () => {
  it('reuses a plain X-Request-Id', () => {
    expect(requestIdFor('abc-123')).toBe('abc-123');
    expect(requestIdFor('00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01')).toBe(
      '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
    );
  });

  it('makes a UUID when there is none, or it is not a plain token', () => {
    expect(requestIdFor(undefined)).toMatch(UUID);
    expect(requestIdFor('')).toMatch(UUID);
    expect(requestIdFor(['a', 'b'])).toMatch(UUID);
    expect(requestIdFor('x'.repeat(201))).toMatch(UUID);
    expect(requestIdFor('has space')).toMatch(UUID);
    expect(requestIdFor('line\nbreak')).toMatch(UUID);
    expect(requestIdFor('ünïcode')).toMatch(UUID);
    expect(requestIdFor(undefined)).not.toBe(requestIdFor(undefined));
  });
});
