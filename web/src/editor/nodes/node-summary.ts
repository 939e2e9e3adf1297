import { TRIGGER_NODE_TYPE, type NodeTypeView } from '@switchyard/contracts';
import { deriveFields, type FormField } from '../panel/schema-fields';
import type { JourneyNodeData } from '../serialization/editor-graph.types';

export interface SegmentRef {
  id: string;
  name: string;
  color: string;
}

const MAX_PART = 36;

function shorten(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > MAX_PART ? `${oneLine.slice(0, MAX_PART - 1)}…` : oneLine;
}

function display(value: unknown): string | null {
  if (value === undefined || value === null || value === '') return null;
  if (typeof value === 'string') return shorten(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return null;
}

/** `x-summary: "{{amount}} {{unit}}"` in a node's schema controls its one-line summary. */
function fromTemplate(template: string, config: Record<string, unknown>): string {
  return shorten(
    template.replace(/\{\{\s*([\w.]+)\s*\}\}/g, (_, key: string) => display(config[key]) ?? '…'),
  );
}

function triggerSummary(
  config: Record<string, unknown>,
  segments: ReadonlyMap<string, SegmentRef>,
): string {
  const segmentId = typeof config['segmentId'] === 'string' ? config['segmentId'] : '';
  const segment = segments.get(segmentId);
  const verb = config['kind'] === 'segment_exited' ? 'Leaves' : 'Enters';
  if (!segmentId) return 'Choose a segment';
  return `${verb} ${segment ? segment.name : 'a deleted segment'}`;
}

function shortFields(fields: readonly FormField[]): FormField[] {
  const scalar = fields.filter(
    (f) => f.kind !== 'object' && f.kind !== 'json' && !(f.kind === 'text' && f.multiline),
  );
  return [...scalar.filter((f) => f.required), ...scalar.filter((f) => !f.required)];
}

/** One line that says what a node will do, from its settings. */
export function summarizeNode(
  data: JourneyNodeData,
  view: NodeTypeView | undefined,
  segments: ReadonlyMap<string, SegmentRef>,
): string {
  if (data.nodeType === TRIGGER_NODE_TYPE) return triggerSummary(data.config, segments);
  if (!view) return `Unknown node type "${data.nodeType}"`;
  const template = view.configSchema['x-summary'];
  if (typeof template === 'string') return fromTemplate(template, data.config);
  const parts: string[] = [];
  for (const field of shortFields(deriveFields(view.configSchema))) {
    const text = display(data.config[field.name] ?? field.defaultValue);
    if (text) parts.push(text);
    if (parts.length === 3) break;
  }
  return parts.join(' · ');
}
