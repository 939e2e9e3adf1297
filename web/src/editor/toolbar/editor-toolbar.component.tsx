import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { api } from '../../app/api';
import { Link } from '../../app/link.component';
import { navigate } from '../../app/router';
import { DeleteButton } from '../../shared/delete-button.component';
import { changeStatus, publishJourney, saveJourney } from '../store/editor.actions';
import { useEditorStore } from '../store/editor.store';
import {
  journeyStatusLabel,
  statusActions,
  statusReasonText,
  statusTone,
  type StatusButton,
} from './journey-status';
import { VersionsDrawer } from './versions-drawer.component';
import { useCan } from '../../auth/use-can.hook';

const STATUS_LABELS: Record<StatusButton, string> = {
  pause: 'Pause',
  resume: 'Resume',
  stop: 'Stop',
};

/** Journey name, status, save / publish / pause / resume / stop, versions, last outcome. */
export function EditorToolbar() {
  const { journey, dirty, activity, notice, issueCount } = useEditorStore(
    useShallow((s) => ({
      journey: s.journey,
      dirty: s.dirty,
      activity: s.activity,
      notice: s.notice,
      issueCount: s.issues.length,
    })),
  );
  const [confirmStop, setConfirmStop] = useState(false);
  const [showVersions, setShowVersions] = useState(false);
  const canEdit = useCan('marketer');
  if (!journey) return null;
  const busy = activity !== 'idle';
  const published = journey.liveVersion !== null;
  const unpublished = published && (journey.hasUnpublishedChanges || dirty);
  // One chip at a time: unsaved edits first; once saved, that the draft is not live yet.
  const showUnpublished = unpublished && !dirty;
  const reason = statusReasonText(journey);
  const onStatus = (action: StatusButton) => {
    if (action === 'stop') return setConfirmStop(true);
    void changeStatus(api, action);
  };

  return (
    <header className="toolbar">
      <Link to={{ page: 'journeys' }} className="toolbar__back">
        ← Journeys
      </Link>
      <h1 className="toolbar__title" data-testid="journey-name">
        {journey.name}
      </h1>
      <span
        className={`status-chip status-chip--${statusTone(journey)}`}
        data-testid="journey-status"
      >
        {journeyStatusLabel(journey)}
      </span>
      {reason && (
        <span className="toolbar__reason" data-testid="journey-status-reason" title={reason}>
          {reason}
        </span>
      )}
      {dirty && (
        <span className="toolbar__dirty" data-testid="journey-dirty">
          Unsaved changes
        </span>
      )}
      {showUnpublished && (
        <span
          className="toolbar__unpublished"
          data-testid="journey-unpublished"
          title="The draft differs from the live version; publish to make it live."
        >
          Unpublished changes
        </span>
      )}
      <span className="toolbar__spacer" />
      {notice && (
        <span
          className={`toolbar__notice toolbar__notice--${notice.kind}`}
          data-testid="editor-notice"
          role="status"
          title={notice.text}
        >
          {notice.text}
        </span>
      )}
      {published && (
        <button
          type="button"
          className="button button--ghost"
          data-testid="open-versions"
          onClick={() => setShowVersions(true)}
        >
          Versions
        </button>
      )}
      {canEdit &&
        statusActions(journey.status, published).map((action) => (
          <button
            key={action}
            type="button"
            className={`button${action === 'stop' ? ' button--danger-outline' : ''}`}
            data-testid={`journey-${action}`}
            disabled={busy}
            onClick={() => onStatus(action)}
          >
            {STATUS_LABELS[action]}
          </button>
        ))}
      <DeleteButton
        what={`the journey "${journey.name}"`}
        consequence="Its draft, versions and the record of every customer's run go with it; e-mails and texts it sent still count toward frequency caps."
        blockedBy={
          journey.status === 'live' || journey.status === 'paused'
            ? 'Stop the journey before deleting it'
            : null
        }
        testId="journey-delete"
        onDelete={() => api.journeys.remove(journey.id)}
        onDeleted={() => navigate({ page: 'journeys' }, { replace: true })}
      />
      {canEdit && (
        <button
          type="button"
          className="button"
          data-testid="save-journey"
          disabled={busy}
          onClick={() => void saveJourney(api)}
        >
          {activity === 'saving' ? 'Saving…' : 'Save'}
        </button>
      )}
      {canEdit && (
        <button
          type="button"
          className="button button--primary"
          data-testid="publish-journey"
          disabled={busy}
          title={issueCount > 0 ? `${issueCount} problem(s) to fix first` : 'Publish a new version'}
          onClick={() => void publishJourney(api)}
        >
          {activity === 'publishing'
            ? 'Publishing…'
            : journey.status === 'stopped'
              ? 'Publish again'
              : unpublished
                ? 'Publish changes'
                : 'Publish'}
        </button>
      )}
      {confirmStop && (
        <div className="toolbar__confirm" role="alertdialog" data-testid="confirm-stop">
          <p>
            <strong>Stop this journey?</strong> Every customer in it leaves now and nobody new
            enters. Publishing again starts it afresh.
          </p>
          <button type="button" className="button" onClick={() => setConfirmStop(false)}>
            Keep running
          </button>
          <button
            type="button"
            className="button button--danger"
            data-testid="confirm-stop-yes"
            onClick={() => {
              setConfirmStop(false);
              void changeStatus(api, 'stop');
            }}
          >
            Stop journey
          </button>
        </div>
      )}
      {showVersions && <VersionsDrawer onClose={() => setShowVersions(false)} />}
    </header>
  );
}
