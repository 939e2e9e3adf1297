import { z } from 'zod';

export const idParamSchema = z.strictObject({ id: z.uuid('must be a uuid') });

export const colorSchema = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour like #3366ff');

/**
 * An evaluation time. A bare date `YYYY-MM-DD` means the end of that day, UTC
 * (23:59:59.999); a date-time is taken as given.
 */
export const asOfSchema = z
  .union([z.iso.date(), z.iso.datetime({ offset: true })], {
    message: 'must be a date (YYYY-MM-DD) or an ISO-8601 date-time',
  })
  .transform((v) => resolveAsOf(v));

export function resolveAsOf(value: string): Date {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return new Date(`${value}T23:59:59.999Z`);
  return new Date(value);
}

export const paginationQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(500).optional().default(50),
  offset: z.coerce.number().int().min(0).optional().default(0),
});

/** E.164: "+", a country code not starting with 0, at most 15 digits in all. */
export const E164_PATTERN = /^\+[1-9]\d{6,14}$/;

/** The number without the spaces, dashes, dots and parentheses people type in it. */
export function normalizePhoneNumber(raw: string): string {
  return raw.replace(/[\s\-().]/g, '');
}

/** A phone number as typed, normalised (normalizePhoneNumber) and checked as E.164. */
export const phoneNumberSchema = z
  .string()
  .transform(normalizePhoneNumber)
  .pipe(z.string().regex(E164_PATTERN, 'must be a phone number in E.164 form, e.g. +14155550100'));

/** The methods a webhook request may use. */
export const WEBHOOK_METHODS = ['POST', 'PUT', 'PATCH', 'DELETE', 'GET'] as const;
export type WebhookMethod = (typeof WEBHOOK_METHODS)[number];
