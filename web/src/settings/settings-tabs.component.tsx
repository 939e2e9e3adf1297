import type { ReactNode } from 'react';
import { Link } from '../app/link.component';
import type { Route } from '../app/routes';

type SettingsPage =
  'settings-members' | 'settings-api-keys' | 'settings-workspace' | 'settings-audit';

const TABS: { page: SettingsPage; label: string }[] = [
  { page: 'settings-members', label: 'Members' },
  { page: 'settings-api-keys', label: 'API keys' },
  { page: 'settings-workspace', label: 'Sending & security' },
  { page: 'settings-audit', label: 'Audit log' },
];

/** The Settings area: a title, tabs, and the page. */
export function SettingsLayout({
  current,
  intro,
  children,
}: {
  current: SettingsPage;
  intro: ReactNode;
  children: ReactNode;
}) {
  return (
    <div className="page">
      <header className="page__header">
        <div>
          <h1>Settings</h1>
          <p className="muted">{intro}</p>
        </div>
      </header>
      <nav className="settings-tabs" aria-label="Settings">
        {TABS.map((tab) => (
          <Link
            key={tab.page}
            to={{ page: tab.page } as Route}
            className={`settings-tabs__tab${tab.page === current ? ' settings-tabs__tab--on' : ''}`}
            testId={`tab-${tab.page}`}
          >
            {tab.label}
          </Link>
        ))}
      </nav>
      {children}
    </div>
  );
}
