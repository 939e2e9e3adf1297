import type { CustomerJourneyEnrollment, CustomerJourneyMessage } from '@switchyard/contracts';
import { Link } from '../app/link.component';
import { formatDate } from '../shared/format';
import {
  attachMessages,
  channelLabel,
  elapsed,
  messageProblem,
  runOutcome,
  stepDetail,
  stepStatusLabel,
  stepTitle,
} from './journey-run';

/** One run of a journey as a compact timeline: its steps and what each one sent. */
export function JourneyRun({ run }: { run: CustomerJourneyEnrollment }) {
  const { steps, unmatched } = attachMessages(run.steps, run.messages);
  return (
    <li className="journey-run-card" data-testid={`journey-run-${run.enrollmentId}`}>
      <div className="journey-run-header">
        <Link to={{ page: 'journey-editor', journeyId: run.journeyId }}>{run.journeyName}</Link>
        <span className="muted small">v{run.version}</span>
        <span className={`status-chip status-chip--${run.status}`}>{run.status}</span>
        <span className="muted small journey-run-period">
          {formatDate(run.enrolledAt)}
          {run.finishedAt ? ` → ${formatDate(run.finishedAt)}` : ''}
        </span>
      </div>
      <p className="muted small journey-run-outcome">{runOutcome(run)}</p>
      {steps.length > 0 && (
        <ol className="journey-run-steps">
          {steps.map(({ step, messages }, i) => {
            const detail = stepDetail(step);
            return (
              <li
                key={`${step.nodeId}-${step.enteredAt}-${i}`}
                className={`journey-run-step journey-run-step--${step.status}`}
                data-testid={`journey-step-${run.enrollmentId}-${i}`}
              >
                <span className="journey-run-dot" aria-hidden />
                <span className="journey-run-step-body">
                  <strong className="journey-run-step-title">{stepTitle(step)}</strong>
                  <span className="journey-run-step-status">{stepStatusLabel(step.status)}</span>
                  {detail && <span className="muted small">{detail}</span>}
                  {messages.map((m, j) => (
                    <MessageLine key={`${m.createdAt}-${j}`} message={m} />
                  ))}
                </span>
                <time
                  className="muted small journey-run-time"
                  dateTime={step.enteredAt}
                  title={formatDate(step.enteredAt)}
                >
                  {elapsed(run.enrolledAt, step.enteredAt)}
                </time>
              </li>
            );
          })}
        </ol>
      )}
      {unmatched.length > 0 && (
        <div className="journey-run-unmatched">
          {unmatched.map((m, j) => (
            <MessageLine key={`${m.createdAt}-${j}`} message={m} />
          ))}
        </div>
      )}
    </li>
  );
}

function MessageLine({ message }: { message: CustomerJourneyMessage }) {
  const channel = channelLabel(message.channel);
  const when = message.sentAt ?? message.createdAt;
  const problem = messageProblem(message);
  return (
    <span
      className="journey-run-message"
      data-testid="journey-message"
      title={`${channel.label} ${message.status} ${formatDate(when)}`}
    >
      <span className="journey-run-channel" aria-label={channel.label}>
        {channel.icon}
      </span>
      <span className="journey-run-to mono">{message.to || '—'}</span>
      {message.summary && <span className="journey-run-summary">{message.summary}</span>}
      <span className={`journey-run-msg-status journey-run-msg-status--${message.status}`}>
        {message.status}
      </span>
      {problem && (
        <span
          className={`journey-run-msg-problem journey-run-msg-problem--${message.status}`}
          data-testid="journey-message-problem"
        >
          {problem}
        </span>
      )}
    </span>
  );
}
