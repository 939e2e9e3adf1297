import type { ReactNode } from 'react';
import { useSessionStore } from '../auth/session.store';
import { Link } from './link.component';
import type { Route } from './routes';

type Section = 'journeys' | 'campaigns' | 'segments' | 'groups' | 'customers';

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
    case 'customers':
    case 'customer':
      return 'customers';
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
  const signOut = useSessionStore((s) => s.signOut);
  const section = sectionOf(route);
  const item = (target: Section, label: string, icon: string) => (
    <Link
      to={{ page: target }}
      className={`nav__item${section === target ? ' nav__item--active' : ''}`}
      testId={`nav-${target}`}
    >
      <span className="nav__icon" aria-hidden>
        {icon}
      </span>
      {label}
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
        {item('segments', 'Segments', '◐')}
        {item('groups', 'Segment groups', '☰')}
        {item('customers', 'Customers', '☺')}
        <span className="nav__spacer" />
        <button
          type="button"
          className="nav__item nav__signout"
          data-testid="sign-out"
          onClick={() => signOut()}
        >
          Sign out
        </button>
      </nav>
      <main className={`shell__main${route.page === 'journey-editor' ? ' shell__main--full' : ''}`}>
        {children}
      </main>
    </div>
  );
}
