import { describe, expect, it } from 'vitest';
import { parseRoute, routePath, type Route } from './routes';

describe('routes', () => {
  it('parses every page', () => {
    expect(parseRoute('/')).toEqual({ page: 'journeys' });
    expect(parseRoute('/journeys')).toEqual({ page: 'journeys' });
    expect(parseRoute('/journeys/abc-1')).toEqual({ page: 'journey-editor', journeyId: 'abc-1' });
    expect(parseRoute('/segments/')).toEqual({ page: 'segments' });
    expect(parseRoute('/segments/new')).toEqual({ page: 'segment-new' });
    expect(parseRoute('/segments/s-1')).toEqual({ page: 'segment-edit', segmentId: 's-1' });
    expect(parseRoute('/groups')).toEqual({ page: 'groups' });
    expect(parseRoute('/groups/new')).toEqual({ page: 'group-new' });
    expect(parseRoute('/groups/templates')).toEqual({ page: 'templates' });
    expect(parseRoute('/groups/g-1')).toEqual({ page: 'group-edit', groupId: 'g-1' });
    expect(parseRoute('/groups/g-1/movement')).toEqual({ page: 'movement', groupId: 'g-1' });
    expect(parseRoute('/groups/g-1/other')).toEqual({
      page: 'not-found',
      path: '/groups/g-1/other',
    });
    expect(parseRoute('/campaigns')).toEqual({ page: 'campaigns' });
    expect(parseRoute('/campaigns/c-1')).toEqual({ page: 'campaign', campaignId: 'c-1' });
    expect(parseRoute('/audiences')).toEqual({ page: 'audiences' });
    expect(parseRoute('/audiences/a-1')).toEqual({ page: 'not-found', path: '/audiences/a-1' });
    expect(parseRoute('/customers')).toEqual({ page: 'customers' });
    expect(parseRoute('/customers/42')).toEqual({ page: 'customer', customerId: '42' });
    expect(parseRoute('/deliveries')).toEqual({ page: 'deliveries' });
    expect(parseRoute('/deliveries/')).toEqual({ page: 'deliveries' });
    expect(parseRoute('/deliveries/d-1')).toEqual({ page: 'not-found', path: '/deliveries/d-1' });
    expect(parseRoute('/deliveries/j-1/send_email_1')).toEqual({
      page: 'deliveries',
      step: { journeyId: 'j-1', stepId: 'send_email_1' },
    });
    expect(parseRoute('/groups/constructor')).toEqual({
      page: 'group-edit',
      groupId: 'constructor',
    });
    expect(parseRoute('/setup')).toEqual({ page: 'setup' });
    expect(parseRoute('/reset')).toEqual({ page: 'reset' });
    expect(parseRoute('/invite')).toEqual({ page: 'invite' });
    expect(parseRoute('/setup/x')).toEqual({ page: 'not-found', path: '/setup/x' });
    expect(parseRoute('/settings')).toEqual({ page: 'settings-members' });
    expect(parseRoute('/settings/api-keys')).toEqual({ page: 'settings-api-keys' });
    expect(parseRoute('/settings/audit-log')).toEqual({ page: 'settings-audit' });
    expect(parseRoute('/settings/workspace')).toEqual({ page: 'settings-workspace' });
    expect(parseRoute('/settings/other')).toEqual({ page: 'not-found', path: '/settings/other' });
    expect(parseRoute('/nope/x/y')).toEqual({ page: 'not-found', path: '/nope/x/y' });
    expect(parseRoute('/segments/a/b')).toEqual({ page: 'not-found', path: '/segments/a/b' });
  });

  it('round-trips paths', () => {
    const routes: Route[] = [
      { page: 'journeys' },
      { page: 'movement', groupId: 'g 1' },
      { page: 'campaigns' },
      { page: 'campaign', campaignId: 'c/1' },
      { page: 'audiences' },
      { page: 'journey-editor', journeyId: '1f0c' },
      { page: 'segments' },
      { page: 'segment-new' },
      { page: 'segment-edit', segmentId: 'a b/c' },
      { page: 'groups' },
      { page: 'group-new' },
      { page: 'group-edit', groupId: 'g1' },
      { page: 'templates' },
      { page: 'customers' },
      { page: 'customer', customerId: '42' },
      { page: 'deliveries' },
      { page: 'deliveries', step: { journeyId: 'j-1', stepId: 'webhook_1' } },
      { page: 'setup' },
      { page: 'reset' },
      { page: 'invite' },
      { page: 'settings-members' },
      { page: 'settings-api-keys' },
      { page: 'settings-workspace' },
      { page: 'settings-audit' },
    ];
    for (const route of routes) expect(parseRoute(routePath(route))).toEqual(route);
  });
});
