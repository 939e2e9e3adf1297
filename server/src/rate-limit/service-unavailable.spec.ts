import { QueryFailedError, QueryRunnerAlreadyReleasedError } from 'typeorm';
import { describe, expect, it } from 'vitest';
import { isDatabaseUnavailable, unavailableAnswer } from './service-unavailable.js';

const coded = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('isDatabaseUnavailable', () => {
  it('knows a socket written after the server closed it, and a connect to several addresses', () => {
    expect(isDatabaseUnavailable(coded('ERR_STREAM_DESTROYED'))).toBe(true);
    expect(isDatabaseUnavailable(coded('ERR_STREAM_WRITE_AFTER_END'))).toBe(true);
    const refused = new AggregateError([coded('ECONNREFUSED'), coded('ECONNREFUSED')], 'connect');
    expect(isDatabaseUnavailable(refused)).toBe(true);
    const wrapped = new QueryFailedError('SELECT 1', [], coded('57P01', 'terminating connection'));
    expect(isDatabaseUnavailable(wrapped)).toBe(true);
  });

  it('knows a transaction whose connection was lost before its COMMIT (TypeORM released it)', () => {
    // Seen in ingest-faults.spec.ts: Postgres stopped between a batch's insert and COMMIT.
    expect(isDatabaseUnavailable(new QueryRunnerAlreadyReleasedError())).toBe(true);
    expect(unavailableAnswer(new QueryRunnerAlreadyReleasedError())?.retryAfterSeconds).toBe(5);
  });

  it('answers 500 for a bad statement or a bug, even beside network-looking text', () => {
    expect(isDatabaseUnavailable(coded('42703', 'column "x" does not exist'))).toBe(false);
    expect(isDatabaseUnavailable(new AggregateError([new TypeError('a bug')], 'two bugs'))).toBe(
      false,
    );
    expect(isDatabaseUnavailable(null)).toBe(false);
    expect(unavailableAnswer(new Error('undefined is not a function'))).toBeNull();
    expect(unavailableAnswer(coded('ECONNRESET'))?.retryAfterSeconds).toBeGreaterThan(0);
  });
});
