import { lazy, Suspense } from 'react';
import { AudiencesPage } from '../audiences/audiences.page';
import { PasswordLinkPage } from '../auth/password-link.page';
import { SignInPage } from '../auth/sign-in.page';
import { useSessionCheck } from '../auth/use-session-check.hook';
import { CampaignPage } from '../campaigns/campaign.page';
import { CampaignsPage } from '../campaigns/campaigns.page';
import { useSessionStore } from '../auth/session.store';
import { JourneysPage } from '../journeys/journeys.page';
import { CustomerProfilePage } from '../customers/customer-profile.page';
import { CustomersPage } from '../customers/customers.page';
import { DeliveriesPage } from '../deliveries/deliveries.page';
import { GroupEditPage, GroupNewPage } from '../groups/group-editor.page';
import { GroupsPage } from '../groups/groups.page';
import { TemplatesPage } from '../groups/templates.page';
import { SegmentEditPage } from '../segments/segment-edit.page';
import { SegmentNewPage } from '../segments/segment-new.page';
import { SegmentsPage } from '../segments/segments.page';
import { ApiKeysPage } from '../settings/api-keys.page';
import { AuditLogPage } from '../settings/audit-log.page';
import { MembersPage } from '../settings/members.page';
import { OwnerOnly } from '../settings/owner-only.component';
import { WorkspaceSettingsPage } from '../settings/workspace-settings.page';
import { AppShell } from './app-shell.component';
import { Link } from './link.component';
import { useRoute } from './router';
import type { Route } from './routes';

// The editor brings React Flow; load it only when a journey is opened.
const JourneyEditorPage = lazy(async () => ({
  default: (await import('../editor/journey-editor.page')).JourneyEditorPage,
}));

// The movement page brings the chart library; load it only when opened.
const MovementPage = lazy(async () => ({
  default: (await import('../movement/movement.page')).MovementPage,
}));

function renderPage(route: Route) {
  switch (route.page) {
    case 'journeys':
      return <JourneysPage />;
    case 'journey-editor':
      return (
        <Suspense fallback={<div className="page-message">Loading editor…</div>}>
          <JourneyEditorPage journeyId={route.journeyId} />
        </Suspense>
      );
    case 'segments':
      return <SegmentsPage />;
    case 'segment-new':
      return <SegmentNewPage />;
    case 'segment-edit':
      return <SegmentEditPage key={route.segmentId} segmentId={route.segmentId} />;
    case 'groups':
      return <GroupsPage />;
    case 'group-new':
      return <GroupNewPage />;
    case 'group-edit':
      return <GroupEditPage key={route.groupId} groupId={route.groupId} />;
    case 'movement':
      return (
        <Suspense fallback={<div className="page-message">Loading movement…</div>}>
          <MovementPage key={route.groupId} groupId={route.groupId} />
        </Suspense>
      );
    case 'campaigns':
      return <CampaignsPage />;
    case 'campaign':
      return <CampaignPage key={route.campaignId} campaignId={route.campaignId} />;
    case 'audiences':
      return <AudiencesPage />;
    case 'templates':
      return <TemplatesPage />;
    case 'customers':
      return <CustomersPage />;
    case 'customer':
      return <CustomerProfilePage key={route.customerId} customerId={route.customerId} />;
    case 'deliveries':
      return (
        <DeliveriesPage
          key={route.step ? `${route.step.journeyId}/${route.step.stepId}` : 'all'}
          step={route.step ?? null}
        />
      );
    case 'setup':
    case 'reset':
    case 'invite':
      return <PasswordLinkPage purpose={route.page} />;
    case 'settings-members':
      return (
        <OwnerOnly>
          <MembersPage />
        </OwnerOnly>
      );
    case 'settings-api-keys':
      return (
        <OwnerOnly>
          <ApiKeysPage />
        </OwnerOnly>
      );
    case 'settings-workspace':
      return (
        <OwnerOnly>
          <WorkspaceSettingsPage />
        </OwnerOnly>
      );
    case 'settings-audit':
      return (
        <OwnerOnly>
          <AuditLogPage />
        </OwnerOnly>
      );
    case 'not-found':
      return (
        <div className="page">
          <h1>Page not found</h1>
          <p className="muted">Nothing lives at {route.path}.</p>
          <Link to={{ page: 'journeys' }}>Go to journeys</Link>
        </div>
      );
    default: {
      const never: never = route;
      throw new Error(`unknown route ${JSON.stringify(never)}`);
    }
  }
}

export function App() {
  const status = useSessionStore((s) => s.status);
  const route = useRoute();
  useSessionCheck();
  // Setup, reset and invite links work signed in or not.
  if (route.page === 'setup' || route.page === 'reset' || route.page === 'invite')
    return <PasswordLinkPage purpose={route.page} />;
  if (status === 'checking') return <div className="page-message">Signing in…</div>;
  if (status === 'signed-out') return <SignInPage />;
  return <AppShell route={route}>{renderPage(route)}</AppShell>;
}
