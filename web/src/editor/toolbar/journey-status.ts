import type { JourneyMeta } from '../store/editor.store';

/** "Draft", "Live · v3", "Paused · v3", "Stopped". */
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
