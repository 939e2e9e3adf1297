/** The app's pages. Paths use the History API; the server falls back to index.html. */
export type Route =
  | { page: 'journeys' }
  | { page: 'journey-editor'; journeyId: string }
  | { page: 'segments' }
  | { page: 'segment-new' }
  | { page: 'segment-edit'; segmentId: string }
  | { page: 'groups' }
  | { page: 'group-new' }
  | { page: 'group-edit'; groupId: string }
  | { page: 'movement'; groupId: string }
  | { page: 'campaigns' }
  | { page: 'campaign'; campaignId: string }
  | { page: 'audiences' }
  | { page: 'templates' }
  | { page: 'customers' }
  | { page: 'customer'; customerId: string }
  /** `step`: only the messages of one journey step (the canvas links there). */
  | { page: 'deliveries'; step?: { journeyId: string; stepId: string } }
  | { page: 'setup' }
  | { page: 'reset' }
  | { page: 'invite' }
  | { page: 'settings-members' }
  | { page: 'settings-api-keys' }
  | { page: 'settings-workspace' }
  | { page: 'settings-audit' }
  | { page: 'not-found'; path: string };

function collection(
  second: string | undefined,
  list: Route,
  fixed: Record<string, Route>,
  item: (id: string) => Route,
): Route {
  if (second === undefined) return list;
  return Object.hasOwn(fixed, second) ? (fixed[second] ?? item(second)) : item(second);
}

export function parseRoute(pathname: string): Route {
  const parts = pathname.split('/').filter(Boolean).map(decodeURIComponent);
  const [first, second, ...rest] = parts;
  if (first === undefined) return { page: 'journeys' };
  if (first === 'groups' && second !== undefined && rest.length === 1 && rest[0] === 'movement')
    return { page: 'movement', groupId: second };
  if (first === 'deliveries' && second !== undefined && rest.length === 1 && rest[0])
    return { page: 'deliveries', step: { journeyId: second, stepId: rest[0] } };
  if (rest.length === 0)
    switch (first) {
      case 'setup':
      case 'reset':
      case 'invite':
        return second === undefined ? { page: first } : { page: 'not-found', path: pathname };
      case 'settings':
        return collection(
          second,
          { page: 'settings-members' },
          {
            members: { page: 'settings-members' },
            'api-keys': { page: 'settings-api-keys' },
            workspace: { page: 'settings-workspace' },
            'audit-log': { page: 'settings-audit' },
          },
          () => ({ page: 'not-found', path: pathname }),
        );
      case 'journeys':
        return collection(second, { page: 'journeys' }, {}, (journeyId) => ({
          page: 'journey-editor',
          journeyId,
        }));
      case 'segments':
        return collection(second, { page: 'segments' }, { new: { page: 'segment-new' } }, (id) => ({
          page: 'segment-edit',
          segmentId: id,
        }));
      case 'groups':
        return collection(
          second,
          { page: 'groups' },
          { new: { page: 'group-new' }, templates: { page: 'templates' } },
          (groupId) => ({ page: 'group-edit', groupId }),
        );
      case 'campaigns':
        return collection(second, { page: 'campaigns' }, {}, (campaignId) => ({
          page: 'campaign',
          campaignId,
        }));
      case 'audiences':
        return second === undefined ? { page: 'audiences' } : { page: 'not-found', path: pathname };
      case 'deliveries':
        return second === undefined
          ? { page: 'deliveries' }
          : { page: 'not-found', path: pathname };
      case 'customers':
        return collection(second, { page: 'customers' }, {}, (customerId) => ({
          page: 'customer',
          customerId,
        }));
    }
  return { page: 'not-found', path: pathname };
}

export function routePath(route: Route): string {
  const at = (...parts: string[]) => `/${parts.map(encodeURIComponent).join('/')}`;
  switch (route.page) {
    case 'journeys':
      return at('journeys');
    case 'journey-editor':
      return at('journeys', route.journeyId);
    case 'segments':
      return at('segments');
    case 'segment-new':
      return at('segments', 'new');
    case 'segment-edit':
      return at('segments', route.segmentId);
    case 'groups':
      return at('groups');
    case 'group-new':
      return at('groups', 'new');
    case 'group-edit':
      return at('groups', route.groupId);
    case 'movement':
      return at('groups', route.groupId, 'movement');
    case 'templates':
      return at('groups', 'templates');
    case 'campaigns':
      return at('campaigns');
    case 'campaign':
      return at('campaigns', route.campaignId);
    case 'audiences':
      return at('audiences');
    case 'customers':
      return at('customers');
    case 'customer':
      return at('customers', route.customerId);
    case 'deliveries':
      return route.step
        ? at('deliveries', route.step.journeyId, route.step.stepId)
        : at('deliveries');
    case 'setup':
    case 'reset':
    case 'invite':
      return at(route.page);
    case 'settings-members':
      return at('settings', 'members');
    case 'settings-api-keys':
      return at('settings', 'api-keys');
    case 'settings-workspace':
      return at('settings', 'workspace');
    case 'settings-audit':
      return at('settings', 'audit-log');
    case 'not-found':
      return route.path;
    default: {
      const never: never = route;
      throw new Error(`unknown route ${JSON.stringify(never)}`);
    }
  }
}
