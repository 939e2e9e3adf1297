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

/** Printable ASCII without spaces: what a header value or an HMAC key is written in. */
const credentialText = (min: number, max: number) =>
  z
    .string()
    .min(min, `must be at least ${min} characters`)
    .max(max, `must be at most ${max} characters`)
    .regex(/^[\x21-\x7e]+$/, 'must be printable ASCII without spaces');

/**
 * An HTTP SMS provider: Switchyard POSTs `{to, from, body}` signed like a webhook, with
 * `Authorization: Bearer <token>` when a token is set. Stored sealed (SECRETS_KEY); the
 * token, and any password in the URL, are never returned.
 */
export const smsProviderSchema = z.strictObject({
  url: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }),
  from: z.string().trim().min(1).max(40),
  token: credentialText(1, 2000).optional(),
});
export type SmsProvider = z.infer<typeof smsProviderSchema>;

/** The SMS provider as the API shows it: credentials masked (`***`), the token's presence. */
export interface SmsProviderView {
  url: string;
  from: string;
  tokenSet: boolean;
}

/**
 * The workspace's own SMTP server: journey and campaign e-mails and the workspace's account
 * links (setup, reset, invite) go through it, from `from`, instead of SMTP_URL and
 * EMAIL_FROM. `smtp://user:password@host:587` (STARTTLS when offered) or `smtps://...:465`.
 * Stored sealed (SECRETS_KEY); the user name and password are never returned.
 */
export const emailProviderSchema = z.strictObject({
  url: z
    .url({ protocol: /^smtps?$/, error: 'must be an smtp:// or smtps:// URL' })
    .max(2000, 'must be at most 2000 characters'),
  from: z
    .string()
    .trim()
    .min(3, 'must be at least 3 characters')
    .max(200, 'must be at most 200 characters')
    .regex(/@/, 'must hold an e-mail address, e.g. "Shop <news@shop.example>"')
    .regex(/^[^\r\n]*$/, 'must be one line'),
});
export type EmailProvider = z.infer<typeof emailProviderSchema>;

/** The SMTP server as the API shows it: user name and password masked (`***`). */
export interface EmailProviderView {
  url: string;
  from: string;
}

/** WHATWG URL (Node and browsers); the contracts compile without DOM or Node types. */
declare const URL: new (input: string) => { hostname: string };

/**
 * `host` or `host:port` (an IP address too; IPv6 in brackets) as the SSRF guard compares
 * it: lower case, without a trailing dot, IPv4 in dotted form. Null when it is not one.
 */
export function normaliseAllowedHost(entry: string): string | null {
  const match = /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9._-]+)(?::(\d{1,5}))?$/.exec(entry.trim());
  if (!match?.[1]) return null;
  const port = match[2] === undefined ? null : Number(match[2]);
  if (port !== null && (port < 1 || port > 65535)) return null;
  let host: string;
  try {
    host = new URL(`http://${match[1]}/`).hostname.replace(/\.$/, '');
  } catch {
    return null;
  }
  if (host === '') return null;
  return port === null ? host : `${host}:${port}`;
}

/** One entry of a workspace's allowed hosts, normalised by normaliseAllowedHost. */
export const allowedHostSchema = z
  .string()
  .max(260, 'must be at most 260 characters')
  .transform((entry, ctx) => {
    const normalised = normaliseAllowedHost(entry);
    if (normalised === null) {
      ctx.addIssue({
        code: 'custom',
        message:
          'must be a host name or IP address, optionally with ":port" (no scheme, path or wildcard)',
      });
      return z.NEVER;
    }
    return normalised;
  });

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
  emailProvider: emailProviderSchema.nullable().optional(),
  /**
   * The key webhooks and SMS requests are signed with (write-only): requests carry
   * `X-Switchyard-Timestamp` and `X-Switchyard-Signature: sha256=<hex HMAC-SHA256 of
   * "<timestamp>.<body>" with this key>`.
   */
  signingSecret: credentialText(16, 200).optional(),
  /**
   * Hosts (`name` or `name:port`) this workspace's webhooks, SMS provider and plugin
   * requests may reach even at loopback or private addresses (never cloud metadata).
   * Replaces the whole list.
   */
  allowedHosts: z
    .array(allowedHostSchema)
    .max(100)
    .transform((hosts) => [...new Set(hosts)])
    .optional(),
});
export type WorkspaceSettingsBody = z.output<typeof workspaceSettingsBodySchema>;

/** Settings as the API returns them: no secret, only whether one is set. */
export interface WorkspaceSettingsView {
  timezone: string;
  frequencyCaps: FrequencyCap[];
  smsProvider: SmsProviderView | null;
  emailProvider: EmailProviderView | null;
  /**
   * Whether a signing key is stored. It is never returned: set your own with
   * `PUT {signingSecret}` to verify signatures (until then a random one nobody can read
   * is generated on first use).
   */
  signingSecretSet: boolean;
  allowedHosts: string[];
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
