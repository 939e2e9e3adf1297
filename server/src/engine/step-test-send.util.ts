import {
  E164_PATTERN,
  type FieldIssue,
  type StepPreviewMessage,
  type StepTestSent,
} from '@switchyard/contracts';

/** Longest part of a webhook's answer returned by a test send. */
export const ANSWER_CHARS = 2000;

/**
 * Why `to` cannot take the step's test messages, or null: an e-mail needs an e-mail
 * address, an SMS a phone number (the body's schema has normalised it); a webhook goes to
 * its own URL and needs none.
 */
export function recipientIssue(
  messages: readonly StepPreviewMessage[],
  to: string | undefined,
  nodeId: string,
): FieldIssue | null {
  const issue = (message: string) => ({ field: 'to', message, nodeId });
  const channels = new Set(messages.map((m) => m.channel));
  const isPhone = to !== undefined && E164_PATTERN.test(to);
  if (channels.has('email') && channels.has('sms'))
    return issue('the step sends an e-mail and an SMS: test it on the customer instead');
  if (channels.has('email') && (to === undefined || isPhone))
    return issue('must be an e-mail address: the step sends an e-mail');
  if (channels.has('sms') && !isPhone)
    return issue('must be a phone number (E.164, e.g. +14155550100): the step sends an SMS');
  return null;
}

/**
 * Secrets a test request was rendered with, shown as `[secret NAME]` wherever they
 * appear in what the caller is told (a URL, an answer that echoes the request).
 */
export class SecretRedactor {
  private readonly names = new Map<string, string>();

  remember(name: string, value: string | undefined): string | undefined {
    if (value) this.names.set(value, name);
    return value;
  }

  redact(text: string): string {
    let shown = text;
    for (const [value, name] of this.names) shown = shown.split(value).join(`[secret ${name}]`);
    return shown;
  }
}

/** Where a test message went, for the audit log. */
export function destinationOf(sent: StepTestSent): string {
  switch (sent.channel) {
    case 'email':
    case 'sms':
      return sent.to;
    case 'webhook':
      return `${sent.method} ${sent.url}`;
    default: {
      const unknown: never = sent;
      throw new Error(`unknown test message ${JSON.stringify(unknown)}`);
    }
  }
}

/** A URL as shown: a password in it is masked. */
export function shownUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (!parsed.password) return url;
    parsed.password = '***';
    return parsed.toString();
  } catch {
    return url;
  }
}
