import type { NodeTypeView } from '@switchyard/contracts';
import type { JourneyNodeData } from '../serialization/editor-graph.types';

const CATEGORY_COLORS: Record<string, string> = {
  trigger: '#7c3aed',
  flow: '#0ea5e9',
  messaging: '#f97316',
  data: '#10b981',
  integration: '#6366f1',
};
const FALLBACK_COLORS = ['#ec4899', '#14b8a6', '#eab308', '#8b5cf6', '#ef4444', '#22c55e'];

/** A stable colour per category (known ones fixed, others hashed). */
export function categoryColor(category: string): string {
  const known = CATEGORY_COLORS[category.toLowerCase()];
  if (known) return known;
  let hash = 0;
  for (const char of category) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return FALLBACK_COLORS[hash % FALLBACK_COLORS.length] ?? '#64748b';
}

/** The glyph in a node's badge: a short icon (emoji) from the server or the title's initial. */
export function iconText(
  view: Pick<NodeTypeView, 'icon' | 'title' | 'type'> | undefined,
  fallback: string,
): string {
  const icon = view?.icon?.trim();
  if (icon && [...icon].length <= 2) return icon;
  const source = view?.title || fallback;
  return source.charAt(0).toUpperCase() || '?';
}

/** What a node is called on the canvas: its own name, else its type's title. */
export function nodeTitle(
  data: Pick<JourneyNodeData, 'label' | 'nodeType'>,
  view: Pick<NodeTypeView, 'title'> | undefined,
): string {
  return data.label || view?.title || data.nodeType;
}
