import { type JourneyGraph, type MessageChannel, messageChannels } from '@switchyard/contracts';
import type { ActionDefinition } from '@switchyard/sdk';

/** The channels a graph's nodes send on (their actions' `sends`), in contract order. */
export function graphChannels(
  graph: JourneyGraph,
  resolveAction: (type: string, version?: number) => ActionDefinition | undefined,
): MessageChannel[] {
  const used = new Set<MessageChannel>();
  for (const node of graph.nodes)
    for (const channel of resolveAction(node.type, node.typeVersion)?.sends ?? [])
      used.add(channel);
  return messageChannels.filter((channel) => used.has(channel));
}
