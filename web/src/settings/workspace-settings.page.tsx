import type { WorkspaceSettingsView } from '@switchyard/contracts';
import { useState } from 'react';
import { api } from '../app/api';
import { useResource } from '../shared/use-resource.hook';
import { LoadError } from './load-error.component';
import { EmailProviderCard, SmsProviderCard } from './provider-cards.component';
import { SecretsCard } from './secrets-card.component';
import { TopicsCard } from './topics-card.component';
import { SettingsLayout } from './settings-tabs.component';
import { AllowedHostsCard, SigningKeyCard, TimeZoneCard } from './workspace-cards.component';

/** What a card gets: the settings as last loaded or saved, and where a save's answer goes. */
export interface SettingsCardProps {
  settings: WorkspaceSettingsView;
  onSaved: (settings: WorkspaceSettingsView) => void;
}

/**
 * How the workspace sends: its time zone, SMTP server, SMS provider, webhook signing key,
 * the hosts its requests may reach, subscription topics, and the secrets of plugin nodes. Each card saves its
 * own part (`PUT /api/workspace/settings` with that field only); credentials are
 * write-only, so a card shows whether one is set, never what it is.
 */
export function WorkspaceSettingsPage() {
  const [loaded, reload] = useResource(() => api.workspace.settings(), []);
  const [saved, setSaved] = useState<WorkspaceSettingsView | null>(null);
  const settings = saved ?? (loaded.state === 'ready' ? loaded.data : null);

  return (
    <SettingsLayout
      current="settings-workspace"
      intro="How this workspace sends: its time zone, e-mail and SMS providers, webhook signatures, the hosts its requests may reach, the topics customers can unsubscribe from one by one, and the secrets of plugin nodes."
    >
      {loaded.state === 'loading' && <p className="muted">Loading…</p>}
      {loaded.state === 'error' && (
        <LoadError what="the workspace settings" error={loaded.error} onRetry={reload} />
      )}
      {settings && (
        <div className="workspace-settings" data-testid="workspace-settings">
          <TimeZoneCard settings={settings} onSaved={setSaved} />
          <EmailProviderCard settings={settings} onSaved={setSaved} />
          <SmsProviderCard settings={settings} onSaved={setSaved} />
          <SigningKeyCard settings={settings} onSaved={setSaved} />
          <AllowedHostsCard settings={settings} onSaved={setSaved} />
          <TopicsCard />
          <SecretsCard />
        </div>
      )}
    </SettingsLayout>
  );
}
