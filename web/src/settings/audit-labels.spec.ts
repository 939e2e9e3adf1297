import type { AuditEntryView } from '@switchyard/contracts';
import { describe, expect, it } from 'vitest';
import { describeAuditEntry } from './audit-labels';

const entry = (
  action: string,
  details: Record<string, unknown>,
  targetId: string | null = 'x',
): AuditEntryView => ({
  id: '1',
  at: '2030-01-01T00:00:00Z',
  actor: { type: 'user', id: 'u', label: 'owner@shop.com' },
  action,
  targetType: 'x',
  targetId,
  details,
});

describe('audit entries in words', () => {
  it('says who was invited, changed and removed, with roles', () => {
    expect(describeAuditEntry(entry('member.invited', { email: 'a@b.co', role: 'viewer' }))).toBe(
      'invited a@b.co as viewer',
    );
    expect(
      describeAuditEntry(entry('member.role_changed', { email: 'a@b.co', role: 'owner' })),
    ).toBe('changed the role of a@b.co to owner');
    expect(describeAuditEntry(entry('member.removed', { email: 'a@b.co', role: 'owner' }))).toBe(
      'removed a@b.co',
    );
  });

  it('names keys, journeys, secrets, and falls back to the action name', () => {
    expect(describeAuditEntry(entry('api_key.created', { name: 'web', scope: 'ingest' }))).toBe(
      'created the API key "web" (ingest)',
    );
    expect(describeAuditEntry(entry('journey.published', { name: 'Win back' }))).toBe(
      'published the journey "Win back"',
    );
    expect(describeAuditEntry(entry('segment.deleted', {}))).toBe('deleted a segment');
    expect(describeAuditEntry(entry('journey.deleted', { name: 'Old', status: 'stopped' }))).toBe(
      'deleted the journey "Old"',
    );
    expect(describeAuditEntry(entry('campaign.deleted', { name: 'Spring' }))).toBe(
      'deleted the campaign "Spring"',
    );
    expect(describeAuditEntry(entry('audience.deleted', { name: 'VIPs' }))).toBe(
      'deleted the audience "VIPs"',
    );
    expect(describeAuditEntry(entry('workspace.secret_set', {}, 'SLACK'))).toBe(
      'set the secret SLACK',
    );
    expect(describeAuditEntry(entry('something.new', {}))).toBe('something.new');
  });

  it('says which failed messages were sent again', () => {
    expect(
      describeAuditEntry(entry('message.retried', { channel: 'webhook', customer: 'ada' })),
    ).toBe('sent a failed webhook again (customer ada)');
    expect(describeAuditEntry(entry('message.retried', { channel: 'email', customer: null }))).toBe(
      'sent a failed e-mail again',
    );
    expect(describeAuditEntry(entry('messages.retried', { channel: 'all', retried: 3 }))).toBe(
      'sent 3 failed messages again',
    );
    expect(describeAuditEntry(entry('messages.retried', { channel: 'sms', retried: 1 }))).toBe(
      'sent 1 failed SMS message again',
    );
  });
});
