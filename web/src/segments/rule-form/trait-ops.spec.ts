import { describe, expect, it } from 'vitest';
import { emptyRow } from './rule-form.model';
import { fitToType, opsFor } from './trait-ops';

describe('trait operators by type', () => {
  it('offers what fits the type, and keeps an operator already chosen', () => {
    expect(opsFor('boolean')).toEqual(['eq', 'neq', 'exists', 'missing']);
    expect(opsFor('date')).toContain('withinLastDays');
    expect(opsFor('date')).not.toContain('contains');
    expect(opsFor('string', 'gt')).toEqual([
      'eq',
      'neq',
      'gt',
      'in',
      'notIn',
      'contains',
      'startsWith',
      'exists',
      'missing',
    ]);
    expect(opsFor(null)).toHaveLength(16);
  });

  it('fits a row to a picked trait: operator and how the value is read', () => {
    const row = {
      ...emptyRow('attribute', 'a'),
      attribute: 'signed_up_at',
      op: 'contains' as const,
    };
    expect(fitToType(row, 'date')).toMatchObject({ op: 'withinLastDays', valueType: 'text' });
    expect(fitToType({ ...row, op: 'gt' }, 'number')).toMatchObject({
      op: 'gt',
      valueType: 'number',
    });
    expect(fitToType(row, null)).toBe(row);
  });
});
