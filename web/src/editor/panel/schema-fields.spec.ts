import { humanize } from '@switchyard/contracts';
import { describe, expect, it } from 'vitest';
import { deriveFields, getAtPath, isShown, setAtPath, type FormField } from './schema-fields';
import { validateConfig } from './schema-validation';

/** What z.toJSONSchema({io: 'input'}) emits for a send-email-like node. */
const emailSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  properties: {
    to: { default: '{{customer.traits.email}}', description: 'Recipient', type: 'string' },
    subject: { type: 'string', minLength: 1, maxLength: 200 },
    html: { type: 'string', minLength: 1, 'x-widget': 'template' },
    text: { type: 'string' },
  },
  required: ['subject', 'html'],
  additionalProperties: false,
};

const waitSchema = {
  type: 'object',
  properties: {
    amount: { type: 'integer', minimum: 1, maximum: 9007199254740991 },
    unit: { default: 'days', type: 'string', enum: ['seconds', 'minutes', 'hours', 'days'] },
    business_hours_only: { type: 'boolean', title: 'Only in business hours' },
    retry: {
      type: 'object',
      properties: { attempts: { type: 'number', minimum: 0, maximum: 10 } },
      required: ['attempts'],
    },
    note: { anyOf: [{ type: 'string' }, { type: 'null' }] },
    tags: { type: 'array', items: { type: 'string' } },
    mode: { type: 'string', const: 'fast' },
    ref: { $ref: '#/$defs/Color' },
  },
  required: ['amount'],
  $defs: { Color: { type: 'string', enum: ['red', 'green'] } },
};

const byName = (fields: FormField[]) => Object.fromEntries(fields.map((f) => [f.name, f]));

describe('deriveFields', () => {
  it('maps string fields, with a textarea for templates', () => {
    const f = byName(deriveFields(emailSchema));
    expect(Object.keys(f)).toEqual(['to', 'subject', 'html', 'text']);
    expect(f['to']).toMatchObject({
      kind: 'text',
      multiline: false,
      required: false,
      description: 'Recipient',
      defaultValue: '{{customer.traits.email}}',
    });
    expect(f['subject']).toMatchObject({
      kind: 'text',
      required: true,
      minLength: 1,
      maxLength: 200,
      label: 'Subject',
    });
    expect(f['html']).toMatchObject({ kind: 'text', multiline: true, required: true });
  });

  it('maps numbers, enums, booleans, nested objects, nullables, refs and the rest', () => {
    const f = byName(deriveFields(waitSchema));
    expect(f['amount']).toMatchObject({
      kind: 'number',
      integer: true,
      minimum: 1,
      required: true,
    });
    expect(f['amount']).not.toHaveProperty('maximum');
    expect(f['unit']).toMatchObject({
      kind: 'enum',
      options: ['seconds', 'minutes', 'hours', 'days'],
      defaultValue: 'days',
    });
    expect(f['business_hours_only']).toMatchObject({
      kind: 'boolean',
      label: 'Only in business hours',
    });
    const retry = f['retry'];
    expect(retry?.kind).toBe('object');
    if (retry?.kind === 'object')
      expect(retry.fields[0]).toMatchObject({
        kind: 'number',
        name: 'attempts',
        path: ['retry', 'attempts'],
        required: true,
        maximum: 10,
      });
    expect(f['note']).toMatchObject({ kind: 'text', nullable: true });
    expect(f['tags']).toMatchObject({ kind: 'json' });
    expect(f['mode']).toMatchObject({ kind: 'enum', options: ['fast'] });
    expect(f['ref']).toMatchObject({ kind: 'enum', options: ['red', 'green'] });
  });

  it('has no fields for an empty schema', () => {
    expect(deriveFields({})).toEqual([]);
    expect(deriveFields({ type: 'object', properties: {} })).toEqual([]);
  });

  it('humanizes names', () => {
    expect(humanize('maxAttempts')).toBe('Max attempts');
    expect(humanize('business_hours_only')).toBe('Business hours only');
  });
});

describe('config paths', () => {
  it('sets, reads and removes nested values without mutating', () => {
    const config = { a: 1, retry: { attempts: 2 } };
    const next = setAtPath(config, ['retry', 'attempts'], 5);
    expect(next).toEqual({ a: 1, retry: { attempts: 5 } });
    expect(config.retry.attempts).toBe(2);
    expect(getAtPath(next, ['retry', 'attempts'])).toBe(5);
    expect(setAtPath(next, ['a'], undefined)).toEqual({ retry: { attempts: 5 } });
    expect(setAtPath({}, ['x', 'y'], true)).toEqual({ x: { y: true } });
  });
});

describe('validateConfig', () => {
  it('reports one friendly error per field', () => {
    const errors = validateConfig(emailSchema, { subject: '', extra: 1 });
    const byPath = Object.fromEntries(errors.map((e) => [e.path, e.message]));
    expect(byPath['subject']).toBe('must not be empty');
    expect(byPath['html']).toBe('is required');
  });

  it('checks numbers, enums and nested objects', () => {
    const errors = validateConfig(waitSchema, {
      amount: 1.5,
      unit: 'weeks',
      retry: { attempts: 11 },
    });
    const byPath = Object.fromEntries(errors.map((e) => [e.path, e.message]));
    expect(byPath['amount']).toBe('must be a whole number');
    expect(byPath['unit']).toMatch(/must be one of "seconds"/);
    expect(byPath['retry.attempts']).toBe('must be at most 10');
  });

  it('accepts valid settings and empty schemas', () => {
    expect(validateConfig(emailSchema, { subject: 'Hi', html: '<p>x</p>' })).toEqual([]);
    expect(validateConfig({}, { anything: true })).toEqual([]);
  });
});

describe('conditional fields (x-show-when)', () => {
  const schema = {
    type: 'object',
    properties: {
      mention: { type: 'string', enum: ['none', 'user'], default: 'none' },
      userId: {
        type: 'string',
        'x-show-when': { field: 'mention', equals: ['user'] },
      },
    },
    required: ['mention'],
  };

  it('shows a field only while its sibling has one of the values (or its default)', () => {
    const fields = deriveFields(schema);
    const userId = fields.find((f) => f.name === 'userId');
    if (!userId) throw new Error('no userId field');
    expect(userId.showWhen).toEqual({ field: 'mention', equals: ['user'] });
    expect(isShown(userId, fields, {})).toBe(false);
    expect(isShown(userId, fields, { mention: 'none' })).toBe(false);
    expect(isShown(userId, fields, { mention: 'user' })).toBe(true);
    const mention = fields.find((f) => f.name === 'mention');
    if (!mention) throw new Error('no mention field');
    expect(isShown(mention, fields, {})).toBe(true);
  });
});
