import type { ReactNode } from 'react';
import { SignOutButton } from '../auth/sign-out-button.component';
import { useCan } from '../auth/use-can.hook';
import { useFailedDeliveries } from '../deliveries/use-failed-count.hook';
import { Link } from './link.component';
import type { Route } from './routes';

type Section =
  | 'journeys'
  | 'campaigns'
  | 'audiences'
  | 'segments'
  | 'groups'
  | 'customers'
  | 'deliveries'
  | 'settings';

function sectionOf(route: Route): Section | null {
  switch (route.page) {
    case 'journeys':
    case 'journey-editor':
      return 'journeys';
    case 'segments':
    case 'segment-new':
    case 'segment-edit':
      return 'segments';
    case 'groups':
    case 'group-new':
    case 'group-edit':
    case 'movement':
    case 'templates':
      return 'groups';
    case 'campaigns':
    case 'campaign':
      return 'campaigns';
    case 'audiences':
      return 'audiences';
    case 'customers':
    case 'customer':
      return 'customers';
    case 'deliveries':
      return 'deliveries';
    case 'settings-members':
    case 'settings-api-keys':
    case 'settings-workspace':
    case 'settings-audit':
      return 'settings';
    case 'setup':
    case 'reset':
    case 'invite':
    case 'not-found':
      return null;
    default: {
      const never: never = route;
      throw new Error(`unknown route ${JSON.stringify(never)}`);
    }
  }
}

/** Left navigation and the page area. */
export function AppShell({ route, children }: { route: Route; children: ReactNode }) {
  const isOwner = useCan('owner');
  const section = sectionOf(route);
  const failed = useFailedDeliveries(route.page);
  const item = (target: Section, label: string, icon: string, badge: ReactNode = null) => (
    <Link
      to={target === 'settings' ? { page: 'settings-members' } : { page: target }}
      className={`nav__item${section === target ? ' nav__item--active' : ''}`}
      testId={`nav-${target}`}
    >
      <span className="nav__icon" aria-hidden>
        {icon}
      </span>
      {label}
      {badge}
    </Link>
  );
  return (
    <div className="shell">
      <nav className="nav" aria-label="Main">
        <div className="brand">
          <span className="brand__mark" aria-hidden>
            ⇄
          </span>{' '}
          Switchyard
        </div>
        {item('journeys', 'Journeys', '↝')}
        {item('campaigns', 'Campaigns', '✉')}
        {item('audiences', 'Audiences', '◎')}
        {item('segments', 'Segments', '◐')}
        {item('groups', 'Segment groups', '☰')}
        {item('customers', 'Customers', '☺')}
        {item(
          'deliveries',
          'Deliveries',
          '⇢',
          failed !== null && failed > 0 && (
            <span
              className="nav__badge"
              title={`${failed.toLocaleString()} failed message${failed === 1 ? '' : 's'}`}
              data-testid="nav-deliveries-failed"
            >
              {failed.toLocaleString()}
            </span>
          ),
        )}
        {isOwner && item('settings', 'Settings', '⚙')}
        <span className="nav__spacer" />
        <SignOutButton />
      </nav>
      <main className={`shell__main${route.page === 'journey-editor' ? ' shell__main--full' : ''}`}>
        {children}
      </main>
    </div>
  );
}
