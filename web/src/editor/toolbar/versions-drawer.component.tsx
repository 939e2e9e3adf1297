import type { JourneyVersionDetail } from '@switchyard/contracts';
import { useEffect, useState } from 'react';
import { describeError } from '../../api/api-client';
import { api } from '../../app/api';
import { formatDate } from '../../shared/format';
import { listVersions, previewVersion, restoreVersion } from '../store/editor.actions';
import { useEditorStore } from '../store/editor.store';

type Load =
  | { state: 'loading' }
  | { state: 'ready'; versions: JourneyVersionDetail[] }
  | { state: 'error'; message: string };

/** Published versions, newest first: view one on the canvas, or copy it into the draft. */
export function VersionsDrawer({ onClose }: { onClose: () => void }) {
  const journeyId = useEditorStore((s) => s.journey?.id ?? '');
  const previewId = useEditorStore((s) => s.preview?.versionId ?? null);
  const busy = useEditorStore((s) => s.activity !== 'idle');
  const [load, setLoad] = useState<Load>({ state: 'loading' });

  useEffect(() => {
    let cancelled = false;
    listVersions(api, journeyId).then(
      (versions) => !cancelled && setLoad({ state: 'ready', versions }),
      (error: unknown) => !cancelled && setLoad({ state: 'error', message: describeError(error) }),
    );
    return () => {
      cancelled = true;
    };
  }, [journeyId]);

  return (
    <aside className="drawer" aria-label="Versions" data-testid="versions-drawer">
      <header className="drawer__header">
        <h2>Versions</h2>
        <button
          type="button"
          className="icon-button"
          aria-label="Close"
          data-testid="versions-close"
          onClick={onClose}
        >
          ×
        </button>
      </header>
      <p className="muted small drawer__intro">
        Each publish makes a version. View one on the canvas with its counts, or copy it into the
        draft to start from it.
      </p>
      {load.state === 'loading' && <p className="muted">Loading…</p>}
      {load.state === 'error' && (
        <p className="field__error" role="alert">
          Could not load versions: {load.message}
        </p>
      )}
      {load.state === 'ready' && load.versions.length === 0 && (
        <p className="muted">Nothing published yet.</p>
      )}
      {load.state === 'ready' && (
        <ol className="versions">
          {load.versions.map((version) => (
            <li
              key={version.id}
              className={`versions__item${previewId === version.id ? ' versions__item--on' : ''}`}
              data-testid={`version-${version.version}`}
            >
              <div className="versions__head">
                <strong>Version {version.version}</strong>
                {version.live && <span className="status-chip status-chip--live">Live</span>}
              </div>
              <div className="muted small">Published {formatDate(version.publishedAt)}</div>
              <div className="small" data-testid={`version-${version.version}-enrollments`}>
                {version.enrollments.total.toLocaleString()} entered ·{' '}
                {version.enrollments.active.toLocaleString()} still in it
              </div>
              <div className="versions__actions">
                {previewId === version.id ? (
                  <button
                    type="button"
                    className="button button--small"
                    onClick={() => previewVersion(null)}
                  >
                    Back to draft
                  </button>
                ) : (
                  <button
                    type="button"
                    className="button button--small"
                    data-testid={`version-${version.version}-view`}
                    onClick={() => previewVersion(version)}
                  >
                    View
                  </button>
                )}
                <button
                  type="button"
                  className="button button--small button--ghost"
                  data-testid={`version-${version.version}-restore`}
                  disabled={busy}
                  onClick={() => void restoreVersion(api, version)}
                >
                  Restore to draft
                </button>
              </div>
            </li>
          ))}
        </ol>
      )}
    </aside>
  );
}
