import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CsvFileError,
  csvMessageBatches,
  csvRowMessage,
  parseCsvHeader,
} from './import-csv.util.js';
import type { NumberedLine } from './import-lines.util.js';

async function rowsOf(chunks: readonly string[]): Promise<NumberedLine[]> {
  async function* source() {
    yield* chunks;
  }
  const rows: NumberedLine[] = [];
  for await (const batch of csvMessageBatches(source())) rows.push(...batch);
  return rows;
}

const messages = (rows: readonly NumberedLine[]) =>
  rows.map((r) => (r.parsed.kind === 'message' ? r.parsed.item : r.parsed));

describe('parseCsvHeader', () => {
  it('finds the reserved columns whatever their case, and the file kind', () => {
    const header = parseCsvHeader(['User_ID', 'EVENT', 'timestamp', 'message_id', 'total']);
    expect(header.kind).toBe('track');
    expect(header.columns.map((c) => [c.name, c.reserved, c.type])).toEqual([
      ['userId', 'userId', 'auto'],
      ['event', 'event', 'auto'],
      ['timestamp', 'timestamp', 'auto'],
      ['messageId', 'messageId', 'auto'],
      ['total', null, 'auto'],
    ]);
    expect(parseCsvHeader(['userId', 'zip:string', 'vip: Boolean']).columns).toMatchObject([
      { name: 'userId' },
      { name: 'zip', type: 'string' },
      { name: 'vip', type: 'boolean' },
    ]);
    expect(parseCsvHeader(['userId', 'plan']).kind).toBe('identify');
    // A colon that is not a type stays in the name.
    expect(parseCsvHeader(['userId', 'utm:source']).columns[1]?.name).toBe('utm:source');
  });

  it('refuses a header without userId, with a blank or repeated name, or a typed reserved column', () => {
    const refusal = (cells: string[]) => {
      try {
        parseCsvHeader(cells);
        return null;
      } catch (error) {
        expect(error).toBeInstanceOf(CsvFileError);
        return (error as Error).message;
      }
    };
    expect(refusal(['email', 'plan'])).toMatch(/no userId column/);
    expect(refusal(['userId', ' '])).toBe('column 2 of the header has no name');
    expect(refusal(['userId', 'user_id'])).toBe('the header names "userId" twice');
    expect(refusal(['userId:number'])).toBe('"userId" is always text: leave out ":number"');
    expect(refusal(['userId', 'address..city'])).toBe(
      '"address..city" has an empty part between its dots',
    );
    expect(refusal(['userId', 'address', 'address.city'])).toBe(
      '"address" and "address.city" cannot both be columns: "address" would be a value and an object',
    );
  });
});

describe('csvRowMessage', () => {
  const header = parseCsvHeader(['userId', 'plan', 'visits', 'vip', 'zip:string', 'score:number']);

  it('types cells by what they hold unless the column says', () => {
    expect(csvRowMessage(header, ['u1', 'pro', '12', 'true', '01234', '-3.5'], 2)).toEqual({
      message: {
        type: 'identify',
        userId: 'u1',
        traits: { plan: 'pro', visits: 12, vip: true, zip: '01234', score: -3.5 },
      },
    });
    // Leading zeros, plus signs, exponents and long digit runs stay text; empty is left out.
    const row = csvRowMessage(header, ['u2', '007', '+1', '1e3', '', ''], 3);
    expect(row).toEqual({
      message: {
        type: 'identify',
        userId: 'u2',
        traits: { plan: '007', visits: '+1', vip: '1e3' },
      },
    });
    const long = csvRowMessage(
      parseCsvHeader(['userId', 'phone', 'card']),
      ['u3', '+14155550100', '4111111111111111'],
      4,
    );
    expect(long).toEqual({
      message: {
        type: 'identify',
        userId: 'u3',
        traits: { phone: '+14155550100', card: '4111111111111111' },
      },
    });
  });

  it('makes a dotted name a path, as the rule language reads it', () => {
    const nested = parseCsvHeader(['userId', 'address.city', 'address.zip:string', 'plan']);
    expect(csvRowMessage(nested, ['u1', 'Berlin', '10115', 'pro'], 2)).toEqual({
      message: {
        type: 'identify',
        userId: 'u1',
        traits: { address: { city: 'Berlin', zip: '10115' }, plan: 'pro' },
      },
    });
    // An empty cell leaves its part out; a row with none of them has no address.
    expect(csvRowMessage(nested, ['u2', '', '', 'free'], 3)).toEqual({
      message: { type: 'identify', userId: 'u2', traits: { plan: 'free' } },
    });
  });

  it('names the column of a cell that is not its type, and a row of the wrong width', () => {
    expect(csvRowMessage(header, ['u1', '', '', '', '', 'lots'], 7)).toEqual({
      errors: [{ line: 7, field: 'score', message: '"lots" is not a number' }],
    });
    expect(csvRowMessage(header, ['u1', 'pro'], 8)).toEqual({
      errors: [{ line: 8, field: '(line)', message: 'has 2 cells; the header has 6' }],
    });
  });

  it('keeps any text of an auto column as it is (property)', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), (text) => {
        const row = csvRowMessage(parseCsvHeader(['userId', 'note']), ['u', text], 2);
        if (!('message' in row)) return false;
        const value = (row.message['traits'] as Record<string, unknown>)['note'];
        return typeof value === 'string' ? value === text : String(value) === text;
      }),
    );
  });
});

describe('csvMessageBatches', () => {
  it('reads quoted cells, line breaks in them, CRLF and a byte-order mark across chunks', async () => {
    const rows = await rowsOf([
      '\ufeffuserId,event,timestamp,total,note\r\nu1,Order Completed,2024-03-01T10:00:00Z,',
      '19.9,"says ""hi"", twice"\r\nu2,Order Completed,,5,"two\nlines"\r\n\r\nu3,Order ',
      'Completed,,7,',
    ]);
    // A row is numbered by the line it starts on (u2's note spans lines 3 and 4).
    expect(rows.map((r) => r.number)).toEqual([2, 3, 6]);
    expect(messages(rows)).toEqual([
      {
        type: 'track',
        userId: 'u1',
        event: 'Order Completed',
        timestamp: '2024-03-01T10:00:00Z',
        properties: { total: 19.9, note: 'says "hi", twice' },
      },
      {
        type: 'track',
        userId: 'u2',
        event: 'Order Completed',
        properties: { total: 5, note: 'two\nlines' },
      },
      { type: 'track', userId: 'u3', event: 'Order Completed', properties: { total: 7 } },
    ]);
  });

  it('validates each message as an NDJSON line is, naming the row', async () => {
    const rows = await rowsOf(['userId,event,timestamp\nu1,,\n,Visit,\nu3,Visit,yesterday\n']);
    expect(messages(rows)).toEqual([
      { kind: 'invalid', errors: [expect.objectContaining({ line: 2, field: 'event' })] },
      { kind: 'invalid', errors: [expect.objectContaining({ line: 3, field: 'userId' })] },
      { kind: 'invalid', errors: [expect.objectContaining({ line: 4, field: 'timestamp' })] },
    ]);
  });

  it('refuses a file it cannot read on: an unclosed quote, no header', async () => {
    await expect(rowsOf(['userId,plan\nu1,"pro\nu2,basic\n'])).rejects.toThrow(
      /is not valid CSV: Quote Not Closed/,
    );
    await expect(rowsOf([''])).rejects.toThrow(/the file is empty/);
    await expect(rowsOf(['email,plan\na@example.com,pro\n'])).rejects.toThrow(/no userId column/);
  });
});
