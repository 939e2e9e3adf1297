import type { JourneyGraph } from '@switchyard/contracts';
import { describe, expect, it } from 'vitest';
import { ActionRegistry } from '../actions/action-registry.service.js';
import { graphChannels } from './graph-channels.util.js';

const registry = new ActionRegistry();
const resolve = (type: string, version?: number) => registry.resolve(type, version);
const graph = (...types: string[]): JourneyGraph => ({
  nodes: types.map((type, i) => ({ id: `n${i}`, type, position: { x: 0, y: 0 }, config: {} })),
  edges: [],
});

describe('graphChannels', () => {
  it("collects the channels of the graph's nodes once each, in contract order", () => {
    expect(
      graphChannels(graph('trigger', 'send_sms', 'wait', 'webhook', 'send_sms'), resolve),
    ).toEqual(['sms', 'webhook']);
    expect(graphChannels(graph('webhook', 'send_email'), resolve)).toEqual(['email', 'webhook']);
    expect(graphChannels(graph('trigger', 'wait', 'teleport'), resolve)).toEqual([]);
  });
});
