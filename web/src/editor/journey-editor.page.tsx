import { ReactFlowProvider } from '@xyflow/react';
import { useEffect, useState } from 'react';
import { api } from '../app/api';
import { describeError } from '../api/api-client';
import { JourneyCanvas } from './canvas/journey-canvas.component';
import { NodePalette } from './canvas/node-palette.component';
import { SettingsPanel } from './panel/settings-panel.component';
import { useJourneyStats } from './stats/use-journey-stats.hook';
import { openJourney } from './store/editor.actions';
import { useEditorStore } from './store/editor.store';
import { EditorToolbar } from './toolbar/editor-toolbar.component';

type LoadState = { state: 'loading' } | { state: 'ready' } | { state: 'error'; message: string };

/** The journey editor: palette | canvas | settings, with the toolbar on top. */
export function JourneyEditorPage({ journeyId }: { journeyId: string }) {
  const [load, setLoad] = useState<LoadState>({ state: 'loading' });
  const dirty = useEditorStore((s) => s.dirty);

  useEffect(() => {
    let cancelled = false;
    setLoad({ state: 'loading' });
    openJourney(api, journeyId).then(
      () => !cancelled && setLoad({ state: 'ready' }),
      (error: unknown) => !cancelled && setLoad({ state: 'error', message: describeError(error) }),
    );
    return () => {
      cancelled = true;
    };
  }, [journeyId]);

  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  useJourneyStats(api);

  if (load.state === 'loading') return <div className="page-message">Loading journey…</div>;
  if (load.state === 'error')
    return (
      <div className="page-message page-message--error" role="alert">
        Could not open this journey: {load.message}
      </div>
    );
  return (
    <ReactFlowProvider>
      <div className="editor" data-testid="journey-editor">
        <EditorToolbar />
        <div className="editor__body">
          <NodePalette />
          <JourneyCanvas />
          <SettingsPanel />
        </div>
      </div>
    </ReactFlowProvider>
  );
}
