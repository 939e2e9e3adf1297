import { useShallow } from 'zustand/react/shallow';
import { api } from '../../app/api';
import { Link } from '../../app/link.component';
import { publishJourney, saveJourney } from '../store/editor.actions';
import { useEditorStore } from '../store/editor.store';
import { journeyStatusLabel } from './journey-status';

/** Journey name, status, save / publish, and the outcome of the last action. */
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
  if (!journey) return null;
  const status = journeyStatusLabel(journey);
  const busy = activity !== 'idle';

  return (
    <header className="toolbar">
      <Link to={{ page: 'journeys' }} className="toolbar__back">
        ← Journeys
      </Link>
      <h1 className="toolbar__title" data-testid="journey-name">
        {journey.name}
      </h1>
      <span
        className={`status-chip status-chip--${status.startsWith('Live') ? 'live' : journey.status}`}
        data-testid="journey-status"
      >
        {status}
      </span>
      {dirty && (
        <span className="toolbar__dirty" data-testid="journey-dirty">
          Unsaved changes
        </span>
      )}
      <span className="toolbar__spacer" />
      {notice && (
        <span
          className={`toolbar__notice toolbar__notice--${notice.kind}`}
          data-testid="editor-notice"
          role="status"
        >
          {notice.text}
        </span>
      )}
      <button
        type="button"
        className="button"
        data-testid="save-journey"
        disabled={busy}
        onClick={() => void saveJourney(api)}
      >
        {activity === 'saving' ? 'Saving…' : 'Save'}
      </button>
      <button
        type="button"
        className="button button--primary"
        data-testid="publish-journey"
        disabled={busy}
        title={issueCount > 0 ? `${issueCount} problem(s) to fix first` : 'Publish a new version'}
        onClick={() => void publishJourney(api)}
      >
        {activity === 'publishing' ? 'Publishing…' : 'Publish'}
      </button>
    </header>
  );
}
