import { z } from 'zod';

export const messageChannels = ['email', 'sms', 'webhook'] as const;
export type MessageChannel = (typeof messageChannels)[number];

/** At most `max` messages on `channel` to one customer in `days` days, across journeys. */
export const frequencyCapSchema = z.strictObject({
  channel: z.enum(['email', 'sms']),
  max: z.number().int().min(1).max(1000),
  days: z.number().int().min(1).max(365),
});
export type FrequencyCap = z.infer<typeof frequencyCapSchema>;

/** An HTTP SMS provider: Switchyard POSTs `{to, from, body}` signed like a webhook. */
export const smsProviderSchema = z.strictObject({
  url: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }),
  from: z.string().trim().min(1).max(40),
});
export type SmsProvider = z.infer<typeof smsProviderSchema>;

/** IANA time zone name, e.g. Europe/Berlin. */
export const timeZoneSchema = z.string().refine(isTimeZone, 'must be an IANA time zone name');

export function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

export const workspaceSettingsBodySchema = z.strictObject({
  timezone: timeZoneSchema.optional(),
  frequencyCaps: z
    .array(frequencyCapSchema)
    .max(10)
    .refine((caps) => new Set(caps.map((c) => c.channel)).size === caps.length, {
      message: 'one cap per channel',
    })
    .optional(),
  smsProvider: smsProviderSchema.nullable().optional(),
});
export type WorkspaceSettingsBody = z.infer<typeof workspaceSettingsBodySchema>;

export interface WorkspaceSettingsView {
  timezone: string;
  frequencyCaps: FrequencyCap[];
  smsProvider: SmsProvider | null;
  /**
   * Webhooks and SMS requests carry `X-Switchyard-Timestamp` and
   * `X-Switchyard-Signature: sha256=<hex HMAC-SHA256 of "<timestamp>.<body>" with this secret>`.
   */
  signingSecret: string;
}

/** Secret names: what `ctx.secret(name)` asks for in a plugin node. */
export const secretNameParamSchema = z.strictObject({
  name: z
    .string()
    .regex(
      /^[A-Za-z][A-Za-z0-9_]{0,63}$/,
      'must be a letter, then letters, digits or "_" (64 at most)',
    ),
});

export const secretValueBodySchema = z.strictObject({
  value: z.string().min(1, 'must not be empty').max(10_000),
});
export type SecretValueBody = z.infer<typeof secretValueBodySchema>;

/** Secrets are write-only: their names are listed, never their values. */
export interface WorkspaceSecretList {
  names: string[];
}
