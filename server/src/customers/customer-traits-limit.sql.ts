import { CUSTOMER_TRAITS_MAX_BYTES } from '@switchyard/contracts';

/**
 * The name `customer_traits_too_large()` (migration 1750) gives its error, so that a writer
 * can tell it from any other failure and answer with a 4xx naming the customer.
 */
export const TRAITS_LIMIT_CONSTRAINT = 'customer_traits_size';

/**
 * SQL for a customer's traits after a write: `traits` itself while it may be stored (see
 * traitsFitSql), else an error (SQLSTATE 54000, constraint TRAITS_LIMIT_CONSTRAINT, detail
 * the external id) that aborts the statement. `traits`, `externalId` and `current` are SQL
 * expressions of the caller's statement; the limit is a constant of the code, never a value
 * from a request.
 */
export function traitsWithinLimitSql(traits: string, externalId: string, current?: string): string {
  return `CASE WHEN ${traitsFitSql(traits, current)}
              THEN ${traits}
              ELSE customer_traits_too_large(${externalId}, ${CUSTOMER_TRAITS_MAX_BYTES}) END`;
}

/**
 * SQL: whether `traits` may be stored: they take at most CUSTOMER_TRAITS_MAX_BYTES as
 * stored (as Postgres writes them out) or, given the customer's `current` traits, no more
 * than those: a profile already past the limit (written before there was one) keeps taking
 * changed values and removals, and only growing it is refused. `current` is read only for
 * traits past the limit.
 */
export function traitsFitSql(traits: string, current?: string): string {
  const within = `octet_length((${traits})::text) <= ${CUSTOMER_TRAITS_MAX_BYTES}`;
  if (current === undefined) return within;
  return `(CASE WHEN ${within} THEN true
               ELSE octet_length((${traits})::text) <= octet_length((${current})::text) END)`;
}

/** The external id of the customer whose traits a write would have grown past the limit. */
export function traitsTooLargeFor(error: unknown, depth = 0): string | null {
  if (typeof error !== 'object' || error === null || depth > 3) return null;
  const e = error as { code?: unknown; constraint?: unknown; detail?: unknown };
  if (
    e.code === '54000' &&
    e.constraint === TRAITS_LIMIT_CONSTRAINT &&
    typeof e.detail === 'string'
  )
    return e.detail;
  const wrapped = error as { driverError?: unknown; cause?: unknown };
  return (
    traitsTooLargeFor(wrapped.driverError, depth + 1) ?? traitsTooLargeFor(wrapped.cause, depth + 1)
  );
}

/** What a refused write says about it, to the client or in an import's report. */
export function traitsTooLargeMessage(externalId: string): string {
  return `the traits of customer "${externalId}" would take more than ${CUSTOMER_TRAITS_MAX_BYTES / 1024} KB as stored (the limit for one customer); nothing of this was stored`;
}
