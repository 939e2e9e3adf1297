import type { AuditEntryView } from '@switchyard/contracts';
import { channelNoun, isMessageChannel } from '../shared/channels';

const ACTIONS: Record<string, string> = {
  'user.signed_in': 'signed in',
  'user.setup_completed': 'set up the owner account',
  'user.password_reset': 'reset their password',
  'member.invited': 'invited',
  'member.joined': 'joined the workspace',
  'member.role_changed': 'changed the role of',
  'member.removed': 'removed',
  'api_key.created': 'created the API key',
  'api_key.revoked': 'revoked the API key',
  'journey.published': 'published the journey',
  'journey.paused': 'paused the journey',
  'journey.resumed': 'resumed the journey',
  'journey.stopped': 'stopped the journey',
  'journey.deleted': 'deleted the journey',
  'campaign.launched': 'launched the campaign',
  'campaign.deleted': 'deleted the campaign',
  'audience.deleted': 'deleted the audience',
  'segment.deleted': 'deleted a segment',
  'segment_group.deleted': 'deleted a segment group',
  'subscription_topic.created': 'created the subscription topic',
  'subscription_topic.updated': 'changed the subscription topic',
  'subscription_topic.deleted': 'deleted the subscription topic',
  'email_suppression.removed': 'let e-mail go again to',
  'workspace.settings_changed': 'changed the workspace settings',
  'workspace.secret_set': 'set the secret',
  'workspace.secret_removed': 'removed the secret',
  'message.retried': 'sent a failed message again',
  'messages.retried': 'sent the failed messages again',
};

/** A channel named in an entry's details, as one message of it ("e-mail"), if it is one. */
const channelIn = (value: unknown): string | null =>
  isMessageChannel(value) ? channelNoun(value, 1) : null;

const text = (value: unknown): string | null =>
  typeof value === 'string' && value.length > 0 ? value : null;

/**
 * One sentence for an entry, e.g. `invited ada@example.com as marketer` or
 * `published the journey "Win back"`. Unknown actions fall back to their name.
 */
export function describeAuditEntry(entry: AuditEntryView): string {
  const verb = ACTIONS[entry.action] ?? entry.action;
  const d = entry.details;
  switch (entry.action) {
    case 'member.invited':
      return `${verb} ${text(d['email']) ?? 'someone'} as ${text(d['role']) ?? '?'}`;
    case 'member.role_changed':
      return `${verb} ${text(d['email']) ?? 'a member'} to ${text(d['role']) ?? '?'}`;
    case 'member.removed':
      return `${verb} ${text(d['email']) ?? 'a member'}`;
    case 'api_key.created':
    case 'api_key.revoked':
      return `${verb} "${text(d['name']) ?? '?'}" (${text(d['scope']) ?? '?'})`;
    case 'message.retried': {
      const channel = channelIn(d['channel']) ?? 'message';
      const customer = text(d['customer']);
      return `sent a failed ${channel} again${customer ? ` (customer ${customer})` : ''}`;
    }
    case 'messages.retried': {
      const n = typeof d['retried'] === 'number' ? d['retried'] : 0;
      const channel = channelIn(d['channel']);
      const what = channel ? `failed ${channel} message` : 'failed message';
      return `sent ${n} ${what}${n === 1 ? '' : 's'} again`;
    }
    case 'workspace.secret_set':
    case 'workspace.secret_removed':
    case 'email_suppression.removed':
      return `${verb} ${entry.targetId ?? ''}`.trim();
    default: {
      const name = text(d['name']);
      return name ? `${verb} "${name}"` : verb;
    }
  }
}
