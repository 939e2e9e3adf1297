import type { DragEvent } from 'react';
import { useMemo } from 'react';
import { categoryColor } from '../nodes/node-appearance';
import { NodeIcon } from '../nodes/node-icon.component';
import { paletteGroups } from '../nodes/node-registry';
import { humanize } from '@switchyard/contracts';
import { useEditorStore } from '../store/editor.store';
import { PALETTE_MIME } from './palette-drag';

/** Node types from GET /api/node-types, by category. Click to add, or drag onto the canvas. */
export function NodePalette() {
  const nodeTypes = useEditorStore((s) => s.nodeTypes);
  const addNode = useEditorStore((s) => s.addNode);
  const readOnly = useEditorStore((s) => s.preview !== null);
  const groups = useMemo(() => paletteGroups(nodeTypes), [nodeTypes]);

  const onDragStart = (event: DragEvent<HTMLButtonElement>, type: string) => {
    event.dataTransfer.setData(PALETTE_MIME, type);
    event.dataTransfer.effectAllowed = 'move';
  };

  return (
    <aside className="palette" aria-label="Steps">
      <h2 className="palette__heading">Steps</h2>
      {groups.length === 0 && <p className="muted">No node types are available.</p>}
      {groups.map((group) => (
        <section key={group.category} className="palette__group">
          <h3 className="palette__category">{humanize(group.category)}</h3>
          {group.items.map((view) => (
            <button
              key={view.type}
              type="button"
              className="palette__item"
              draggable={!readOnly}
              disabled={readOnly}
              data-testid={`palette-item-${view.type}`}
              title={view.description}
              onClick={() => addNode(view.type)}
              onDragStart={(event) => onDragStart(event, view.type)}
            >
              <span
                className="palette__icon"
                style={{ background: categoryColor(view.category) }}
                aria-hidden
              >
                <NodeIcon view={view} fallback={view.type} />
              </span>
              <span className="palette__text">
                <span className="palette__title">{view.title}</span>
                <span className="palette__description">{view.description}</span>
              </span>
            </button>
          ))}
        </section>
      ))}
      <p className="palette__hint muted">
        {readOnly
          ? 'A published version is shown: go back to the draft to add steps.'
          : 'Click a step to add it after the selected one, or drag it onto the canvas. Undo with Ctrl+Z; copy and paste steps with Ctrl+C / Ctrl+V.'}
      </p>
    </aside>
  );
}
