/**
 * A Message-ID derived from the outbox idempotency key, so a delivery retried after a
 * crash carries the same id and receivers can drop the duplicate.
 */
export function messageIdFor(idempotencyKey: string, from: string): string {
  return `<${localPartOf(idempotencyKey)}@${domainOf(from)}>`;
}

/** The characters of an idempotency key that stay as they are in its Message-ID. */
function localPartOf(idempotencyKey: string): string {
  return idempotencyKey.replace(/[^A-Za-z0-9._-]/g, '_');
}

const RUN_PREFIX = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\./i;

/**
 * What a Message-ID that `messageIdFor` made says about its e-mail, as a provider reports
 * it back (with or without the angle brackets): its local part, and the run (enrollment)
 * whose step sent it, which leads a journey step's key. Null for any other id.
 */
export function readMessageId(
  messageId: string,
): { localPart: string; enrollmentId: string } | null {
  const bare = bareMessageId(messageId);
  const at = bare.lastIndexOf('@');
  const localPart = at > 0 ? bare.slice(0, at) : '';
  const run = RUN_PREFIX.exec(localPart);
  return run?.[1] ? { localPart, enrollmentId: run[1].toLowerCase() } : null;
}

/** A Message-ID as reported, without its angle brackets and spaces. */
export function bareMessageId(messageId: string): string {
  return messageId.trim().replace(/^<|>$/g, '');
}

/** Whether the e-mail with this idempotency key carried a Message-ID of this local part. */
export function sameMessage(idempotencyKey: string, localPart: string): boolean {
  return localPartOf(idempotencyKey) === localPart;
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
