import type { CustomerJourneyEnrollment } from '@switchyard/contracts';
import { Link } from '../app/link.component';
import { formatDate } from '../shared/format';

/** Journeys the customer was enrolled in, newest first. */
export function JourneyList({ journeys }: { journeys: CustomerJourneyEnrollment[] }) {
  if (journeys.length === 0) return <p className="muted">Not in any journey.</p>;
  return (
    <ul className="plain-list">
      {journeys.map((j) => (
        <li key={j.enrollmentId} className="journey-line">
          <Link to={{ page: 'journey-editor', journeyId: j.journeyId }}>{j.journeyName}</Link>
          <span className={`status-chip status-chip--${j.status}`}>{j.status}</span>
          <span className="muted small">
            since {formatDate(j.enrolledAt)} · at {j.currentNodeId}
          </span>
        </li>
      ))}
    </ul>
  );
}
