/** What the tally needs of a received message. */
export interface Delivery {
  to: string[];
  subject: string;
  messageId: string;
}

export interface NodeTally {
  /** Messages attributed to the node. */
  received: number;
  /** Recipients who got the node's message more than once, with how many times. */
  duplicates: { recipient: string; count: number }[];
  /** Expected recipients who never got the node's message. */
  missing: string[];
  /** Recipients of the node's message who were not expected at all. */
  unexpected: string[];
}

export interface DeliveryTally {
  nodes: Record<string, NodeTally>;
  /** Messages no node claims (e.g. a subject that matches no prefix). */
  unclassified: Delivery[];
  /** Message-IDs seen more than once (a retried delivery carries the same id). */
  repeatedMessageIds: string[];
}

/**
 * Counts messages per node and recipient against the expected recipients: exactly one
 * message per recipient per node is the goal. `nodeOf` names the node a message came
 * from (e.g. by its subject) or undefined.
 */
export function tallyDeliveries(
  messages: readonly Delivery[],
  nodeIds: readonly string[],
  recipients: readonly string[],
  nodeOf: (message: Delivery) => string | undefined,
): DeliveryTally {
  const expected = new Set(recipients.map(normalize));
  const counts = new Map(nodeIds.map((id) => [id, new Map<string, number>()]));
  const received = new Map(nodeIds.map((id) => [id, 0]));
  const unclassified: Delivery[] = [];
  const messageIds = new Map<string, number>();
  for (const message of messages) {
    if (message.messageId)
      messageIds.set(message.messageId, (messageIds.get(message.messageId) ?? 0) + 1);
    const node = nodeOf(message);
    const perRecipient = node === undefined ? undefined : counts.get(node);
    if (node === undefined || !perRecipient || message.to.length === 0) {
      unclassified.push(message);
      continue;
    }
    received.set(node, (received.get(node) ?? 0) + 1);
    for (const to of message.to) {
      const key = normalize(to);
      perRecipient.set(key, (perRecipient.get(key) ?? 0) + 1);
    }
  }
  const nodes: Record<string, NodeTally> = {};
  for (const id of nodeIds) {
    const perRecipient = counts.get(id) ?? new Map<string, number>();
    nodes[id] = {
      received: received.get(id) ?? 0,
      duplicates: [...perRecipient]
        .filter(([, n]) => n > 1)
        .map(([recipient, count]) => ({ recipient, count })),
      missing: [...expected].filter((r) => !perRecipient.has(r)),
      unexpected: [...perRecipient.keys()].filter((r) => !expected.has(r)),
    };
  }
  return {
    nodes,
    unclassified,
    repeatedMessageIds: [...messageIds].filter(([, n]) => n > 1).map(([id]) => id),
  };
}

/**
 * Each way the tally misses "exactly one per recipient per node", as a readable line
 * naming (the first few) offending addresses. Empty when everything is right.
 */
export function deliveryProblems(tally: DeliveryTally, show = 10): string[] {
  const sample = (items: readonly string[]) =>
    `${items.slice(0, show).join(', ')}${items.length > show ? `, … (${items.length - show} more)` : ''}`;
  const problems: string[] = [];
  for (const [id, node] of Object.entries(tally.nodes)) {
    if (node.duplicates.length > 0)
      problems.push(
        `node ${id}: ${node.duplicates.length} recipients got more than one message: ${sample(
          node.duplicates.map((d) => `${d.recipient} ×${d.count}`),
        )}`,
      );
    if (node.missing.length > 0)
      problems.push(
        `node ${id}: ${node.missing.length} recipients got nothing: ${sample(node.missing)}`,
      );
    if (node.unexpected.length > 0)
      problems.push(
        `node ${id}: ${node.unexpected.length} unexpected recipients: ${sample(node.unexpected)}`,
      );
  }
  if (tally.unclassified.length > 0)
    problems.push(
      `${tally.unclassified.length} messages from no known node: ${sample(
        tally.unclassified.map((m) => `"${m.subject}" to ${m.to.join(',')}`),
      )}`,
    );
  if (tally.repeatedMessageIds.length > 0)
    problems.push(
      `${tally.repeatedMessageIds.length} Message-IDs received more than once: ${sample(tally.repeatedMessageIds)}`,
    );
  return problems;
}

function normalize(address: string): string {
  return address.trim().toLowerCase();
}
