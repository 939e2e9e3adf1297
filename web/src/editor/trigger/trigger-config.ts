import {
  triggerSchema,
  type AudienceView,
  type SegmentGroupView,
  type SubscriptionTopicView,
  type TriggerKind,
} from '@switchyard/contracts';
import type { SegmentRef } from '../nodes/node-summary';

/** What the trigger picker and the canvas know about the workspace. */
export interface TriggerRefs {
  segments: ReadonlyMap<string, SegmentRef>;
  groups: readonly SegmentGroupView[];
  audiences: readonly AudienceView[];
  /** Optional: only node summaries name topics. */
  topics?: readonly SubscriptionTopicView[];
}

export const TRIGGER_KIND_LABELS: Record<TriggerKind, { label: string; hint: string }> = {
  segment_entered: {
    label: 'Enters a segment',
    hint: 'When a customer starts matching a segment.',
  },
  segment_exited: { label: 'Leaves a segment', hint: 'When a customer stops matching a segment.' },
  group_moved: {
    label: 'Moves within a segment group',
    hint: 'When a customer moves between groups, e.g. from Active to At risk.',
  },
  event: { label: 'Does an event', hint: 'Every time a customer does an event, e.g. a purchase.' },
  audience_broadcast: {
    label: 'Broadcast to an audience',
    hint: 'Everyone in an audience, once, when you publish.',
  },
  schedule: {
    label: 'On a schedule',
    hint: 'Everyone in a segment, daily, weekly or monthly.',
  },
};
export const TRIGGER_KINDS = Object.keys(TRIGGER_KIND_LABELS) as TriggerKind[];

export const WEEKDAYS = [
  'Sunday',
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
];
export const DEFAULT_SCHEDULE_TIME = '09:00';

type Config = Record<string, unknown>;

const str = (config: Config, key: string): string | undefined => {
  const value = config[key];
  return typeof value === 'string' && value ? value : undefined;
};

export function isTriggerKind(value: unknown): value is TriggerKind {
  return TRIGGER_KINDS.some((k) => k === value);
}

/** Picks remembered while the marketer tries other kinds: segment, group, audience, event. */
export type TriggerMemory = Partial<
  Record<'segmentId' | 'groupId' | 'audienceId' | 'event', string>
>;

export function remember(memory: TriggerMemory, config: Config): TriggerMemory {
  const next = { ...memory };
  for (const key of ['segmentId', 'groupId', 'audienceId', 'event'] as const) {
    const value = str(config, key);
    if (value) next[key] = value;
  }
  return next;
}

/**
 * The trigger's settings for a new kind, keeping what still applies: from the current
 * settings, else from what was picked earlier (`memory`).
 */
export function switchKind(current: Config, kind: TriggerKind, memory: TriggerMemory = {}): Config {
  const config = { ...memory, ...current };
  const segmentId = str(config, 'segmentId');
  const withSegment = (base: Config) => (segmentId ? { ...base, segmentId } : base);
  switch (kind) {
    case 'segment_entered':
    case 'segment_exited':
      return withSegment({ kind });
    case 'group_moved': {
      const groupId = str(config, 'groupId');
      return groupId ? { kind, groupId, from: [], to: [] } : { kind, from: [], to: [] };
    }
    case 'event':
      return { kind, event: str(config, 'event') ?? '' };
    case 'audience_broadcast': {
      const audienceId = str(config, 'audienceId');
      return audienceId ? { kind, audienceId } : { kind };
    }
    case 'schedule':
      return withSegment({
        kind,
        schedule: { frequency: 'daily', time: DEFAULT_SCHEDULE_TIME },
      });
    default: {
      const never: never = kind;
      throw new Error(`unknown trigger kind ${String(never)}`);
    }
  }
}

const MISSING: Record<string, string> = {
  segmentId: 'choose a segment',
  groupId: 'choose a segment group',
  audienceId: 'choose an audience',
  event: 'enter the event name',
  to: 'pick at least one group to move into',
};

/** The trigger's settings, checked with the contracts' triggerSchema. */
export function triggerErrors(config: Config): { path: string; message: string }[] {
  const parsed = triggerSchema.safeParse(config);
  if (parsed.success) return [];
  return parsed.error.issues.map((issue) => {
    const path = issue.path.map(String).join('.');
    const value = config[path];
    const empty = value === undefined || value === '' || (Array.isArray(value) && !value.length);
    const message = empty && MISSING[path] ? MISSING[path] : issue.message;
    return { path, message };
  });
}

const count = (n: number | undefined) => (n === undefined ? '' : ` (${n.toLocaleString()})`);

function scheduleText(schedule: unknown): string {
  if (typeof schedule !== 'object' || schedule === null) return 'On a schedule';
  const s = schedule as Config;
  const time = str(s, 'time') ?? '…';
  switch (s['frequency']) {
    case 'weekly':
      return `${WEEKDAYS[Number(s['dayOfWeek'])] ?? 'Weekly'}s at ${time}`;
    case 'monthly':
      return `Monthly on day ${String(s['dayOfMonth'] ?? '…')} at ${time}`;
    default:
      return `Daily at ${time}`;
  }
}

function bucketNames(group: SegmentGroupView | undefined, buckets: unknown): string {
  if (!Array.isArray(buckets) || buckets.length === 0) return 'anywhere';
  return buckets
    .map((b) =>
      b === 'fallback'
        ? (group?.fallback.label ?? 'Fallback')
        : (group?.buckets.find((x) => x.segmentId === b)?.label ?? 'a removed group'),
    )
    .join(', ');
}

/** One line for the trigger node, e.g. "Enters VIP" or "Daily at 09:00 · VIP". */
export function triggerSummary(config: Config, refs: TriggerRefs): string {
  const kind = config['kind'];
  if (!isTriggerKind(kind)) return 'Choose what starts the journey';
  const segmentId = str(config, 'segmentId');
  const segment = segmentId ? refs.segments.get(segmentId) : undefined;
  const segmentName = segment ? segment.name : 'a deleted segment';
  switch (kind) {
    case 'segment_entered':
    case 'segment_exited':
      if (!segmentId) return 'Choose a segment';
      return `${kind === 'segment_entered' ? 'Enters' : 'Leaves'} ${segmentName}`;
    case 'group_moved': {
      const groupId = str(config, 'groupId');
      if (!groupId) return 'Choose a segment group';
      const group = refs.groups.find((g) => g.id === groupId);
      const to = bucketNames(group, config['to']);
      return `${group?.name ?? 'A deleted group'}: ${bucketNames(group, config['from'])} → ${to}`;
    }
    case 'event': {
      const event = str(config, 'event');
      const where = Array.isArray(config['where']) ? config['where'].length : 0;
      if (!event) return 'Enter an event name';
      return `Does “${event}”${where ? ` where ${where} filter${where === 1 ? '' : 's'}` : ''}`;
    }
    case 'audience_broadcast': {
      const audienceId = str(config, 'audienceId');
      if (!audienceId) return 'Choose an audience';
      const audience = refs.audiences.find((a) => a.id === audienceId);
      return audience
        ? `Broadcast to ${audience.name}${count(audience.size)}`
        : 'Broadcast to a deleted audience';
    }
    case 'schedule':
      return `${scheduleText(config['schedule'])} · ${segmentId ? segmentName : 'choose a segment'}`;
    default: {
      const never: never = kind;
      throw new Error(`unknown trigger kind ${String(never)}`);
    }
  }
}

/** "VIP (1,234)" for pickers. */
export function withCount(name: string, n: number | undefined): string {
  return `${name}${count(n)}`;
}
