import type { AudienceSource } from '@switchyard/contracts';

const day = (iso: string) => iso.slice(0, 10);

/**
 * Where an audience came from, in words: "members of VIP", "movement 2024-01-01 →
 * 2024-03-31", ... (`segmentNames` by id, when to hand).
 */
export function describeAudienceSource(
  source: AudienceSource | null,
  segmentNames: ReadonlyMap<string, string> = new Map(),
): string {
  if (!source) return 'filled by journeys';
  switch (source.kind) {
    case 'segment': {
      const name = segmentNames.get(source.segmentId);
      return name === undefined ? "a segment's members" : `members of ${name}`;
    }
    case 'external_ids':
      return `${source.count} external id${source.count === 1 ? '' : 's'}`;
    case 'movement':
      return `movement ${day(source.from)} → ${day(source.to)}`;
    case 'journey_node':
      return `customers at a journey step${source.output ? ` (${source.output})` : ''}`;
    default: {
      const never: never = source;
      throw new Error(`unknown audience source ${JSON.stringify(never)}`);
    }
  }
}
