import type { JourneyNode } from '@switchyard/contracts';
import { useState } from 'react';
import { describeError } from '../../api/api-client';
import { api } from '../../app/api';
import { useSessionStore } from '../../auth/session.store';
import { useCan } from '../../auth/use-can.hook';

/** Sends the step's e-mail, as previewed, to an address of the marketer's ("[Test] ..."). */
export function TestSend({
  journeyId,
  node,
  customer,
  stale,
}: {
  journeyId: string;
  node: JourneyNode;
  customer: string;
  stale: boolean;
}) {
  const canSend = useCan('marketer');
  const own = useSessionStore((s) => (s.me?.actor.type === 'user' ? s.me.actor.email : ''));
  const [to, setTo] = useState(own);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  if (!canSend) return null;
  const send = async () => {
    setBusy(true);
    setResult(null);
    try {
      const sent = await api.journeys.testSend(journeyId, { node, customer, to: to.trim() });
      setResult({
        ok: true,
        text:
          sent.delivery === 'logged'
            ? `No e-mail server is set up: “${sent.subjects.join('”, “')}” was written to the server's log instead.`
            : `Sent “${sent.subjects.join('”, “')}” to ${sent.to}.`,
      });
    } catch (e) {
      setResult({ ok: false, text: describeError(e) });
    } finally {
      setBusy(false);
    }
  };
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
        Send a test of this e-mail{stale ? ' (as the settings are now)' : ''}
      </label>
      <div className="step-preview__form">
        <input
          id="step-test-to"
          type="email"
          required
          placeholder="you@example.com"
          data-testid="step-test-to"
          value={to}
          onChange={(e) => setTo(e.target.value)}
        />
        <button type="submit" className="button" disabled={busy} data-testid="step-test-send-run">
          {busy ? 'Sending…' : 'Send test'}
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
    </form>
  );
}
