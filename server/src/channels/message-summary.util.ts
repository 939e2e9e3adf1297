import type { MessageChannel } from '@switchyard/contracts';

/** The longest SMS excerpt shown. */
export const SMS_SUMMARY_LENGTH = 80;

/**
 * SQL for an outbox row's recipient (`alias`: the outbox's alias): the e-mail address or
 * phone number it goes to, or the webhook's URL.
 */
export function outboxRecipientSql(alias: string): string {
  return `CASE ${alias}.channel WHEN 'webhook' THEN ${alias}.payload->>'url' ELSE ${alias}.payload->>'to' END`;
}

/**
 * SQL for what an outbox row is, without its body: the e-mail's subject, the start of the
 * SMS (a character more than shown, so messageSummary knows to cut) or the webhook's method.
 */
export function outboxSummarySql(alias: string): string {
  return `CASE ${alias}.channel
         WHEN 'email' THEN ${alias}.payload->>'subject'
         WHEN 'sms' THEN left(${alias}.payload->>'body', ${SMS_SUMMARY_LENGTH + 1})
         WHEN 'webhook' THEN ${alias}.payload->>'method'
       END`;
}

/**
 * What a message was, in a line: the e-mail's subject, the SMS text (cut at 80
 * characters, with an ellipsis when there was more) or a webhook's "METHOD host".
 */
export function messageSummary(row: {
  channel: MessageChannel;
  recipient: string | null;
  summary: string | null;
}): string {
  const summary = row.summary ?? '';
  switch (row.channel) {
    case 'email':
      return summary;
    case 'sms':
      return summary.length > SMS_SUMMARY_LENGTH
        ? `${summary.slice(0, SMS_SUMMARY_LENGTH)}…`
        : summary;
    case 'webhook': {
      const host = urlHost(row.recipient ?? '');
      return [summary, host].filter((part) => part !== '').join(' ');
    }
    default: {
      const never: never = row.channel;
      throw new Error(`unknown channel ${String(never)}`);
    }
  }
}

/** The host (and port) of a URL; the text itself when it is not a URL. */
export function urlHost(url: string): string {
  try {
    return new URL(url).host || url;
  } catch {
    return url;
  }
}
