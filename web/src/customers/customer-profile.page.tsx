import { LoadFailed } from '../shared/load-failed.component';
import type { CustomerProfile } from '@switchyard/contracts';
import { api } from '../app/api';
import { Link } from '../app/link.component';
import { formatDate } from '../shared/format';
import { usePollWhile } from '../shared/use-poll-while.hook';
import { useResource } from '../shared/use-resource.hook';
import { customerName } from './customer-name';
import { EventTimeline } from './event-timeline.component';
import { JourneyList } from './journey-list.component';
import { SegmentChips } from './segment-chips.component';
import { SegmentHistory } from './segment-history.component';
import { Subscriptions } from './subscriptions.component';
import { TraitTable } from './trait-table.component';

/** One customer: traits, segments now and over time, events, journeys. */
export function CustomerProfilePage({ customerId }: { customerId: string }) {
  const [profile, reload] = useResource(() => api.customers.get(customerId), [customerId]);
  // A message waiting for its next try goes out (or fails) on its own: follow it.
  usePollWhile(profile.state === 'ready' && hasWaitingMessage(profile.data), reload);
  switch (profile.state) {
    case 'loading':
      return <div className="page-message">Loading customer…</div>;
    case 'error':
      return (
        <LoadFailed
          what="the customer"
          error={profile.error}
          onRetry={reload}
          back={{ to: { page: 'customers' }, label: '← Customers' }}
        />
      );
    case 'ready':
      return <Profile profile={profile.data} onChanged={reload} />;
    default: {
      const never: never = profile;
      throw new Error(`unknown state ${JSON.stringify(never)}`);
    }
  }
}

const hasWaitingMessage = (profile: CustomerProfile) =>
  profile.journeys.some((run) => run.messages.some((m) => m.status === 'pending'));

function Profile({ profile, onChanged }: { profile: CustomerProfile; onChanged: () => void }) {
  const name = customerName(profile.traits);
  const email = typeof profile.traits['email'] === 'string' ? profile.traits['email'] : null;
  return (
    <div className="page page--wide" data-testid="customer-profile">
      <header className="page__header">
        <div>
          <Link to={{ page: 'customers' }} className="muted small">
            ← Customers
          </Link>
          <h1 className="profile__name">
            <span data-testid="customer-name">{name ?? profile.externalId}</span>
            <SegmentChips segments={profile.segments} testId="customer-segment-chips" />
          </h1>
          <p className="muted small">
            ID <span className="mono">{profile.externalId}</span>
            {email && name !== email ? ` · ${email}` : ''} · first seen{' '}
            {formatDate(profile.firstSeenAt)} · last seen {formatDate(profile.lastSeenAt)}
          </p>
        </div>
      </header>
      <div className="profile">
        <div className="profile__column">
          <section className="card" data-testid="customer-traits">
            <h2 className="section-title">Traits</h2>
            <TraitTable traits={profile.traits} />
          </section>
          <Subscriptions
            customerId={profile.id}
            subscriptions={profile.subscriptions}
            onChanged={onChanged}
          />
          <section className="card" data-testid="customer-segments">
            <h2 className="section-title">Segments now</h2>
            {profile.segments.length === 0 ? (
              <p className="muted">In no segment as of the last evaluation.</p>
            ) : (
              <ul className="plain-list">
                {profile.segments.map((s) => (
                  <li key={s.id}>
                    <SegmentChips segments={[s]} testId={`customer-segment-${s.id}`} />{' '}
                    <span className="muted small">since {formatDate(s.since)}</span>
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section className="card" data-testid="customer-journeys">
            <h2 className="section-title">Journeys</h2>
            <JourneyList journeys={profile.journeys} />
          </section>
        </div>
        <div className="profile__column">
          <section className="card" data-testid="customer-segment-history">
            <h2 className="section-title">Segment history</h2>
            <SegmentHistory history={profile.segmentHistory} />
          </section>
          <section className="card" data-testid="customer-timeline">
            <h2 className="section-title">Recent events</h2>
            <EventTimeline events={profile.recentEvents} />
          </section>
        </div>
      </div>
    </div>
  );
}
