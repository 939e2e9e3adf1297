import { DEFAULT_OUTPUT, TRIGGER_NODE_TYPE } from '@switchyard/contracts';
import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { EditorNode } from '../serialization/editor-graph.types';
import { useEditorStore } from '../store/editor.store';
import { categoryColor, iconText } from './node-appearance';
import { outputsOf } from './node-registry';
import { summarizeNode } from './node-summary';
import { NodeStatsBadge } from './node-stats.component';

const NO_ISSUES: string[] = [];

/** Every journey node on the canvas: title, one-line summary, error badge, counts, outputs. */
function JourneyNodeView({ id, data, selected }: NodeProps<EditorNode>) {
  const view = useEditorStore((s) => s.registry[data.nodeType]);
  const segments = useEditorStore((s) => s.segments);
  const issues = useEditorStore(useShallow((s) => s.issuesByNode[id] ?? NO_ISSUES));
  const usedHandles = useEditorStore(
    useShallow((s) =>
      s.edges.filter((e) => e.source === id).map((e) => e.sourceHandle ?? DEFAULT_OUTPUT),
    ),
  );
  const isTrigger = data.nodeType === TRIGGER_NODE_TYPE;
  const outputs = outputsOf(data, view, usedHandles);
  const summary = summarizeNode(data, view, segments);
  const color = categoryColor(view?.category ?? 'unknown');
  const classes = [
    'jnode',
    isTrigger && 'jnode--trigger',
    selected && 'jnode--selected',
    issues.length > 0 && 'jnode--error',
  ]
    .filter(Boolean)
    .join(' ');

  return (
    <div
      className={classes}
      data-testid={`node-${id}`}
      data-node-type={data.nodeType}
      style={{ borderTopColor: color }}
    >
      {!isTrigger && <Handle type="target" position={Position.Top} className="jnode__handle" />}
      <div className="jnode__header">
        <span className="jnode__icon" style={{ background: color }} aria-hidden>
          {iconText(view, data.nodeType)}
        </span>
        <span className="jnode__title">{data.label || view?.title || data.nodeType}</span>
        {issues.length > 0 && (
          <span
            className="jnode__error-badge"
            title={issues.join('\n')}
            data-testid={`node-errors-${id}`}
          >
            {issues.length}
          </span>
        )}
      </div>
      {summary && <div className="jnode__summary">{summary}</div>}
      {issues.length > 0 && <div className="jnode__issue">{issues[0]}</div>}
      <NodeStatsBadge nodeId={id} />
      {outputs.length === 1 && outputs[0] === DEFAULT_OUTPUT ? (
        <Handle
          type="source"
          id={DEFAULT_OUTPUT}
          position={Position.Bottom}
          className="jnode__handle"
        />
      ) : (
        outputs.length > 0 && (
          <div className="jnode__outputs">
            {outputs.map((output) => (
              <div key={output} className="jnode__output">
                <span>{output}</span>
                <Handle
                  type="source"
                  id={output}
                  position={Position.Bottom}
                  className="jnode__handle"
                />
              </div>
            ))}
          </div>
        )
      )}
    </div>
  );
}

export const JourneyNodeComponent = memo(JourneyNodeView);
