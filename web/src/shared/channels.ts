import { type MessageChannel, messageChannels } from '@switchyard/contracts';

/** Whether a string (a select's value, an audit entry's detail) names a channel. */
export function isMessageChannel(value: unknown): value is MessageChannel {
  return (messageChannels as readonly unknown[]).includes(value);
}

/** A channel's name in a column, a filter or a list: "E-mail", "SMS", "Webhook". */
export function channelName(channel: MessageChannel): string {
  switch (channel) {
    case 'email':
      return 'E-mail';
    case 'sms':
      return 'SMS';
    case 'webhook':
      return 'Webhook';
    default: {
      const never: never = channel;
      throw new Error(`unknown channel ${String(never)}`);
    }
  }
}

/** A channel's message inside a sentence: "e-mail" / "e-mails", "SMS", "webhook" / "webhooks". */
export function channelNoun(channel: MessageChannel, count: number): string {
  const one = count === 1;
  switch (channel) {
    case 'email':
      return one ? 'e-mail' : 'e-mails';
    case 'sms':
      return 'SMS';
    case 'webhook':
      return one ? 'webhook' : 'webhooks';
    default: {
      const never: never = channel;
      throw new Error(`unknown channel ${String(never)}`);
    }
  }
}
