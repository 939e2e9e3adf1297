import { LoadFailed } from '../shared/load-failed.component';
import type { GroupMovementView, SegmentGroupView } from '@switchyard/contracts';
import { useCallback, useEffect, useState } from 'react';
import { describeError } from '../api/api-client';
import { api } from '../app/api';
import { Link } from '../app/link.component';
import { useResource } from '../shared/use-resource.hook';
import { MovementActions } from './movement-actions.component';
import { DistributionBars, EnteredLeftBars } from './movement-bars.component';
import { formatCount } from './movement-format';
import { MovementMatrix } from './movement-matrix.component';
import type { MovementDates, MovementPick } from './movement-pick';
import { MovementSankey } from './movement-sankey.component';

type Comparison =
  | { state: 'idle' }
  | { state: 'loading'; dates: MovementDates }
  | { state: 'ready'; dates: MovementDates; view: GroupMovementView }
  | { state: 'error'; dates: MovementDates; message: string };

const today = () => new Date().toISOString().slice(0, 10);
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

/** The two latest snapshots' dates, else the last 30 days. */
function defaultDates(snapshots: { asOf: string }[]): MovementDates {
  const dates = snapshots.map((s) => s.asOf.slice(0, 10));
  const last = dates[dates.length - 1];
  const before = dates[dates.length - 2];
  if (last && before) return { from: before, to: last };
  if (last) return { from: last, to: today() };
  return { from: daysAgo(30), to: today() };
}

/** Who moved where in a segment group between two dates, and acting on any movement. */
export function MovementPage({ groupId }: { groupId: string }) {
  const [group, reload] = useResource(
    async () => ({
      group: await api.groups.get(groupId),
      snapshots: await api.groups.snapshots(groupId),
    }),
    [groupId],
  );
  switch (group.state) {
    case 'loading':
      return <div className="page-message">Loading group…</div>;
    case 'error':
      return (
        <LoadFailed
          what="the group"
          error={group.error}
          onRetry={reload}
          back={{ to: { page: 'groups' }, label: '← Segment groups' }}
        />
      );
    case 'ready':
      return <Movement group={group.data.group} initial={defaultDates(group.data.snapshots)} />;
    default: {
      const never: never = group;
      throw new Error(`unknown state ${JSON.stringify(never)}`);
    }
  }
}

function Movement({ group, initial }: { group: SegmentGroupView; initial: MovementDates }) {
  const [dates, setDates] = useState(initial);
  const [comparison, setComparison] = useState<Comparison>({ state: 'idle' });
  const [pick, setPick] = useState<MovementPick | null>(null);

  const compare = useCallback(
    async (wanted: MovementDates) => {
      setComparison({ state: 'loading', dates: wanted });
      setPick(null);
      try {
        const view = await api.groups.movement(group.id, wanted.from, wanted.to);
        setComparison({ state: 'ready', dates: wanted, view });
      } catch (error) {
        setComparison({ state: 'error', dates: wanted, message: describeError(error) });
      }
    },
    [group.id],
  );
  useEffect(() => {
    void compare(initial);
  }, [compare, initial]);

  const invalid = dates.from > dates.to ? 'The first date must not be after the second.' : null;
  return (
    <div className="page page--wide movement">
      <header className="page__header">
        <div>
          <Link to={{ page: 'group-edit', groupId: group.id }} className="muted small">
            ← {group.name}
          </Link>
          <h1 data-testid="movement-title">Movement in {group.name}</h1>
          <p className="muted">
            Compare two dates: who moved where, and act on any movement. Click a flow, a cell or a
            bar.
          </p>
        </div>
        <form
          className="movement__dates"
          onSubmit={(e) => {
            e.preventDefault();
            if (!invalid) void compare(dates);
          }}
        >
          <label className="field">
            <span className="field__label">From</span>
            <input
              type="date"
              data-testid="movement-from"
              value={dates.from}
              max={dates.to}
              onChange={(e) => setDates({ ...dates, from: e.target.value })}
            />
          </label>
          <label className="field">
            <span className="field__label">To</span>
            <input
              type="date"
              data-testid="movement-to"
              value={dates.to}
              max={today()}
              onChange={(e) => setDates({ ...dates, to: e.target.value })}
            />
          </label>
          <button
            type="submit"
            className="button button--primary"
            data-testid="movement-compare"
            disabled={!!invalid || comparison.state === 'loading'}
            title={invalid ?? 'Snapshots missing for a date are computed now'}
          >
            {comparison.state === 'loading' ? 'Comparing…' : 'Compare'}
          </button>
        </form>
      </header>
      {invalid && <p className="banner banner--warning">{invalid}</p>}
      {comparison.state === 'loading' && (
        <p className="muted" data-testid="movement-loading">
          Comparing {comparison.dates.from} with {comparison.dates.to}… (a date without a snapshot
          is evaluated now, which can take a few seconds on a large workspace)
        </p>
      )}
      {comparison.state === 'error' && (
        <p className="banner banner--error" role="alert">
          Could not compare the dates: {comparison.message}
        </p>
      )}
      {comparison.state === 'ready' && (
        <MovementBody
          view={comparison.view}
          dates={comparison.dates}
          pick={pick}
          onPick={setPick}
        />
      )}
    </div>
  );
}

function MovementBody({
  view,
  dates,
  pick,
  onPick,
}: {
  view: GroupMovementView;
  dates: MovementDates;
  pick: MovementPick | null;
  onPick: (pick: MovementPick | null) => void;
}) {
  return (
    <>
      <section className="movement__summary" data-testid="movement-summary">
        <Stat label={`customers on ${dates.from}`} value={view.totals.from} />
        <Stat label={`customers on ${dates.to}`} value={view.totals.to} />
        <Stat label="moved to another bucket" value={view.totals.moved} />
        <Stat label="new since" value={view.totals.new} />
        {view.computed.length > 0 && (
          <p className="muted small">
            Computed now for this comparison: {view.computed.map((d) => d.slice(0, 10)).join(', ')}
          </p>
        )}
      </section>
      <div className="movement__layout">
        <div className="movement__charts">
          <section className="card">
            <h2>Flows</h2>
            <MovementSankey view={view} dates={dates} onPick={onPick} />
          </section>
          <div className="movement__pair">
            <section className="card">
              <h2>Distribution</h2>
              <DistributionBars view={view} dates={dates} onPick={onPick} />
            </section>
            <section className="card">
              <h2>Entered and left</h2>
              <EnteredLeftBars view={view} onPick={onPick} />
            </section>
          </div>
          <section className="card">
            <h2>From → to</h2>
            <MovementMatrix view={view} dates={dates} picked={pick} onPick={onPick} />
          </section>
        </div>
        {pick && (
          <MovementActions view={view} dates={dates} pick={pick} onClose={() => onPick(null)} />
        )}
      </div>
    </>
  );
}

function Stat({ label, value }: { label: string; value: number }) {
  return (
    <div className="stat">
      <strong>{formatCount(value)}</strong>
      <span className="muted small">{label}</span>
    </div>
  );
}
