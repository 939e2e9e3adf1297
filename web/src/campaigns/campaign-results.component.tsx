import type { CampaignStats, CampaignView } from '@switchyard/contracts';
import { useEffect, useState } from 'react';
import { api } from '../app/api';
import { formatCount } from '../shared/format';

/**
 * A launched campaign's results, read again every few seconds: sends and holdout as they
 * happen, then conversion of the sent against the held out, with the lift's 95% interval.
 */
export function CampaignResults({ campaign }: { campaign: CampaignView }) {
  const [stats, setStats] = useState<CampaignStats | null>(null);
  useEffect(() => {
    let stop = false;
    const load = async () => {
      try {
        const next = await api.campaigns.stats(campaign.id);
        if (!stop) setStats(next);
      } catch {
        // shown as not loaded; the next poll tries again
      }
    };
    void load();
    const timer = setInterval(() => void load(), 3000);
    return () => {
      stop = true;
      clearInterval(timer);
    };
  }, [campaign.id]);
  if (!stats) return <p className="muted">Loading results…</p>;
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
