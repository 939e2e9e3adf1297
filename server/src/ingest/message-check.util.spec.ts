import {
  batchBodySchema,
  identifyMessageSchema,
  INGEST_BATCH_MAX_MESSAGES,
  trackMessageSchema,
} from '@switchyard/contracts';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isCertainlyValidBatch, isCertainlyValidMessage } from './message-check.util.js';

const validTime = fc
  .date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z') })
  .filter((d) => !Number.isNaN(d.getTime()))
  .map((d) => d.toISOString());
/** Values a field may hold in JSON, right or wrong for it. */
const anyValue = fc.oneof(
  fc.string({ maxLength: 8 }),
  fc.string({ minLength: 195, maxLength: 260 }),
  fc.constant(''),
  fc.integer(),
  fc.double(),
  fc.constant(Number.MAX_SAFE_INTEGER + 2),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom('2024-02-29T10:00:00Z', '2023-02-29T10:00:00Z', '2024-01-01T10:00Z', 'soon'),
  fc.constantFrom('2024-01-01T00:00:00+05:30', '2024-01-01T00:00:00.123456Z'),
  validTime,
  fc.array(fc.integer(), { maxLength: 2 }),
  fc.dictionary(fc.string({ maxLength: 210 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 }),
  fc.dictionary(fc.string({ minLength: 199, maxLength: 202 }), fc.constant(1), { maxKeys: 1 }),
);
const fieldNames: fc.Arbitrary<string> = fc.constantFrom(
  'type',
  'userId',
  'anonymousId',
  'messageId',
  'timestamp',
  'originalTimestamp',
  'sentAt',
  'receivedAt',
  'context',
  'integrations',
  '_metadata',
  'writeKey',
  'channel',
  'version',
  'event',
  'properties',
  'traits',
  'name',
  'category',
  'groupId',
  'previousId',
  'colour',
  '__proto__',
);
const kinds = fc.constantFrom('identify', 'track', 'page', 'screen', 'group', 'alias', 'other');
/** Keys of traits, properties and context (JSON.parse keeps `__proto__` as a key). */
const key = (maxLength: number) => fc.string({ maxLength }).filter((k) => k !== '__proto__');
const payload = fc.dictionary(key(200), fc.jsonValue({ maxDepth: 3 }));
/** Messages that are valid by construction. */
const validMessage = fc.oneof(
  fc.record(
    {
      type: fc.constant('track'),
      userId: fc.oneof(fc.string({ minLength: 1, maxLength: 255 }), fc.integer()),
      event: fc.string({ minLength: 1, maxLength: 200 }),
      properties: payload,
      messageId: fc.string({ minLength: 1, maxLength: 255 }),
      timestamp: validTime,
      context: fc.dictionary(key(20), fc.jsonValue({ maxDepth: 2 })),
    },
    { requiredKeys: ['type', 'userId', 'event'] },
  ),
  fc.record(
    {
      type: fc.constant('identify'),
      anonymousId: fc.string({ minLength: 1, maxLength: 255 }),
      traits: payload,
      originalTimestamp: validTime,
    },
    { requiredKeys: ['type', 'anonymousId'] },
  ),
  fc.record(
    {
      type: fc.constantFrom('page', 'screen', 'group', 'alias'),
      userId: fc.string({ minLength: 1, maxLength: 255 }),
      name: fc.string({ maxLength: 500 }),
      groupId: fc.oneof(fc.string({ maxLength: 255 }), fc.integer()),
    },
    { requiredKeys: ['type'] },
  ),
);
/**
 * Messages near the boundary: a valid one with one field set to a value of any kind
 * (right or wrong for it), or removed; or a message of random shape.
 */
const anyMessage = fc.oneof(
  fc
    .tuple(validMessage, fieldNames, fc.option(anyValue, { nil: undefined }))
    .map(([message, field, value]) => {
      const changed: Record<string, unknown> = { ...message };
      if (value === undefined) delete changed[field];
      else changed[field] = value;
      return changed;
    }),
  fc
    .tuple(
      fc.option(kinds, { nil: undefined }),
      fc.dictionary(fieldNames, anyValue, { maxKeys: 6 }),
    )
    .map(([type, fields]) => (type === undefined ? fields : { ...fields, type })),
);
/** As the body parser hands it over (no undefined, no -0; `__proto__` stays an own key). */
const asJson = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

describe('the allocation-free ingest check', () => {
  it('never accepts a batch the contract schema refuses', () => {
    let accepted = 0;
    fc.assert(
      fc.property(fc.array(anyMessage, { minLength: 0, maxLength: 2 }), (batch) => {
        const body = asJson({ batch });
        if (!isCertainlyValidBatch(body)) return;
        accepted += 1;
        expect(batchBodySchema.safeParse(body).success).toBe(true);
      }),
      { numRuns: 5000 },
    );
    // The random messages are valid often enough for the property to mean something.
    expect(accepted).toBeGreaterThan(20);
  });

  it('never accepts a single message the contract schema refuses', () => {
    let accepted = 0;
    fc.assert(
      fc.property(anyMessage, (message) => {
        const body = asJson(message);
        if (isCertainlyValidMessage(body, 'track')) {
          accepted += 1;
          expect(trackMessageSchema.safeParse(body).success).toBe(true);
        }
        if (isCertainlyValidMessage(body, 'identify')) {
          accepted += 1;
          expect(identifyMessageSchema.safeParse(body).success).toBe(true);
        }
      }),
      { numRuns: 5000 },
    );
    expect(accepted).toBeGreaterThan(20);
  });

  it('accepts valid batches itself, so they skip zod', () => {
    fc.assert(
      fc.property(
        fc.array(validMessage, { minLength: 1, maxLength: 5 }),
        validTime,
        (batch, at) => {
          const body = asJson({ batch, sentAt: at, context: { library: { name: 'x' } } });
          expect(batchBodySchema.safeParse(body).success).toBe(true);
          expect(isCertainlyValidBatch(body)).toBe(true);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('leaves every refusal to zod (so the 400 names the field)', () => {
    const track = { type: 'track', userId: 'u', event: 'E' };
    expect(isCertainlyValidBatch({ batch: [track] })).toBe(true);
    expect(isCertainlyValidBatch({ batch: [{ ...track, event: '' }] })).toBe(false);
    expect(isCertainlyValidBatch({ batch: [{ type: 'track', event: 'E' }] })).toBe(false);
    expect(isCertainlyValidBatch({ batch: [{ ...track, colour: 'red' }] })).toBe(false);
    expect(
      isCertainlyValidBatch({ batch: [{ ...track, timestamp: '2023-02-29T00:00:00Z' }] }),
    ).toBe(false);
    expect(isCertainlyValidBatch({ batch: [{ ...track, properties: [1] }] })).toBe(false);
    expect(isCertainlyValidBatch({ batch: [{ ...track, userId: 1.5 }] })).toBe(false);
    const longKey = { ['k'.repeat(201)]: 1 };
    expect(isCertainlyValidBatch({ batch: [{ ...track, properties: longKey }] })).toBe(false);
    expect(
      isCertainlyValidBatch({ batch: [{ ...track, properties: { ['k'.repeat(200)]: 1 } }] }),
    ).toBe(true);
    expect(isCertainlyValidBatch({ batch: [] })).toBe(false);
    expect(
      isCertainlyValidBatch({
        batch: Array.from({ length: INGEST_BATCH_MAX_MESSAGES + 1 }, () => track),
      }),
    ).toBe(false);
    expect(isCertainlyValidBatch({ batch: [track], extra: 1 })).toBe(false);
    expect(
      isCertainlyValidBatch(
        JSON.parse(
          '{"batch":[{"type":"track","userId":"u","event":"E","properties":{"__proto__":{}}}]}',
        ),
      ),
    ).toBe(false);
    expect(isCertainlyValidMessage({ userId: 'u', event: 'E' }, 'track')).toBe(true);
    expect(isCertainlyValidMessage({ userId: 'u', event: 'E', type: 'identify' }, 'track')).toBe(
      false,
    );
    expect(isCertainlyValidMessage({ userId: 7, traits: { plan: 'pro' } }, 'identify')).toBe(true);
    expect(isCertainlyValidMessage({ traits: { plan: 'pro' } }, 'identify')).toBe(false);
  });
});
