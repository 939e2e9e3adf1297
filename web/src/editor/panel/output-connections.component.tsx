import { DEFAULT_OUTPUT, TRIGGER_NODE_TYPE } from '@switchyard/contracts';
import { useShallow } from 'zustand/react/shallow';
import { nodeTitle } from '../nodes/node-appearance';
import type { OutputSpec } from '@switchyard/contracts';
import { useEditorStore } from '../store/editor.store';

interface OutputConnectionsProps {
  nodeId: string;
  outputs: readonly OutputSpec[];
}

/** "Then go to…" per output: connects nodes without dragging (keyboard users, tests). */
export function OutputConnections({ nodeId, outputs }: OutputConnectionsProps) {
  const targets = useEditorStore(
    useShallow((s) =>
      s.nodes
        .filter((n) => n.id !== nodeId && n.data.nodeType !== TRIGGER_NODE_TYPE)
        .map((n) => `${n.id}\u0000${nodeTitle(n.data, s.registry[n.data.nodeType])}`),
    ),
  );
  const current = useEditorStore(
    useShallow((s) =>
      outputs.map(
        (o) =>
          s.edges.find((e) => e.source === nodeId && (e.sourceHandle ?? DEFAULT_OUTPUT) === o.key)
            ?.target ?? '',
      ),
    ),
  );
  const connectOutput = useEditorStore((s) => s.connectOutput);
  if (outputs.length === 0) return <p className="muted">This step ends the journey.</p>;

  return (
    <div className="schema-form">
      {outputs.map((output, i) => {
        const id = `connect-${output.key}`;
        return (
          <div className="field" key={output.key}>
            <label className="field__label" htmlFor={id}>
              {outputs.length === 1 && output.key === DEFAULT_OUTPUT
                ? 'Then go to…'
                : `“${output.label}”${output.detail ? ` (${output.detail})` : ''} goes to…`}
            </label>
            <select
              id={id}
              data-testid={id}
              value={current[i] ?? ''}
              onChange={(e) => connectOutput(nodeId, output.key, e.target.value || null)}
            >
              <option value="">— nothing (end here) —</option>
              {targets.map((entry) => {
                const [targetId = '', title = ''] = entry.split('\u0000');
                return (
                  <option key={targetId} value={targetId}>
                    {title} ({targetId})
                  </option>
                );
              })}
            </select>
          </div>
        );
      })}
    </div>
  );
}
