import type {
  JourneyNode,
  OutputSpec,
  StepPreview,
  StepPreviewHold,
  StepPreviewMessage,
  StepPreviewOutcome,
  StepPreviewPick,
} from '@switchyard/contracts';
import { useEffect, useState } from 'react';
import { api } from '../../app/api';
import { Link } from '../../app/link.component';
import { formatDate, formatDateIn } from '../../shared/format';
import { TestSend, testChannelOf } from './step-test-send.component';
import { TryOnCustomerForm } from './try-on-customer.component';
import { useDryRun } from './use-dry-run.hook';
import { useWalkPathStore } from '../store/walk-path.store';

const PICKED: Record<StepPreviewPick, string> = {
  given: '',
  latest_run: "the journey's newest run",
  trigger_member: 'a customer the trigger would start',
  newest: 'the newest customer',
};

/**
 * "Try it on a customer": the step as edited (saved or not) run for a real customer as a
 * dry run (POST /api/journeys/:id/preview-step). Shows the messages as they would go out,
 * what it would set and where the customer would go; nothing is sent.
 */
export function StepPreviewSection({
  journeyId,
  node,
  outputs,
  targets,
}: {
  journeyId: string;
  node: JourneyNode;
  outputs: readonly OutputSpec[];
  /** Output -> the name of the step it leads to on the canvas. */
  targets: Readonly<Record<string, string>>;
}) {
  const dryRun = useDryRun(
    (customer) => api.journeys.previewStep(journeyId, { node, ...(customer ? { customer } : {}) }),
    // Opened from a walk: tried on the walk's customer.
    useWalkPathStore.getState().customer,
  );
  const { result: preview, setError } = dryRun;
  // An answer is for the settings it was asked with: an edit makes it stale.
  const asked = JSON.stringify(node.config);
  const [answeredFor, setAnsweredFor] = useState<string | null>(null);
  useEffect(() => setError(null), [asked, setError]);
  const run = async () => {
    if (await dryRun.run()) setAnsweredFor(asked);
  };
  const testChannel = preview ? testChannelOf(preview.messages) : null;

  return (
    <section className="step-preview" data-testid="step-preview">
      <TryOnCustomerForm
        testId="step-preview"
        title="Try it on a customer"
        action="Preview"
        busyAction="Running…"
        hint="A dry run: nothing is sent or saved. Quiet hours and frequency caps are checked as of now."
        state={dryRun}
        onRun={() => void run()}
      />
      {preview && (
        <div
          className={`step-preview__result${answeredFor === asked ? '' : ' step-preview__result--stale'}`}
          data-testid="step-preview-result"
        >
          {answeredFor !== asked && (
            <p className="muted small" data-testid="step-preview-stale">
              The settings changed since: preview again to see them.
            </p>
          )}
          <PreviewFor preview={preview} />
          <Outcome outcome={preview.outcome} outputs={outputs} targets={targets} />
          {preview.messages.map((message, i) => (
            <PreviewMessage key={i} message={message} />
          ))}
          {preview.held && <HeldNotice held={preview.held} />}
          {testChannel && (
            <TestSend
              key={testChannel}
              journeyId={journeyId}
              node={node}
              customer={preview.customer.id}
              channel={testChannel}
              stale={answeredFor !== asked}
            />
          )}
          {Object.keys(preview.traits).length > 0 && (
            <div className="step-preview__block" data-testid="step-preview-traits">
              <strong>Sets traits</strong>
              <pre className="step-preview__code">{JSON.stringify(preview.traits, null, 2)}</pre>
            </div>
          )}
          {preview.audiences.length > 0 && (
            <p data-testid="step-preview-audiences">
              <strong>Adds to</strong> {preview.audiences.map((a) => a.name ?? a.id).join(', ')}
            </p>
          )}
        </div>
      )}
    </section>
  );
}

function PreviewFor({ preview }: { preview: StepPreview }) {
  const { customer, run } = preview;
  const picked = PICKED[customer.pick];
  return (
    <p className="muted small" data-testid="step-preview-for">
      For <Link to={{ page: 'customer', customerId: customer.id }}>{customer.externalId}</Link>
      {picked && ` (${picked})`}
      {run
        ? `, with what their run of ${formatDate(run.startedAt)} has collected.`
        : ' (no run of this journey yet: values earlier steps set are empty).'}
    </p>
  );
}

function Outcome({
  outcome,
  outputs,
  targets,
}: {
  outcome: StepPreviewOutcome;
  outputs: readonly OutputSpec[];
  targets: Readonly<Record<string, string>>;
}) {
  /**
   * What happens through an output: "goes on to “Offer”", "goes on through “VIP” to
   * “Offer”", "goes through “Everyone else”, where nothing is connected, and the run ends",
   * "the run ends (nothing is connected after this step)".
   */
  const route = (key: string): string => {
    const target = targets[key];
    const branch =
      outputs.length > 1 ? `through “${outputs.find((o) => o.key === key)?.label ?? key}”` : null;
    if (target) return `goes on ${branch ? `${branch} ` : ''}to “${target}”`;
    return branch
      ? `goes ${branch}, where nothing is connected, and the run ends`
      : 'the run ends (nothing is connected after this step)';
  };
  const text = ((): string => {
    switch (outcome.kind) {
      case 'continue':
        return outcome.output === null ? 'The run ends here.' : `Then ${route(outcome.output)}.`;
      case 'wait':
        return `Waits until ${formatDate(outcome.until)}, then ${route(outcome.output)}${
          outcome.event
            ? `; if they do “${outcome.event.name}” first, ${route(outcome.event.output)}`
            : ''
        }.`;
      case 'exit':
        return `Leaves the journey${outcome.reason ? ` (${outcome.reason})` : ''}.`;
      case 'error':
        return `Would fail: ${outcome.message}`;
      default: {
        const unknown: never = outcome;
        return String(unknown);
      }
    }
  })();
  return (
    <p
      className={outcome.kind === 'error' ? 'field__error' : 'step-preview__outcome'}
      data-testid="step-preview-outcome"
    >
      {text}
    </p>
  );
}

/** A message as it would go out; `compact`: one line, the e-mail's body behind a toggle. */
export function PreviewMessage({
  message,
  compact = false,
}: {
  message: StepPreviewMessage;
  compact?: boolean;
}) {
  switch (message.channel) {
    case 'email':
      if (compact)
        return (
          <details className="journey-walk__message" data-testid="journey-walk-email">
            <summary>
              E-mail to {message.to}: “{message.subject}”
            </summary>
            <EmailBody html={message.html} text={message.text} />
          </details>
        );
      return (
        <div className="step-preview__block" data-testid="step-preview-email">
          <p className="muted small">
            E-mail to {message.to}
            {message.transactional && ' · transactional'}
          </p>
          <p className="mail-preview__subject" data-testid="step-preview-subject">
            {message.subject}
          </p>
          <EmailBody html={message.html} text={message.text} testId="step-preview-html" />
        </div>
      );
    case 'sms':
      return (
        <div className="step-preview__block" data-testid="step-preview-sms">
          <p className="muted small">
            Text to {message.to}
            {message.transactional && ' · transactional'}
          </p>
          <p className="step-preview__sms">{message.body}</p>
        </div>
      );
    case 'webhook':
      return (
        <div className="step-preview__block" data-testid="step-preview-webhook">
          <p className="mono step-preview__request">
            {message.method} {message.url}
          </p>
          {Object.entries(message.headers).map(([name, value]) => (
            <p key={name} className="mono muted">
              {name}: {value}
            </p>
          ))}
          {message.body !== null && <pre className="step-preview__code">{message.body}</pre>}
        </div>
      );
    default: {
      const unknown: never = message;
      return <>{String(unknown)}</>;
    }
  }
}

/** Why the step's messages would not go out at once: quiet hours or a frequency cap. */
export function HeldNotice({ held }: { held: StepPreviewHold }) {
  switch (held.kind) {
    case 'quiet_hours':
      return (
        <p
          className="banner banner--warning small step-preview__held"
          data-testid="step-preview-held"
        >
          Quiet hours: held until {formatDateIn(held.until, held.timeZone)} ({held.timeZone}), then
          sent.
        </p>
      );
    case 'unsubscribed':
      return (
        <p
          className="banner banner--warning small step-preview__held"
          data-testid="step-preview-held"
        >
          Not sent: the customer unsubscribed from{' '}
          {[...held.channels, ...held.topics.map((t) => `“${t}”`)].join(' and ')}. The step goes on
          without it.
        </p>
      );
    case 'bounced':
      return (
        <p
          className="banner banner--warning small step-preview__held"
          data-testid="step-preview-held"
        >
          Not sent: {held.addresses.join(', ')} bounced before (the server refused the address for
          good). Remove it from the suppressed addresses to send again.
        </p>
      );
    case 'frequency_cap':
      return (
        <p
          className="banner banner--warning small step-preview__held"
          data-testid="step-preview-held"
        >
          Not sent: {held.reason}. The step goes on without it.
        </p>
      );
    default: {
      const unknown: never = held;
      return <>{String(unknown)}</>;
    }
  }
}

/** An e-mail's HTML in a sandboxed frame (no scripts, no same origin) and its plain text. */
function EmailBody({
  html,
  text,
  testId,
}: {
  html: string | null;
  text: string | null;
  testId?: string;
}) {
  return (
    <>
      {html !== null && (
        <iframe
          title="E-mail preview"
          className="mail-preview__body step-preview__mail"
          sandbox=""
          srcDoc={html}
          data-testid={testId}
        />
      )}
      {text !== null && <pre className="step-preview__code">{text}</pre>}
    </>
  );
}
