import { describe, expect, it } from 'vitest';
import { type FieldStatsRow, toCatalogFields } from './catalog-fields.util.js';

const row = (patch: Partial<FieldStatsRow> & Pick<FieldStatsRow, 'name'>): FieldStatsRow => ({
  json_type: 'string',
  seen: 10,
  date_like: 0,
  samples: [],
  ...patch,
});

describe('toCatalogFields', () => {
  it('infers list, number, boolean, date and string', () => {
    const fields = toCatalogFields([
      row({ name: 'tags', json_type: 'array' }),
      row({ name: 'age', json_type: 'number', samples: [31, 42] }),
      row({ name: 'vip', json_type: 'boolean', samples: [true] }),
      row({ name: 'signed_up_at', date_like: 10, samples: ['2024-01-02T00:00:00Z'] }),
      row({ name: 'plan', date_like: 1, samples: ['gold', 'free'] }),
    ]);
    expect(fields.map((f) => [f.name, f.type])).toEqual([
      ['age', 'number'],
      ['plan', 'string'],
      ['signed_up_at', 'date'],
      ['tags', 'list'],
      ['vip', 'boolean'],
    ]);
    expect(fields.find((f) => f.name === 'age')?.samples).toEqual([31, 42]);
  });

  it('picks the most common type of a mixed field and adds up how often it was seen', () => {
    const [zip] = toCatalogFields([
      row({ name: 'zip', json_type: 'number', seen: 3, samples: [1234] }),
      row({ name: 'zip', json_type: 'string', seen: 7, samples: ['01234'] }),
    ]);
    expect(zip).toEqual({ name: 'zip', type: 'string', seen: 10, samples: ['01234'] });
  });

  it('leaves out names the rule language cannot address and shortens long samples', () => {
    const fields = toCatalogFields([
      row({ name: 'bad/name' }),
      row({ name: 'address.city', samples: ['x'.repeat(100), { no: 1 }] }),
    ]);
    expect(fields).toHaveLength(1);
    expect(fields[0]?.samples).toEqual([`${'x'.repeat(80)}…`]);
  });
});
