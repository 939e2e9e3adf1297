import { customerCount } from '../journeys/journey-deletion.util.js';

/** What deciding a campaign's deletion needs, read under its row lock. */
export interface CampaignForDeletion {
  name: string;
  status: 'draft' | 'launched';
  /** The journey sending a launched campaign; null while the launch is creating it. */
  journey: { name: string; active: number } | null;
}

/**
 * Why DELETE /api/campaigns/:id refuses, or null. A draft is deleted. A launched campaign
 * is deleted with its journey once nobody is in that journey any more (the broadcast is
 * through, or the journey was stopped); while customers are still in it, the 409 says how
 * many and which journey to stop. The audience stays either way.
 */
export function campaignDeleteRefusal(campaign: CampaignForDeletion): string | null {
  const name = JSON.stringify(campaign.name);
  switch (campaign.status) {
    case 'draft':
      return null;
    case 'launched': {
      const journey = campaign.journey;
      if (!journey) return `campaign ${name} is being launched: try again once it is`;
      if (journey.active === 0) return null;
      return `campaign ${name} is still sending: ${customerCount(journey.active)} in its journey ${JSON.stringify(journey.name)}; stop that journey (or wait until they are through), then delete the campaign`;
    }
    default: {
      const never: never = campaign.status;
      throw new Error(`unknown campaign status ${String(never)}`);
    }
  }
}
