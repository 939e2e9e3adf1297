import { Panel } from '@xyflow/react';
import { useShallow } from 'zustand/react/shallow';
import { autoLayout } from '../layout/auto-layout';
import { shownOutputs } from '@switchyard/contracts';
import { useEditorStore } from '../store/editor.store';
import { canRedo, canUndo } from '../store/history.store';
import { useFitJourney } from './use-fit-journey.hook';

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
const MOD = isMac ? '⌘' : 'Ctrl+';

/** Undo / redo and automatic layout, floating over the canvas. */
export function CanvasToolbar() {
  const { undoable, redoable, readOnly, undo, redo } = useEditorStore(
    useShallow((s) => ({
      undoable: canUndo(s.history),
      redoable: canRedo(s.history),
      readOnly: s.preview !== null,
      undo: s.undo,
      redo: s.redo,
    })),
  );
  const fit = useFitJourney();
  if (readOnly) return null;

  const arrange = () => {
    const { nodes, edges, registry, applyLayout } = useEditorStore.getState();
    const outputOrder = Object.fromEntries(
      nodes.map((n) => [n.id, shownOutputs(n.data, registry[n.data.nodeType]).map((o) => o.key)]),
    );
    const trigger = nodes.find((n) => n.data.nodeType === 'trigger');
    const positions = autoLayout(
      nodes.map((n) => ({
        id: n.id,
        position: n.position,
        ...(n.measured?.width ? { width: n.measured.width } : {}),
        ...(n.measured?.height ? { height: n.measured.height } : {}),
      })),
      edges,
      { outputOrder, ...(trigger ? { anchorId: trigger.id } : {}) },
    );
    applyLayout(positions);
    window.setTimeout(fit, 30);
  };

  return (
    <Panel position="top-left" className="canvas-toolbar" data-testid="canvas-toolbar">
      <button
        type="button"
        className="canvas-toolbar__button"
        data-testid="undo"
        disabled={!undoable}
        title={`Undo (${MOD}Z)`}
        aria-label="Undo"
        onClick={undo}
      >
        ↶ Undo
      </button>
      <button
        type="button"
        className="canvas-toolbar__button"
        data-testid="redo"
        disabled={!redoable}
        title={`Redo (${isMac ? '⇧⌘Z' : 'Ctrl+Y'})`}
        aria-label="Redo"
        onClick={redo}
      >
        ↷ Redo
      </button>
      <span className="canvas-toolbar__divider" />
      <button
        type="button"
        className="canvas-toolbar__button"
        data-testid="auto-layout"
        title="Arrange the steps top to bottom"
        onClick={arrange}
      >
        ⇅ Arrange
      </button>
    </Panel>
  );
}
