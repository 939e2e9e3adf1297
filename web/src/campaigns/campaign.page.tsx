import { LoadFailed } from '../shared/load-failed.component';
import {
  type CampaignKind,
  campaignKinds,
  type CampaignPreview,
  type CampaignTone,
  campaignTones,
  type CampaignView,
  MAX_CAMPAIGN_HOLDOUT_PERCENT,
  type UpdateCampaignBody,
} from '@switchyard/contracts';
import { useCallback, useEffect, useState } from 'react';
import { describeError } from '../api/api-client';
import { api } from '../app/api';
import { Link } from '../app/link.component';
import { navigate } from '../app/router';
import { DeleteButton } from '../shared/delete-button.component';
import { formatCount } from '../shared/format';
import { useResource } from '../shared/use-resource.hook';
import { KIND_TITLES, TONE_TITLES } from './campaign-labels';
import { CampaignResults } from './campaign-results.component';
import { useCan } from '../auth/use-can.hook';

/** A campaign: edit and preview the draft, launch it, then watch sends and conversion. */
export function CampaignPage({ campaignId }: { campaignId: string }) {
  const [campaign, reload] = useResource(() => api.campaigns.get(campaignId), [campaignId]);
  switch (campaign.state) {
    case 'loading':
      return <div className="page-message">Loading campaign…</div>;
    case 'error':
      return (
        <LoadFailed
          what="the campaign"
          error={campaign.error}
          onRetry={reload}
          back={{ to: { page: 'campaigns' }, label: '← Campaigns' }}
        />
      );
    case 'ready':
      return <CampaignEditor initial={campaign.data} />;
    default: {
      const never: never = campaign;
      throw new Error(`unknown state ${JSON.stringify(never)}`);
    }
  }
}

const DRAFT_FIELDS = ['subject', 'preheader', 'html', 'text', 'holdoutPercent', 'topicId'] as const;
type Draft = Pick<CampaignView, (typeof DRAFT_FIELDS)[number]>;

/** The editable part of a campaign (what PATCH takes). */
function draftOf(campaign: CampaignView): Draft {
  const { subject, preheader, html, text, holdoutPercent, topicId } = campaign;
  return { subject, preheader, html, text, holdoutPercent, topicId };
}

function CampaignEditor({ initial }: { initial: CampaignView }) {
  const [campaign, setCampaign] = useState(initial);
  const [draft, setDraft] = useState<Draft>(() => draftOf(initial));
  const [message, setMessage] = useState<{ kind: 'error' | 'success'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [previewFor, setPreviewFor] = useState('');
  const [preview, setPreview] = useState<CampaignPreview | null>(null);
  const launched = campaign.status === 'launched';
  const canEdit = useCan('marketer');
  const dirty = DRAFT_FIELDS.some((k) => draft[k] !== campaign[k]);
  const [topics] = useResource(() => api.topics.list(), []);

  const showPreview = useCallback(
    async (customer?: string) => {
      try {
        setPreview(await api.campaigns.preview(campaign.id, customer || undefined));
      } catch (error) {
        setPreview(null);
        setMessage({ kind: 'error', text: `Preview: ${describeError(error)}` });
      }
    },
    [campaign.id],
  );
  useEffect(() => {
    void showPreview();
  }, [showPreview]);

  /** True when saved. */
  const save = async (body: UpdateCampaignBody): Promise<boolean> => {
    setBusy(true);
    setMessage(null);
    try {
      const saved = await api.campaigns.update(campaign.id, body);
      setCampaign(saved);
      setDraft(draftOf(saved));
      setMessage({ kind: 'success', text: 'Saved.' });
      await showPreview(previewFor);
      return true;
    } catch (error) {
      setMessage({ kind: 'error', text: describeError(error) });
      return false;
    } finally {
      setBusy(false);
    }
  };

  const launch = async () => {
    // Launch what is on screen: unsaved edits are saved first, and a failed save stops it.
    if (dirty && !(await save(draft))) return;
    setBusy(true);
    try {
      setCampaign(await api.campaigns.launch(campaign.id));
      setMessage({ kind: 'success', text: 'Launched: the e-mails are on their way.' });
    } catch (error) {
      setMessage({ kind: 'error', text: describeError(error) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="page page--wide campaign">
      <header className="page__header">
        <div>
          <Link to={{ page: 'campaigns' }} className="muted small">
            ← Campaigns
          </Link>
          <h1 data-testid="campaign-title">{campaign.name}</h1>
          <p className="muted">
            {KIND_TITLES[campaign.kind]} · {TONE_TITLES[campaign.tone]} · to “
            {campaign.audienceName}” ({formatCount(campaign.audienceSize)}{' '}
            {campaign.audienceSize === 1 ? 'customer' : 'customers'}
            {/* Before launch: who will be skipped. After, the results say what happened. */}
            {!launched && campaign.audienceUnsubscribed > 0 && (
              <span data-testid="campaign-unsubscribed">
                , {formatCount(campaign.audienceUnsubscribed)} of them unsubscribed from e-mail
                {campaign.topicName ? ` or “${campaign.topicName}”` : ''} and skipped
              </span>
            )}
            ) · <strong data-testid="campaign-status">{campaign.status}</strong>
          </p>
        </div>
        <div className="page__header-actions">
          {!launched && canEdit && (
            <>
              <button
                type="button"
                className="button"
                data-testid="campaign-save"
                disabled={!dirty || busy}
                onClick={() => void save(draft)}
              >
                Save
              </button>
              <button
                type="button"
                className="button button--primary"
                data-testid="campaign-launch"
                disabled={busy || campaign.audienceSize === 0}
                onClick={() => void launch()}
              >
                Launch to {formatCount(campaign.audienceSize)}
                {draft.holdoutPercent > 0 ? ` (${draft.holdoutPercent}% held out)` : ''}
              </button>
            </>
          )}
          <DeleteButton
            what={`the campaign "${campaign.name}"`}
            consequence={
              launched
                ? `Its journey and results go with it; the e-mails already sent still count toward frequency caps, and the audience "${campaign.audienceName}" stays.`
                : `The audience "${campaign.audienceName}" stays.`
            }
            testId="campaign-delete"
            onDelete={() => api.campaigns.remove(campaign.id)}
            onDeleted={() => navigate({ page: 'campaigns' }, { replace: true })}
          />
        </div>
      </header>
      {message && (
        <p
          className={`banner banner--${message.kind === 'error' ? 'error' : 'success'}`}
          role={message.kind === 'error' ? 'alert' : 'status'}
          data-testid="campaign-message"
        >
          {message.text}
        </p>
      )}
      {launched && <CampaignResults campaign={campaign} />}
      <div className="campaign__layout">
        <section className="card campaign__form">
          {launched ? (
            <p className="muted campaign__locked" data-testid="campaign-locked">
              This is the content that was sent: a launched campaign cannot be changed.
            </p>
          ) : (
            <Regenerate campaign={campaign} busy={busy} onRegenerate={(b) => void save(b)} />
          )}
          <Field label="Subject">
            <input
              type="text"
              data-testid="campaign-subject"
              value={draft.subject}
              disabled={launched}
              onChange={(e) => setDraft({ ...draft, subject: e.target.value })}
            />
          </Field>
          <Field label="Preheader (the line after the subject in the inbox)">
            <input
              type="text"
              data-testid="campaign-preheader"
              value={draft.preheader}
              disabled={launched}
              onChange={(e) => setDraft({ ...draft, preheader: e.target.value })}
            />
          </Field>
          <Field label="HTML body (Handlebars)">
            <textarea
              rows={12}
              className="mono"
              data-testid="campaign-html"
              value={draft.html}
              disabled={launched}
              onChange={(e) => setDraft({ ...draft, html: e.target.value })}
            />
          </Field>
          <Field label="Text body">
            <textarea
              rows={7}
              className="mono"
              data-testid="campaign-text"
              value={draft.text}
              disabled={launched}
              onChange={(e) => setDraft({ ...draft, text: e.target.value })}
            />
          </Field>
          <Field
            label={`Holdout: customers who get nothing, to measure the lift (0-${MAX_CAMPAIGN_HOLDOUT_PERCENT}%)`}
          >
            <input
              type="number"
              min={0}
              max={MAX_CAMPAIGN_HOLDOUT_PERCENT}
              data-testid="campaign-holdout"
              value={draft.holdoutPercent}
              disabled={launched}
              onChange={(e) => setDraft({ ...draft, holdoutPercent: Number(e.target.value) })}
            />
          </Field>
          <Field label="Subscription topic: customers who left it are skipped, and its unsubscribe link offers to leave this topic only">
            <select
              data-testid="campaign-topic"
              value={draft.topicId ?? ''}
              disabled={launched}
              onChange={(e) => setDraft({ ...draft, topicId: e.target.value || null })}
            >
              <option value="">No topic</option>
              {campaign.topicId &&
                topics.state === 'ready' &&
                !topics.data.some((t) => t.id === campaign.topicId) && (
                  <option value={campaign.topicId}>{campaign.topicName ?? 'Deleted topic'}</option>
                )}
              {topics.state === 'ready' &&
                topics.data.map((t) => (
                  <option key={t.id} value={t.id}>
                    {t.name}
                  </option>
                ))}
            </select>
          </Field>
        </section>
        <section className="card campaign__preview" data-testid="campaign-preview">
          <form
            className="campaign__preview-for"
            onSubmit={(e) => {
              e.preventDefault();
              void showPreview(previewFor);
            }}
          >
            <input
              type="text"
              placeholder="Preview for customer (external id)"
              data-testid="campaign-preview-customer"
              value={previewFor}
              onChange={(e) => setPreviewFor(e.target.value)}
            />
            <button type="submit" className="button" data-testid="campaign-preview-show">
              Preview
            </button>
          </form>
          {dirty && <p className="muted small">Save to preview your changes.</p>}
          {preview && (
            <div className="mail-preview">
              <p className="muted small" data-testid="campaign-preview-to">
                To {preview.customer.email ?? '(no e-mail)'} · customer{' '}
                {preview.customer.externalId}
              </p>
              <p className="mail-preview__subject" data-testid="campaign-preview-subject">
                {preview.subject}
              </p>
              <p className="muted small">{preview.preheader}</p>
              <iframe
                title="E-mail preview"
                className="mail-preview__body"
                sandbox=""
                srcDoc={preview.html}
                data-testid="campaign-preview-html"
              />
            </div>
          )}
        </section>
      </div>
    </div>
  );
}

function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <label className="field">
      <span className="field__label">{label}</span>
      {children}
    </label>
  );
}

function Regenerate({
  campaign,
  busy,
  onRegenerate,
}: {
  campaign: CampaignView;
  busy: boolean;
  onRegenerate: (body: UpdateCampaignBody) => void;
}) {
  const [kind, setKind] = useState<CampaignKind>(campaign.kind);
  const [tone, setTone] = useState<CampaignTone>(campaign.tone);
  return (
    <div className="campaign__regenerate">
      <select
        value={kind}
        onChange={(e) => setKind(e.target.value as CampaignKind)}
        data-testid="campaign-kind"
      >
        {campaignKinds.map((k) => (
          <option key={k} value={k}>
            {KIND_TITLES[k]}
          </option>
        ))}
      </select>
      <select
        value={tone}
        onChange={(e) => setTone(e.target.value as CampaignTone)}
        data-testid="campaign-tone"
      >
        {campaignTones.map((t) => (
          <option key={t} value={t}>
            {TONE_TITLES[t]}
          </option>
        ))}
      </select>
      <button
        type="button"
        className="button button--ghost"
        disabled={busy}
        title="Replace subject, preheader and bodies with the library's content for this kind and tone"
        onClick={() => onRegenerate({ kind, tone, regenerate: true })}
      >
        Rewrite from library
      </button>
    </div>
  );
}
