/**
 * A Message-ID derived from the outbox idempotency key, so a delivery retried after a
 * crash carries the same id and receivers can drop the duplicate.
 */
export function messageIdFor(idempotencyKey: string, from: string): string {
  const local = idempotencyKey.replace(/[^A-Za-z0-9._-]/g, '_');
  return `<${local}@${domainOf(from)}>`;
}

/** Domain of "Name <user@domain>" or "user@domain"; a safe default otherwise. */
export function domainOf(address: string): string {
  const match = /@([A-Za-z0-9.-]+)>?\s*$/.exec(address.trim());
  return match?.[1] ?? 'switchyard.local';
}

/** SMTP 5xx answers (bad mailbox, rejected content) will not pass on a retry. */
export function isPermanentSmtpError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const code = (error as { responseCode?: unknown }).responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
}

/** The id a server gave the message ("250 2.0.0 Ok: queued as 4Xb1"), else our Message-ID. */
export function providerMessageId(response: string | undefined, messageId: string): string {
  const queued = response ? /queued as ([A-Za-z0-9._-]+)/i.exec(response) : null;
  return queued?.[1] ?? messageId;
}
