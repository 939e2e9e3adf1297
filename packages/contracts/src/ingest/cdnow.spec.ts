/// <reference types="node" />
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cdnowLineToTrack, isCdnowDataLine } from './cdnow.js';
import { batchItemSchema } from './segment-spec.schema.js';

const CDNOW_FILE = new URL('../../../../../shared/data/cdnow_master.txt', import.meta.url);

describe('cdnowLineToTrack', () => {
  it('maps a row to an Order Completed event', () => {
    const msg = cdnowLineToTrack(' 00042 19970315  4   61.00\r', 3);
    expect(msg).toEqual({
      type: 'track',
      userId: '42',
      event: 'Order Completed',
      messageId: 'cdnow-3',
      timestamp: '1997-03-15T00:00:00.000Z',
      properties: { total: 61, quantity: 4 },
    });
    expect(batchItemSchema.safeParse(msg).success).toBe(true);
  });

  it('keeps cents, strips leading zeros and applies offsets', () => {
    const msg = cdnowLineToTrack(' 23570 19980630  2   42.96', 9, {
      userIdOffset: 100_000,
      messageIdPrefix: 'x1',
    });
    expect(msg.userId).toBe('123570');
    expect(msg.messageId).toBe('x1-9');
    expect(msg.properties.total).toBe(42.96);
    expect(msg.timestamp).toBe('1998-06-30T00:00:00.000Z');
  });

  it('refuses the header, blank lines and impossible dates', () => {
    expect(isCdnowDataLine(' customer_id  date number_of_cds  dollar_value\r')).toBe(false);
    expect(isCdnowDataLine('')).toBe(false);
    expect(() => cdnowLineToTrack(' customer_id  date number_of_cds  dollar_value', 1)).toThrow(
      /line 1/,
    );
    expect(() => cdnowLineToTrack(' 00001 19970231  1   11.77', 2)).toThrow(/impossible date/);
  });

  it.skipIf(!existsSync(CDNOW_FILE))('maps every purchase of the real file', () => {
    const lines = readFileSync(CDNOW_FILE, 'utf8').split('\n');
    const messages = lines.flatMap((line, i) =>
      isCdnowDataLine(line) ? [cdnowLineToTrack(line, i + 1)] : [],
    );
    expect(messages).toHaveLength(69_659);
    expect(new Set(messages.map((m) => m.userId)).size).toBe(23_570);
    expect(new Set(messages.map((m) => m.messageId)).size).toBe(69_659);
    const times = messages.map((m) => m.timestamp).sort();
    expect(times[0]).toBe('1997-01-01T00:00:00.000Z');
    expect(times.at(-1)?.startsWith('1998-06')).toBe(true);
    expect(messages.every((m) => batchItemSchema.safeParse(m).success)).toBe(true);
  });
});
