import { describe, expect, it } from 'vitest';
import { journeyStatusLabel, statusActions, statusReasonText } from './journey-status';

const v3 = { id: 'v', version: 3, publishedAt: '2026-01-01T00:00:00Z' };

describe('journey status', () => {
  it('labels every status with the live version', () => {
    expect(journeyStatusLabel({ status: 'draft', liveVersion: null })).toBe('Draft');
    expect(journeyStatusLabel({ status: 'live', liveVersion: v3 })).toBe('Live · v3');
    expect(journeyStatusLabel({ status: 'paused', liveVersion: v3 })).toBe('Paused · v3');
    expect(journeyStatusLabel({ status: 'stopped', liveVersion: v3 })).toBe('Stopped · v3');
  });

  it('offers pause / resume / stop by status', () => {
    expect(statusActions('draft', false)).toEqual([]);
    expect(statusActions('live', true)).toEqual(['pause', 'stop']);
    expect(statusActions('paused', true)).toEqual(['resume', 'stop']);
    expect(statusActions('stopped', true)).toEqual([]);
  });

  it('says why Switchyard changed the status', () => {
    expect(statusReasonText({ status: 'paused', statusReason: 'segment VIP was deleted' })).toBe(
      'Paused: segment VIP was deleted',
    );
    expect(statusReasonText({ status: 'live', statusReason: null })).toBeNull();
  });
});
