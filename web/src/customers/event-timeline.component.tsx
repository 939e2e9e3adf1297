import type { CustomerRecentEvent } from '@switchyard/contracts';
import { formatDate } from '../shared/format';
import { eventTitle, propertySummary } from './event-summary';

/** The customer's latest events, newest first. */
export function EventTimeline({ events }: { events: CustomerRecentEvent[] }) {
  if (events.length === 0) return <p className="muted">No events yet.</p>;
  return (
    <ol className="timeline">
      {events.map((e, i) => (
        <li key={`${e.timestamp}-${i}`} className="timeline__item" data-testid={`event-${i}`}>
          <span className="timeline__dot" aria-hidden />
          <span className="timeline__body">
            <strong className="timeline__title">{eventTitle(e.name)}</strong>
            <span className="timeline__props">
              {propertySummary(e.properties).map((p) => (
                <span key={p.key} className="prop">
                  <span className="muted">{p.key}</span> {p.value}
                </span>
              ))}
            </span>
          </span>
          <span className="muted small timeline__time">{formatDate(e.timestamp)}</span>
        </li>
      ))}
    </ol>
  );
}
