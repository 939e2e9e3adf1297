import { type CampaignStats, type CampaignView, overComplaintLimit } from '@switchyard/contracts';
import { api } from '../app/api';
import { LoadError } from '../settings/load-error.component';
import { formatCount } from '../shared/format';
import { usePollWhile } from '../shared/use-poll-while.hook';
import { useResource } from '../shared/use-resource.hook';

/** " (12.5% of sent)", or nothing before anything was sent. */
const ofSent = (count: number, sent: number) =>
  sent > 0 ? ` (${((count / sent) * 100).toFixed(1)}% of sent)` : '';

/** How often the results are read while e-mails go out, and afterwards (conversions). */
export const SENDING_POLL_MS = 3_000;
export const RESULTS_POLL_MS = 30_000;

/**
 * A launched campaign's results, read again while the page is open: every few seconds
 * while the launch is under way (sends and holdout as they happen), then twice a minute
 * for the conversion of the sent against the held out, with the lift's 95% interval. A
 * failed read says why, with a retry, rather than "loading" for ever.
 */
export function CampaignResults({ campaign }: { campaign: CampaignView }) {
  const [result, reload] = useResource(() => api.campaigns.stats(campaign.id), [campaign.id]);
  const stats = result.state === 'ready' ? result.data : null;
  // Nobody enrolled yet: the launch is still creating its journey.
  const underWay = stats !== null && (stats.sending > 0 || stats.enrolled === 0);
  usePollWhile(stats !== null, reload, underWay ? SENDING_POLL_MS : RESULTS_POLL_MS);
  switch (result.state) {
    case 'loading':
      return <p className="muted">Loading results…</p>;
    case 'error':
      return <LoadError what="the campaign's results" error={result.error} onRetry={reload} />;
    case 'ready':
      return <Results stats={result.data} />;
    default: {
      const never: never = result;
      throw new Error(`unknown state ${JSON.stringify(never)}`);
    }
  }
}

function Results({ stats }: { stats: CampaignStats }) {
  const rate = (r: { rate: number | null }) =>
    r.rate === null ? '—' : `${(r.rate * 100).toFixed(1)}%`;
  return (
    <>
      <CampaignProgress stats={stats} />
      <section className="movement__summary" data-testid="campaign-results">
        <div className="stat">
          <strong data-testid="campaign-sent">{formatCount(stats.sent)}</strong>
          <span className="muted small">e-mails sent</span>
        </div>
        <div className="stat">
          <strong>{formatCount(stats.heldOut)}</strong>
          <span className="muted small">held out</span>
        </div>
        <div
          className="stat"
          title="opened the e-mail (images loaded; some mail apps load them by themselves)"
        >
          <strong data-testid="campaign-results-opened">{formatCount(stats.opened)}</strong>
          <span className="muted small">opened{ofSent(stats.opened, stats.sent)}</span>
        </div>
        <div className="stat" title="clicked a link in the e-mail">
          <strong data-testid="campaign-results-clicked">{formatCount(stats.clicked)}</strong>
          <span className="muted small">clicked{ofSent(stats.clicked, stats.sent)}</span>
        </div>
        <div className="stat" title="unsubscribed through the e-mail's link (and still are)">
          <strong data-testid="campaign-results-unsubscribed">
            {formatCount(stats.unsubscribed)}
          </strong>
          <span className="muted small">
            unsubscribed
            {ofSent(stats.unsubscribed, stats.sent)}
          </span>
        </div>
        <div
          className={`stat${overComplaintLimit(stats.complaints, stats.sent) ? ' stat--alarm' : ''}`}
          title="marked the e-mail as spam, as their provider reported; Gmail and Yahoo expect under 0.3% of delivered e-mail"
        >
          <strong data-testid="campaign-results-complaints">{formatCount(stats.complaints)}</strong>
          <span className="muted small">
            marked as spam
            {ofSent(stats.complaints, stats.sent)}
          </span>
        </div>
        <div className="stat">
          <strong>{rate(stats.conversion.treated)}</strong>
          <span className="muted small">ordered within 14 days (sent)</span>
        </div>
        <div className="stat">
          <strong>{rate(stats.conversion.heldOut)}</strong>
          <span className="muted small">ordered within 14 days (held out)</span>
        </div>
        {stats.conversion.lift &&
          stats.conversion.treated.rate !== null &&
          stats.conversion.heldOut.rate !== null && (
            <div className="stat">
              <strong>{(stats.conversion.lift.absolute * 100).toFixed(1)} pts</strong>
              <span className="muted small">
                lift (95%: {(stats.conversion.lift.ci95[0] * 100).toFixed(1)} to{' '}
                {(stats.conversion.lift.ci95[1] * 100).toFixed(1)})
              </span>
            </div>
          )}
      </section>
    </>
  );
}

/**
 * Where the launch is: still sending (runs under way or e-mails waiting for delivery), or
 * done, with those who got nothing and were not held out (a cap, no address, a failure).
 */
function CampaignProgress({ stats }: { stats: CampaignStats }) {
  const notSent = Math.max(0, stats.enrolled - stats.sent - stats.heldOut);
  const text =
    stats.sending > 0
      ? `Sending: ${formatCount(stats.sent)} sent and ${formatCount(stats.heldOut)} held out so far; ${formatCount(stats.sending)} still on their way.`
      : `Done: ${formatCount(stats.sent)} sent, ${formatCount(stats.heldOut)} held out${
          notSent > 0
            ? `, ${formatCount(notSent)} not sent (a frequency cap, no e-mail address or a failed delivery)`
            : ''
        }.`;
  return (
    <p
      className={`campaign__progress${stats.sending > 0 ? ' campaign__progress--sending' : ''}`}
      role="status"
      data-testid="campaign-progress"
    >
      {text}
    </p>
  );
}
