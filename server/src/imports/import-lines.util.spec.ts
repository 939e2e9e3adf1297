import { cdnowLineToTrack } from '@switchyard/contracts';
import { describe, expect, it } from 'vitest';
import { MAX_REPORTED_ERRORS, ImportTally } from './import-tally.js';
import { parseImportLine, type SourceLine, splitLines } from './import-lines.util.js';

async function collect(chunks: (string | Buffer)[], max?: number): Promise<SourceLine[]> {
  const lines: SourceLine[] = [];
  for await (const line of splitLines(
    (async function* () {
      yield* chunks;
    })(),
    max,
  ))
    lines.push(line);
  return lines;
}

const parse = (text: string, number = 1) => parseImportLine({ number, text });

describe('splitLines', () => {
  it('numbers LF and CRLF lines from 1 across chunk boundaries, last line without newline', async () => {
    expect(await collect(['{"a":', '1}\r\n\n{"b"', ':2}\n{"c":3}'])).toEqual([
      { number: 1, text: '{"a":1}' },
      { number: 2, text: '' },
      { number: 3, text: '{"b":2}' },
      { number: 4, text: '{"c":3}' },
    ]);
    expect(await collect(['x\n'])).toEqual([{ number: 1, text: 'x' }]);
    expect(await collect([])).toEqual([]);
  });

  it('decodes UTF-8 split inside a character and drops a byte-order mark', async () => {
    const bytes = Buffer.from('\uFEFF{"name":"Café ☕"}\n', 'utf8');
    const cut = bytes.indexOf(0xe2) + 1; // inside the 3-byte ☕
    expect(
      await collect([bytes.subarray(0, 2), bytes.subarray(2, cut), bytes.subarray(cut)]),
    ).toEqual([{ number: 1, text: '{"name":"Café ☕"}' }]);
  });

  it('refuses an over-long line without holding it, then goes on', async () => {
    const lines = await collect(['ok\n', 'x'.repeat(30), 'x'.repeat(30), 'tail\nnext\n'], 50);
    expect(lines).toEqual([
      { number: 1, text: 'ok' },
      { number: 2, tooLong: true },
      { number: 3, text: 'next' },
    ]);
  });
});

describe('parseImportLine', () => {
  it('accepts identify and track lines, skips blank lines', () => {
    expect(parse('  ')).toEqual({ kind: 'blank' });
    const ok = parse(
      '{"type":"track","userId":"u1","event":"Order Completed","properties":{"total":3}}',
    );
    expect(ok.kind).toBe('message');
    expect(parse('{"type":"identify","anonymousId":"a","traits":{"plan":"pro"}}').kind).toBe(
      'message',
    );
  });

  it('reports bad JSON with the line number', () => {
    expect(parse('{"type":"track",', 7)).toEqual({
      kind: 'invalid',
      errors: [
        { line: 7, field: '(line)', message: expect.stringMatching(/^is not valid JSON: /) },
      ],
    });
  });

  it('names wrong types and missing fields', () => {
    expect(parse('{"type":"track","userId":"u","event":5,"properties":[1]}', 3)).toEqual({
      kind: 'invalid',
      errors: [
        { line: 3, field: 'event', message: expect.stringContaining('expected string') },
        { line: 3, field: 'properties', message: expect.stringContaining('expected record') },
      ],
    });
    expect(parse('{"type":"track","event":"E"}', 4)).toEqual({
      kind: 'invalid',
      errors: [{ line: 4, field: 'userId', message: 'userId or anonymousId is required' }],
    });
    expect(parse('{"type":"page","userId":"u"}', 5)).toMatchObject({
      errors: [{ line: 5, field: 'type' }],
    });
    expect(parse('[1]', 6)).toMatchObject({ errors: [{ line: 6, field: '(line)' }] });
    expect(
      parse('{"type":"track","userId":"u","event":"E","timestamp":"yesterday"}', 8),
    ).toMatchObject({
      errors: [{ line: 8, field: 'timestamp', message: 'must be an ISO-8601 date-time' }],
    });
  });

  it('names each unknown field', () => {
    expect(parse('{"type":"identify","userId":"u","colour":"red","size":1}', 2)).toEqual({
      kind: 'invalid',
      errors: [
        { line: 2, field: 'colour', message: 'is not a known field' },
        { line: 2, field: 'size', message: 'is not a known field' },
      ],
    });
  });

  it('refuses values Postgres cannot store', () => {
    expect(
      parse('{"type":"track","userId":"u","event":"E","properties":{"a":"\\u0000"}}', 9),
    ).toEqual({
      kind: 'invalid',
      errors: [
        { line: 9, field: 'properties.a', message: 'must not contain the NUL character (\\u0000)' },
      ],
    });
  });

  it('accepts CDNOW rows mapped to track messages', () => {
    const line = JSON.stringify(cdnowLineToTrack(' 00042 19970315  4   61.00', 3));
    const parsed = parseImportLine({ number: 3, text: line });
    expect(parsed).toEqual({
      kind: 'message',
      item: {
        type: 'track',
        userId: '42',
        event: 'Order Completed',
        messageId: 'cdnow-3',
        timestamp: '1997-03-15T00:00:00.000Z',
        properties: { total: 61, quantity: 4 },
      },
    });
  });
});

describe('ImportTally', () => {
  it('lists at most 100 errors but counts every invalid line', () => {
    const tally = new ImportTally();
    for (let line = 1; line <= 150; line++)
      tally.reject([{ line, field: 'event', message: 'bad' }]);
    expect(tally.invalidLines).toBe(150);
    expect(tally.errors).toHaveLength(MAX_REPORTED_ERRORS);
    expect(tally.errors.at(-1)?.line).toBe(100);
  });
});
