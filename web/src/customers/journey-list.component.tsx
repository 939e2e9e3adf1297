import type { CustomerJourneyEnrollment } from '@switchyard/contracts';
import { JourneyRun } from './journey-run.component';

/** Journeys the customer was enrolled in, newest first, each run as a compact timeline. */
export function JourneyList({ journeys }: { journeys: CustomerJourneyEnrollment[] }) {
  if (journeys.length === 0) return <p className="muted">Not in any journey.</p>;
  return (
    <ul className="journey-run-list" data-testid="journey-runs">
      {journeys.map((run) => (
        <JourneyRun key={run.enrollmentId} run={run} />
      ))}
    </ul>
  );
}
