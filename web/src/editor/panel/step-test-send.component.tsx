import type { JourneyNode, StepPreviewMessage, StepTestSent } from '@switchyard/contracts';
import { useState } from 'react';
import { describeError } from '../../api/api-client';
import { api } from '../../app/api';
import { useSessionStore } from '../../auth/session.store';
import { useCan } from '../../auth/use-can.hook';

/** What a test of the step sends, when it can be tested: one kind of message. */
export type TestChannel = StepPreviewMessage['channel'];

/** The channel a test of these messages uses; null when there is nothing to test. */
export function testChannelOf(messages: readonly StepPreviewMessage[]): TestChannel | null {
  const channels = new Set(messages.map((m) => m.channel));
  if (channels.has('email') && channels.has('sms')) return null;
  if (channels.has('email')) return 'email';
  if (channels.has('sms')) return 'sms';
  return channels.has('webhook') ? 'webhook' : null;
}

const FORM: Record<TestChannel, { label: string; action: string }> = {
  email: { label: 'Send a test of this e-mail', action: 'Send test' },
  sms: { label: 'Send a test of this text message', action: 'Send test' },
  webhook: { label: 'Send a test request', action: 'Send test request' },
};

/**
 * Sends the step's messages, as previewed, as a test: the e-mail to an address of the
 * marketer's ("[Test] ..."), the SMS to a phone number, the webhook to its own URL (its
 * answer shown).
 */
export function TestSend({
  journeyId,
  node,
  customer,
  channel,
  stale,
}: {
  journeyId: string;
  node: JourneyNode;
  customer: string;
  channel: TestChannel;
  stale: boolean;
}) {
  const canSend = useCan('marketer');
  const own = useSessionStore((s) => (s.me?.actor.type === 'user' ? s.me.actor.email : ''));
  const [to, setTo] = useState(channel === 'email' ? own : '');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; sent: StepTestSent[]; text: string } | null>(
    null,
  );
  if (!canSend) return null;
  const send = async () => {
    setBusy(true);
    setResult(null);
    try {
      const answer = await api.journeys.testSend(journeyId, {
        node,
        customer,
        ...(channel === 'webhook' ? {} : { to: to.trim() }),
      });
      setResult({ ok: true, sent: answer.sent, text: answer.sent.map(sentText).join(' ') });
    } catch (e) {
      setResult({ ok: false, sent: [], text: describeError(e) });
    }
    setBusy(false);
  };
  const form = FORM[channel];
  return (
    <form
      className="step-preview__block step-preview__test"
      data-testid="step-test-send"
      onSubmit={(e) => {
        e.preventDefault();
        void send();
      }}
    >
      <label className="field__label" htmlFor="step-test-to">
        {form.label}
        {stale ? ' (as the settings are now)' : ''}
      </label>
      <div className="step-preview__form">
        {channel !== 'webhook' && (
          <input
            id="step-test-to"
            type={channel === 'email' ? 'email' : 'tel'}
            required
            placeholder={channel === 'email' ? 'you@example.com' : '+14155550100'}
            data-testid="step-test-to"
            value={to}
            onChange={(e) => setTo(e.target.value)}
          />
        )}
        <button type="submit" className="button" disabled={busy} data-testid="step-test-send-run">
          {busy ? 'Sending…' : form.action}
        </button>
      </div>
      {result && (
        <p
          className={result.ok ? 'muted small' : 'field__error'}
          role={result.ok ? 'status' : 'alert'}
          data-testid="step-test-send-result"
        >
          {result.text}
        </p>
      )}
      {result?.sent.map((sent, i) =>
        sent.channel === 'webhook' && sent.answer.trim() !== '' ? (
          <pre key={i} className="step-preview__code" data-testid="step-test-send-answer">
            {sent.answer}
          </pre>
        ) : null,
      )}
    </form>
  );
}

function sentText(sent: StepTestSent): string {
  switch (sent.channel) {
    case 'email':
      return sent.delivery === 'logged'
        ? `No e-mail server is set up: “${sent.subject}” was written to the server's log instead.`
        : `Sent “${sent.subject}” to ${sent.to}.`;
    case 'sms':
      return `Sent the text to ${sent.to} (provider id ${sent.providerMessageId}).`;
    case 'webhook':
      return `${sent.method} ${sent.url} answered ${sent.status}${statusWord(sent.status)} in ${sent.ms} ms.`;
    default: {
      const unknown: never = sent;
      return String(unknown);
    }
  }
}

function statusWord(status: number): string {
  if (status >= 200 && status < 300) return '';
  if (status >= 300 && status < 400) return ' (a redirect: journeys do not follow it)';
  return status >= 500
    ? ' (a server error: a journey would retry it)'
    : ' (refused: a journey would not retry it)';
}
