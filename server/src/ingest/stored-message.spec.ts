import { describe, expect, it } from 'vitest';
import { IDENTIFY_EVENT_NAME, toStoredMessage } from './stored-message.js';

const receivedAt = new Date('2025-01-01T00:00:00Z');

describe('toStoredMessage', () => {
  it('stores identify as a $identify event whose properties are the traits', () => {
    const m = toStoredMessage(
      { type: 'identify', userId: 42, traits: { plan: 'pro' } },
      3,
      receivedAt,
    );
    expect(m).toEqual({
      position: 3,
      type: 'identify',
      externalId: '42',
      messageId: null,
      name: IDENTIFY_EVENT_NAME,
      payload: { plan: 'pro' },
      timestamp: receivedAt,
    });
  });

  it('honours the message timestamp so history can be imported', () => {
    const m = toStoredMessage(
      {
        type: 'track',
        anonymousId: 'anon',
        event: 'Order Completed',
        messageId: 'm1',
        timestamp: '1997-01-01T00:00:00Z',
      },
      0,
      receivedAt,
    );
    expect(m.externalId).toBe('anon');
    expect(m.name).toBe('Order Completed');
    expect(m.payload).toEqual({});
    expect(m.timestamp.toISOString()).toBe('1997-01-01T00:00:00.000Z');
  });
});
