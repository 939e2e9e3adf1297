import {
  type DependentUse,
  deletionRefusal,
  journeysBlock,
} from '../common/deletion-refusal.util.js';

/**
 * Why DELETE /api/audiences/:id refuses, or null. Campaigns (draft or launched) need
 * their audience: it is what they send to and what their view and stats show. Journeys
 * need it while they can still read it: the live version of a live or paused journey, or
 * any version customers are still in, that broadcasts to it or adds to it. A draft that
 * names it only shows an issue in the editor (publishing it is refused).
 */
export function audienceDeleteRefusal(
  audienceName: string,
  campaigns: readonly DependentUse[],
  journeys: readonly DependentUse[],
): string | null {
  return deletionRefusal(`audience ${JSON.stringify(audienceName)}`, [
    {
      users: campaigns,
      reason: (names, one) =>
        `it is the audience of the campaign${one ? '' : 's'} ${names}: delete ${one ? 'that campaign' : 'those campaigns'} first`,
    },
    journeysBlock(journeys),
  ]);
}
