import type { JourneyStatus } from '@switchyard/contracts';

/** What deciding a journey's deletion needs, read under the journey's row lock. */
export interface JourneyForDeletion {
  id: string;
  name: string;
  status: JourneyStatus;
  /** Runs still in the journey, on any version. */
  active: number;
  /** The campaign this journey sends, when it is a campaign's. */
  campaignName: string | null;
}

/** "1 customer", "3 customers". */
export function customerCount(n: number): string {
  return `${n} customer${n === 1 ? '' : 's'}`;
}

/**
 * Why DELETE /api/journeys/:id refuses, or null. A live or paused journey is stopped
 * first (so the customers in it leave through a step the marketer chose, and the audit
 * log shows both); a campaign's journey goes with its campaign. A draft or a stopped
 * journey is deleted (runs a stop left behind are no longer active).
 */
export function journeyDeleteRefusal(journey: JourneyForDeletion): string | null {
  const name = JSON.stringify(journey.name);
  if (journey.campaignName !== null)
    return `journey ${name} sends the campaign ${JSON.stringify(journey.campaignName)}: delete the campaign instead (its journey goes with it)`;
  switch (journey.status) {
    case 'draft':
    case 'stopped':
      return null;
    case 'live':
    case 'paused':
      return `journey ${name} is ${journey.status} (${customerCount(journey.active)} in it): stop it first, then delete it`;
    default: {
      const never: never = journey.status;
      throw new Error(`unknown journey status ${String(never)}`);
    }
  }
}
