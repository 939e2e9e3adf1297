/**
 * Whether an SMTP refusal says the address itself is bad, for good: a 5xx answer to RCPT
 * TO (nodemailer's EENVELOPE), or a 5xx whose enhanced status (RFC 3463) is a bad
 * mailbox or domain (5.1.x) or a disabled mailbox (5.2.1). A 5xx about the content or the
 * sender (spam, policy, authentication) is not: the next message may pass.
 */
export function isHardBounce(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { responseCode, code, command, response } = error as {
    responseCode?: unknown;
    code?: unknown;
    command?: unknown;
    response?: unknown;
  };
  if (typeof responseCode !== 'number' || responseCode < 500 || responseCode >= 600) return false;
  if (code === 'EENVELOPE' || command === 'RCPT TO') return true;
  return typeof response === 'string' && /\b5\.(1\.\d{1,3}|2\.1)\b/.test(response);
}
