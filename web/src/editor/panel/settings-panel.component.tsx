import { DEFAULT_OUTPUT, TRIGGER_NODE_TYPE, type GraphIssue } from '@switchyard/contracts';
import { useMemo, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { outputsRuleOf, shownOutputs } from '@switchyard/contracts';
import { JourneySettingsPanel } from '../settings/journey-settings.component';
import { useEditorStore } from '../store/editor.store';
import { TriggerPicker } from '../trigger/trigger-picker.component';
import { IssuesList } from './issues-list.component';
import { OutputConnections } from './output-connections.component';
import { nodeFromFlow } from '../serialization/graph-serialization';
import { SchemaForm } from './schema-form';
import { JourneyWalkSection } from './journey-walk.component';
import { StepPreviewSection } from './step-preview.component';
import { errorsByPath, validateConfig } from './schema-validation';

type Tab = 'step' | 'journey';

/** Right-hand panel: the selected step's settings, or the journey's; then all issues. */
export function SettingsPanel() {
  const selectedNodeId = useEditorStore((s) => s.selectedNodeId);
  const selectedCount = useEditorStore((s) => s.nodes.filter((n) => n.selected).length);
  const readOnly = useEditorStore((s) => s.preview !== null);
  const [tab, setTab] = useState<Tab>('step');
  const [lastSelected, setLastSelected] = useState(selectedNodeId);
  // Selecting a step brings its settings forward.
  if (selectedNodeId !== lastSelected) {
    setLastSelected(selectedNodeId);
    if (selectedNodeId) setTab('step');
  }
  return (
    <aside className="panel" aria-label="Settings">
      <div className="panel__tabs" role="tablist">
        {(['step', 'journey'] as const).map((t) => (
          <button
            key={t}
            type="button"
            role="tab"
            aria-selected={tab === t}
            className={`panel__tab${tab === t ? ' panel__tab--on' : ''}`}
            data-testid={`panel-tab-${t}`}
            onClick={() => setTab(t)}
          >
            {t === 'step' ? 'Step' : 'Journey settings'}
          </button>
        ))}
      </div>
      {tab === 'journey' ? (
        <JourneySettingsPanel />
      ) : selectedNodeId ? (
        <fieldset className="panel__fieldset" disabled={readOnly}>
          <NodeSettings key={selectedNodeId} nodeId={selectedNodeId} />
        </fieldset>
      ) : (
        <p className="muted panel__empty" data-testid="panel-empty">
          {selectedCount > 1
            ? `${selectedCount} steps selected. Copy them with Ctrl+C, delete them with Delete.`
            : 'Select a step to edit its settings, or add one from the left.'}
        </p>
      )}
      {!readOnly && <IssuesList />}
    </aside>
  );
}

/** Server issues on `graph.nodes[i].config.<path>` of this node, keyed by `<path>`. */
function serverConfigErrors(issues: readonly GraphIssue[], nodeId: string): Record<string, string> {
  const byPath: Record<string, string> = {};
  for (const issue of issues) {
    const path = issue.field ? /\.config\.(.+)$/.exec(issue.field)?.[1] : undefined;
    if (issue.nodeId === nodeId && path)
      byPath[path.replace(/\[(\d+)\]/g, '.$1')] ??= issue.message;
  }
  return byPath;
}

function NodeSettings({ nodeId }: { nodeId: string }) {
  const node = useEditorStore((s) => (s.preview?.nodes ?? s.nodes).find((n) => n.id === nodeId));
  const data = node?.data;
  const journeyId = useEditorStore((s) => s.journey?.id);
  const view = useEditorStore((s) => (data ? s.registry[data.nodeType] : undefined));
  const usedHandles = useEditorStore(
    useShallow((s) =>
      s.edges.filter((e) => e.source === nodeId).map((e) => e.sourceHandle ?? DEFAULT_OUTPUT),
    ),
  );
  // Output -> the name of the step it leads to (for the preview's "goes on to ...").
  const targets = useEditorStore(
    useShallow((s) => {
      const out: Record<string, string> = {};
      for (const edge of s.edges) {
        if (edge.source !== nodeId) continue;
        const target = s.nodes.find((n) => n.id === edge.target);
        if (target)
          out[edge.sourceHandle ?? DEFAULT_OUTPUT] =
            target.data.label || s.registry[target.data.nodeType]?.title || target.id;
      }
      return out;
    }),
  );
  const nodeIssues = useEditorStore(
    useShallow((s) => s.issues.filter((i) => i.nodeId === nodeId && i.origin !== 'settings')),
  );
  const { updateConfig, setLabel, removeNode } = useEditorStore(
    useShallow((s) => ({
      updateConfig: s.updateConfig,
      setLabel: s.setLabel,
      removeNode: s.removeNode,
    })),
  );
  const serverFieldErrors = useEditorStore(
    useShallow((s) => serverConfigErrors(s.serverIssues, nodeId)),
  );
  const errors = useMemo(
    () => ({
      ...serverFieldErrors,
      ...(data && view ? errorsByPath(validateConfig(view.configSchema, data.config)) : {}),
    }),
    [data, view, serverFieldErrors],
  );
  if (!node || !data) return null;
  const isTrigger = data.nodeType === TRIGGER_NODE_TYPE;
  const outputs = shownOutputs(data, view, usedHandles);

  return (
    <div className="panel__node" data-testid="settings-panel" data-node-id={nodeId}>
      <header className="panel__header">
        <h2>{view?.title ?? data.nodeType}</h2>
        <p className="muted small">
          {nodeId} · {data.nodeType}
          {data.typeVersion !== undefined && ` v${data.typeVersion}`}
        </p>
        {view?.description && <p className="panel__description">{view.description}</p>}
      </header>
      <div className="field">
        <label className="field__label" htmlFor="node-label">
          Name on canvas
        </label>
        <input
          id="node-label"
          data-testid="node-label"
          type="text"
          value={data.label ?? ''}
          placeholder={view?.title}
          maxLength={200}
          onChange={(e) => setLabel(nodeId, e.target.value)}
        />
      </div>
      <h3 className="panel__subheading">Settings</h3>
      {isTrigger ? (
        <TriggerPicker nodeId={nodeId} config={data.config} />
      ) : view ? (
        <SchemaForm
          schema={view.configSchema}
          value={data.config}
          errors={errors}
          outputsRule={view.outputs === 'dynamic' ? outputsRuleOf(view) : undefined}
          onChange={(config) => updateConfig(nodeId, config)}
        />
      ) : (
        <p className="field__error">
          The server does not know the node type “{data.nodeType}”. Remove this step or install its
          plugin.
        </p>
      )}
      <h3 className="panel__subheading">Next</h3>
      <OutputConnections nodeId={nodeId} outputs={outputs} />
      {nodeIssues.length > 0 && (
        <ul className="issues__list" data-testid="node-issues">
          {nodeIssues.map((issue, i) => (
            <li key={i} className={`issues__item issues__item--${issue.origin}`}>
              {issue.message}
            </li>
          ))}
        </ul>
      )}
      {isTrigger && journeyId && <JourneyWalkSection journeyId={journeyId} />}
      {!isTrigger && view && journeyId && (
        <StepPreviewSection
          journeyId={journeyId}
          node={nodeFromFlow(node)}
          outputs={outputs}
          targets={targets}
        />
      )}
      {!isTrigger && (
        <button
          type="button"
          className="button button--danger-ghost"
          data-testid="delete-node"
          onClick={() => removeNode(nodeId)}
        >
          Delete step
        </button>
      )}
    </div>
  );
}
