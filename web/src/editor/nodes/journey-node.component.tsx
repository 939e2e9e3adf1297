import { DEFAULT_OUTPUT, TRIGGER_NODE_TYPE } from '@switchyard/contracts';
import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { EditorNode } from '../serialization/editor-graph.types';
import { useEditorStore } from '../store/editor.store';
import { useReferencesStore } from '../store/references.store';
import { useWalkPathStore } from '../store/walk-path.store';
import { categoryColor, nodeTitle } from './node-appearance';
import { NodeIcon } from './node-icon.component';
import { isPlainOutput, shownOutputs } from '@switchyard/contracts';
import { summarizeNode } from './node-summary';
import { NodeStatsBadge, OutputCount } from './node-stats.component';

const NO_ISSUES: string[] = [];
const OUTPUT_WIDTH = 92;
const NODE_WIDTH = 230;

/** Every journey node on the canvas: title, one-line summary, error badge, counts, outputs. */
function JourneyNodeView({ id, data, selected }: NodeProps<EditorNode>) {
  const view = useEditorStore((s) => s.registry[data.nodeType]);
  const refs = useReferencesStore(
    useShallow((s) => ({ segments: s.segments, groups: s.groups, audiences: s.audiences })),
  );
  const previewing = useEditorStore((s) => s.preview !== null);
  const issues = useEditorStore(
    useShallow((s) => (s.preview ? NO_ISSUES : (s.issuesByNode[id] ?? NO_ISSUES))),
  );
  const usedHandles = useEditorStore(
    useShallow((s) =>
      (s.preview?.edges ?? s.edges)
        .filter((e) => e.source === id)
        .map((e) => e.sourceHandle ?? DEFAULT_OUTPUT),
    ),
  );
  const isTrigger = data.nodeType === TRIGGER_NODE_TYPE;
  // On the path of the last "Try the journey on a customer" (the trigger starts it).
  const walkStep = useWalkPathStore((s) => s.nodeIds.indexOf(id));
  const walking = useWalkPathStore((s) => s.nodeIds.length > 0);
  const onWalk = walkStep >= 0 || (isTrigger && walking);
  const outputs = shownOutputs(data, view, usedHandles);
  const summary = summarizeNode(data, view, refs);
  const color = categoryColor(view?.category ?? 'unknown');
  const classes = [
    'jnode',
    isTrigger && 'jnode--trigger',
    selected && 'jnode--selected',
    issues.length > 0 && 'jnode--error',
    previewing && 'jnode--readonly',
    onWalk && 'jnode--walked',
  ]
    .filter(Boolean)
    .join(' ');
  const labelled = !isPlainOutput(outputs) && outputs.length > 0;
  const width = labelled ? Math.max(NODE_WIDTH, outputs.length * OUTPUT_WIDTH) : NODE_WIDTH;

  return (
    <div
      className={classes}
      data-testid={`node-${id}`}
      data-node-type={data.nodeType}
      data-walk-step={walkStep >= 0 ? walkStep + 1 : undefined}
      style={{ borderTopColor: color, width }}
    >
      {!isTrigger && <Handle type="target" position={Position.Top} className="jnode__handle" />}
      <div className="jnode__header">
        <span className="jnode__icon" style={{ background: color }} aria-hidden>
          <NodeIcon view={view} fallback={data.nodeType} />
        </span>
        <span className="jnode__title">{nodeTitle(data, view)}</span>
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
      {summary && (
        <div className="jnode__summary" title={summary}>
          {summary}
        </div>
      )}
      {issues.length > 0 && <div className="jnode__issue">{issues[0]}</div>}
      <NodeStatsBadge nodeId={id} />
      {!labelled ? (
        outputs.length > 0 && (
          <Handle
            type="source"
            id={DEFAULT_OUTPUT}
            position={Position.Bottom}
            className="jnode__handle"
          />
        )
      ) : (
        <div className="jnode__outputs">
          {outputs.map((output) => (
            <div
              key={output.key}
              className={`jnode__output jnode__output--${output.key === 'holdout' ? 'holdout' : 'branch'}`}
              data-testid={`node-output-${id}-${output.key}`}
              title={output.detail ? `${output.label} · ${output.detail}` : output.label}
            >
              <span className="jnode__output-label">{output.label}</span>
              {output.detail && <span className="jnode__output-detail">{output.detail}</span>}
              <OutputCount nodeId={id} output={output.key} />
              <Handle
                type="source"
                id={output.key}
                position={Position.Bottom}
                className="jnode__handle"
              />
            </div>
          ))}
        </div>
      )}
    </div>
  );
}

export const JourneyNodeComponent = memo(JourneyNodeView);
