import { Panel } from '@xyflow/react';
import { api } from '../../app/api';
import { formatDate } from '../../shared/format';
import { previewVersion, restoreVersion } from '../store/editor.actions';
import { useEditorStore } from '../store/editor.store';

/** Shown while a published version is on the canvas instead of the draft. */
export function VersionBanner() {
  const preview = useEditorStore((s) => s.preview);
  const busy = useEditorStore((s) => s.activity !== 'idle');
  if (!preview) return null;
  return (
    <Panel position="top-center" className="version-banner" data-testid="version-banner">
      <span title={`Published ${formatDate(preview.detail.publishedAt)}`}>
        Viewing <strong>version {preview.version}</strong> (read-only)
      </span>
      <button
        type="button"
        className="button button--small"
        data-testid="version-restore-banner"
        disabled={busy}
        onClick={() => void restoreVersion(api, preview.detail)}
      >
        Restore to draft
      </button>
      <button
        type="button"
        className="button button--small button--primary"
        data-testid="version-back"
        onClick={() => previewVersion(null)}
      >
        Back to draft
      </button>
    </Panel>
  );
}
