import { describe, expect, it } from 'vitest';
import { insertEventsSql, upsertCustomersSql } from './message-store.sql.js';

const placeholders = (sql: string) => [...new Set(sql.match(/\$\d+/g))].sort();

describe('message store SQL', () => {
  it('binds every value: the workspace is $1, column arrays $2..$8', () => {
    expect(placeholders(upsertCustomersSql('arrays'))).toEqual([
      '$1',
      '$2',
      '$3',
      '$4',
      '$5',
      '$6',
      '$7',
      '$8',
    ]);
    expect(placeholders(insertEventsSql('arrays', 'customerIds'))).toEqual([
      '$1',
      '$2',
      '$3',
      '$4',
      '$5',
      '$6',
      '$7',
      '$8',
    ]);
    expect(placeholders(upsertCustomersSql('staging'))).toEqual(['$1']);
    expect(placeholders(insertEventsSql('staging', 'count'))).toEqual(['$1']);
  });

  it('de-duplicates by message id and answers what was asked', () => {
    const sql = insertEventsSql('staging', 'count');
    expect(sql).toContain(
      'ON CONFLICT (workspace_id, message_id) WHERE message_id IS NOT NULL DO NOTHING',
    );
    expect(sql).toContain('count(*)');
    expect(insertEventsSql('arrays', 'customerIds')).toContain('SELECT DISTINCT customer_id');
    expect(upsertCustomersSql('arrays')).toContain('c.traits || EXCLUDED.traits');
  });
});
