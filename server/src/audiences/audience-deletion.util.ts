/** A campaign or journey that uses an audience, with its status. */
export interface AudienceUser {
  name: string;
  status: string;
}

const named = (users: readonly AudienceUser[]) =>
  users.map((u) => `${JSON.stringify(u.name)} (${u.status})`).join(', ');

/**
 * Why DELETE /api/audiences/:id refuses, or null. Campaigns (draft or launched) need
 * their audience: it is what they send to and what their view and stats show. Journeys
 * need it while they can still read it: the live version of a live or paused journey, or
 * any version customers are still in, that broadcasts to it or adds to it. A draft that
 * names it only shows an issue in the editor (publishing it is refused).
 */
export function audienceDeleteRefusal(
  audienceName: string,
  campaigns: readonly AudienceUser[],
  journeys: readonly AudienceUser[],
): string | null {
  const reasons: string[] = [];
  if (campaigns.length > 0)
    reasons.push(
      `it is the audience of the campaign${campaigns.length === 1 ? '' : 's'} ${named(campaigns)}: delete ${campaigns.length === 1 ? 'that campaign' : 'those campaigns'} first`,
    );
  if (journeys.length > 0)
    reasons.push(
      `the journey${journeys.length === 1 ? '' : 's'} ${named(journeys)} ${journeys.length === 1 ? 'uses' : 'use'} it: stop ${journeys.length === 1 ? 'it' : 'them'}, or publish a version without it and let the customers already in it finish`,
    );
  return reasons.length === 0
    ? null
    : `audience ${JSON.stringify(audienceName)} cannot be deleted: ${reasons.join('; ')}`;
}
