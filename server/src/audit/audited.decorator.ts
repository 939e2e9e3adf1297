import { SetMetadata } from '@nestjs/common';

export const AUDITED = 'switchyard:audited';

/** What a handler knows after it succeeded, for naming the target and the details. */
export interface AuditContext {
  params: Record<string, string | undefined>;
  body: unknown;
  result: unknown;
}

export interface AuditSpec {
  /** `journey.published`, `member.invited`, ...: `<target type>.<past tense>`. */
  action: string;
  targetType: string;
  /** Default: the `:id` route parameter, else the `id` of the result. */
  targetId?: (ctx: AuditContext) => string | null;
  details?: (ctx: AuditContext) => Record<string, unknown>;
  /**
   * The handler's result is for the entry only (what a delete removed, to name it in the
   * details): the answer has no body (the route's 204).
   */
  withholdResult?: boolean;
}

/**
 * Records an audit entry after the handler succeeded (AuditInterceptor): who (the
 * request's actor), what, on which target, with details. Failed requests record nothing.
 */
export const Audited = (spec: AuditSpec) => SetMetadata(AUDITED, spec);

/** The `:id` parameter, else the result's `id`. */
export function defaultTargetId(ctx: AuditContext): string | null {
  if (ctx.params['id']) return ctx.params['id'];
  const result = ctx.result as { id?: unknown } | null | undefined;
  return typeof result?.id === 'string' ? result.id : null;
}

/** `{name, status}` of the result when it has them (a journey, a campaign). */
export function resultSummary(ctx: AuditContext): Record<string, unknown> {
  const result = ctx.result as { name?: unknown; status?: unknown } | null | undefined;
  const details: Record<string, unknown> = {};
  if (typeof result?.name === 'string') details['name'] = result.name;
  if (typeof result?.status === 'string') details['status'] = result.status;
  return details;
}
