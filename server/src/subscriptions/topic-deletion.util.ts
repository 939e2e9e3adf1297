import {
  type DependentUse,
  deletionRefusal,
  journeysBlock,
} from '../common/deletion-refusal.util.js';

/**
 * Why DELETE /api/subscription-topics/:id refuses, or null. Deleting a topic forgets who
 * left it, so whatever would still send under it must let go first: a draft campaign under
 * the topic (launched, it would mail everyone who left it), and a journey that can still
 * run a step sending under it. A launched campaign keeps its record and loses the topic.
 */
export function topicDeleteRefusal(
  topicName: string,
  draftCampaigns: readonly DependentUse[],
  journeys: readonly DependentUse[],
): string | null {
  return deletionRefusal(`subscription topic ${JSON.stringify(topicName)}`, [
    {
      users: draftCampaigns,
      reason: (names, one) =>
        `the campaign${one ? '' : 's'} ${names} ${one ? 'sends' : 'send'} under it: choose another topic for ${one ? 'it' : 'them'}, or delete ${one ? 'it' : 'them'}, first`,
    },
    journeysBlock(journeys),
  ]);
}
