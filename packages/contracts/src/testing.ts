import type { NodeTypeView } from './api/journeys.api.js';

/**
 * A node type as `GET /api/node-types` lists it, for tests: a flow node of version 1 with
 * dynamic outputs, no settings and no defaults, unless `extra` says otherwise.
 */
export function testNodeType(type: string, extra: Partial<NodeTypeView> = {}): NodeTypeView {
  return {
    type,
    version: 1,
    title: type,
    description: '',
    category: 'flow',
    icon: null,
    configSchema: {},
    outputs: 'dynamic',
    defaults: {},
    ...extra,
  };
}
