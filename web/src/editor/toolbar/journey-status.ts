import type { JourneyStatus } from '@switchyard/contracts';
import type { JourneyMeta } from '../store/editor.store';

/** "Draft", "Live · v3", "Paused · v3", "Stopped · v3". */
export function journeyStatusLabel(journey: Pick<JourneyMeta, 'status' | 'liveVersion'>): string {
  const version = journey.liveVersion ? ` · v${journey.liveVersion.version}` : '';
  switch (journey.status) {
    case 'draft':
      return journey.liveVersion ? `Live${version}` : 'Draft';
    case 'live':
      return `Live${version}`;
    case 'paused':
      return `Paused${version}`;
    case 'stopped':
      return `Stopped${version}`;
    default: {
      const never: never = journey.status;
      throw new Error(`unknown status ${String(never)}`);
    }
  }
}

/** The chip's colour class: a draft with a live version is live. */
export function statusTone(journey: Pick<JourneyMeta, 'status' | 'liveVersion'>): string {
  return journey.status === 'draft' && journey.liveVersion ? 'live' : journey.status;
}

export type StatusButton = 'pause' | 'resume' | 'stop';

/** Which status changes a journey offers: pause / stop when live, resume / stop when paused. */
export function statusActions(status: JourneyStatus, published: boolean): StatusButton[] {
  switch (status) {
    case 'live':
      return ['pause', 'stop'];
    case 'paused':
      return ['resume', 'stop'];
    case 'draft':
      return published ? ['pause', 'stop'] : [];
    case 'stopped':
      return [];
    default: {
      const never: never = status;
      throw new Error(`unknown status ${String(never)}`);
    }
  }
}

/** "Paused: segment VIP was deleted" for a status Switchyard set by itself. */
export function statusReasonText(journey: Pick<JourneyMeta, 'status' | 'statusReason'>) {
  if (!journey.statusReason) return null;
  const label = journey.status.charAt(0).toUpperCase() + journey.status.slice(1);
  return `${label}: ${journey.statusReason}`;
}
