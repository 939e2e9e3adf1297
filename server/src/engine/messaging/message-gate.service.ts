import { Injectable } from '@nestjs/common';
import type { FrequencyCap, QuietHours, SubscriptionChannel } from '@switchyard/contracts';
import type { EntityManager } from 'typeorm';
import { selectOne, selectRows } from '../../database/sql.util.js';
import type { CollectedMessage } from '../action-context.factory.js';
import { quietHoursEnd } from './quiet-hours.util.js';
import { EmailSuppressionsRepository } from '../../channels/email-suppressions.repository.js';
import { OptOutsRepository } from '../../subscriptions/opt-outs.repository.js';
import { TopicOptOutsRepository } from '../../subscriptions/topic-opt-outs.repository.js';

export type GateDecision =
  | { kind: 'send' }
  /** Not now: run the step again at `until` (quiet hours, rate limit). */
  | { kind: 'defer'; until: Date; reason: string }
  /** Not at all: the step completes without sending (frequency cap). */
  | { kind: 'skip'; reason: string };

export interface GateRequest {
  customerId: string;
  timeZone: string;
  versionId: string;
  nodeId: string;
  quietHours: QuietHours | null;
  caps: readonly FrequencyCap[];
  messages: readonly CollectedMessage[];
  now: Date;
}

/** A step's messages without those the customer unsubscribed from, and what was dropped. */
export interface OptOutFilter {
  messages: readonly CollectedMessage[];
  /** Channels the customer left (all their marketing messages dropped). */
  dropped: SubscriptionChannel[];
  /** Names of the topics the customer left that messages went out under. */
  topics: string[];
}

/**
 * A skipped step's note: `e-mail address bounced (ada@example.com)`, `unsubscribed from
 * email and "Weekly deals"`, or both; null when nothing was dropped.
 */
export function heldBackNote(bounced: readonly string[], filter: OptOutFilter): string | null {
  const what = [...filter.dropped, ...filter.topics.map((t) => `"${t}"`)];
  const notes = [
    ...(bounced.length > 0 ? [`e-mail address bounced (${bounced.join(', ')})`] : []),
    ...(what.length > 0 ? [`unsubscribed from ${what.join(' and ')}`] : []),
  ];
  return notes.length === 0 ? null : notes.join('; ');
}

/** Why a step's messages would not go out now. */
export type GateHold = Exclude<GateDecision, { kind: 'send' }>;

/** What quiet hours and caps are decided on (the node's rate limit needs the rest). */
export type HoldQuestion = Omit<GateRequest, 'versionId' | 'nodeId'>;

const MINUTE = 60_000;

/**
 * Decides, inside the step's transaction, whether a step's messages may go out now:
 * 1. quiet hours (customer's zone) hold marketing e-mail and SMS until they end;
 * 2. frequency caps (per channel, across journeys, marketing only) skip the message;
 * 3. a node's rate limit grants per-minute slots (the claim commits with the step).
 * Transactional messages pass 1 and 2. Caps are checked under a per-customer advisory
 * lock so two journeys cannot both take the last slot.
 */
@Injectable()
export class MessageGateService {
  constructor(
    private readonly optOuts: OptOutsRepository,
    private readonly topicOptOuts: TopicOptOutsRepository,
    private readonly suppressions: EmailSuppressionsRepository,
  ) {}

  /**
   * The messages without the marketing e-mail and SMS the customer unsubscribed from:
   * their channel, or the topic a message goes out under (transactional ones always go);
   * and what was dropped: the channels, and the topics by name. A topic deleted since the
   * step was written no longer holds anything back. Runs before check(): what is left is
   * what quiet hours, caps and rate limits decide on.
   */
  async withoutOptedOut(
    em: EntityManager,
    target: { workspaceId: string; customerId: string },
    messages: readonly CollectedMessage[],
  ): Promise<OptOutFilter> {
    const marketing = marketingOf(messages);
    const channels = [...new Set(marketing.map((m) => m.channel))].filter(
      (c): c is SubscriptionChannel => c === 'email' || c === 'sms',
    );
    if (channels.length === 0) return { messages, dropped: [], topics: [] };
    const out = await this.optOuts.optedOut(em, target.customerId, channels);
    const topicIds = [
      ...new Set(marketing.flatMap((m) => (m.topic && !out.has(channelOf(m)) ? [m.topic] : []))),
    ];
    const left =
      topicIds.length === 0
        ? []
        : (
            await this.topicOptOuts.states(em, target.workspaceId, target.customerId, topicIds)
          ).filter((t) => t.optedOut);
    if (out.size === 0 && left.length === 0) return { messages, dropped: [], topics: [] };
    const leftIds = new Set(left.map((t) => t.id));
    return {
      messages: messages.filter(
        (m) =>
          !isMarketing(m) ||
          (!out.has(channelOf(m)) && !(m.topic !== undefined && leftIds.has(m.topic))),
      ),
      dropped: [...out],
      topics: left.map((t) => t.name),
    };
  }

  /**
   * The messages without e-mail to addresses that bounced for good before (any e-mail,
   * transactional too: the server refuses the address, not the kind of message); and those
   * addresses. Runs first: nothing else is decided on a message that cannot arrive.
   */
  async withoutBounced(
    em: EntityManager,
    workspaceId: string,
    messages: readonly CollectedMessage[],
  ): Promise<{ messages: readonly CollectedMessage[]; bounced: string[] }> {
    const addresses = messages.flatMap((m) => (m.channel === 'email' ? [m.payload.to] : []));
    if (addresses.length === 0) return { messages, bounced: [] };
    const suppressed = await this.suppressions.suppressed(em, workspaceId, addresses);
    if (suppressed.size === 0) return { messages, bounced: [] };
    const isBounced = (m: CollectedMessage) =>
      m.channel === 'email' && suppressed.has(m.payload.to.trim().toLowerCase());
    return { messages: messages.filter((m) => !isBounced(m)), bounced: [...suppressed] };
  }

  async check(em: EntityManager, request: GateRequest): Promise<GateDecision> {
    const held = await this.holdOf(em, request, { lock: true, earlier: [] });
    if (held) return held;
    const rates = request.messages
      .map((m) => m.ratePerMinute)
      .filter((r): r is number => r !== undefined);
    if (rates.length > 0) {
      const granted = await this.claimRateSlot(em, request, Math.min(...rates));
      if (!granted) {
        const nextMinute = (Math.floor(request.now.getTime() / MINUTE) + 1) * MINUTE;
        // Spread the retries over the next minute instead of one stampede at :00.
        return {
          kind: 'defer',
          until: new Date(nextMinute + Math.floor(Math.random() * 5000)),
          reason: 'rate limit',
        };
      }
    }
    return { kind: 'send' };
  }

  /**
   * What a dry run shows: whether quiet hours or a frequency cap would hold the messages
   * back as things stand, nothing locked or claimed (a read-only transaction may ask).
   * `earlier`: messages earlier steps of the same dry run would have sent (they count
   * toward the caps). A node's rate limit depends on the traffic of the moment: not shown.
   */
  async preview(
    em: EntityManager,
    request: HoldQuestion,
    earlier: readonly CollectedMessage[],
  ): Promise<GateHold | null> {
    return this.holdOf(em, request, { lock: false, earlier });
  }

  /** Quiet hours, then the caps (under the customer's cap lock when `lock`). */
  private async holdOf(
    em: EntityManager,
    request: HoldQuestion,
    options: { lock: boolean; earlier: readonly CollectedMessage[] },
  ): Promise<GateHold | null> {
    const marketing = marketingOf(request.messages);
    if (marketing.length > 0 && request.quietHours) {
      const until = quietHoursEnd(request.now, request.quietHours, request.timeZone);
      if (until) return { kind: 'defer', until, reason: 'quiet hours' };
    }
    const capped = await this.overCap(em, request, marketing, options);
    return capped ? { kind: 'skip', reason: capped } : null;
  }

  private async overCap(
    em: EntityManager,
    request: HoldQuestion,
    marketing: readonly CollectedMessage[],
    options: { lock: boolean; earlier: readonly CollectedMessage[] },
  ): Promise<string | null> {
    const caps = request.caps.filter((cap) => marketing.some((m) => m.channel === cap.channel));
    if (caps.length === 0) return null;
    if (options.lock)
      await selectRows(em, `SELECT pg_advisory_xact_lock(hashtextextended('cap:' || $1, 0))`, [
        request.customerId,
      ]);
    const earlier = marketingOf(options.earlier);
    for (const cap of caps) {
      const sent = await selectOne<{ n: number }>(
        em,
        `SELECT count(*)::int AS n FROM outbox
          WHERE customer_id = $1 AND channel = $2 AND NOT transactional AND status <> 'failed'
            AND created_at > $3::timestamptz - make_interval(days => $4)`,
        [request.customerId, cap.channel, request.now, cap.days],
      );
      const adding = [...earlier, ...marketing].filter((m) => m.channel === cap.channel).length;
      if ((sent?.n ?? 0) + adding > cap.max)
        return `frequency cap: at most ${cap.max} ${cap.channel} in ${cap.days} days`;
    }
    return null;
  }

  private async claimRateSlot(
    em: EntityManager,
    request: GateRequest,
    perMinute: number,
  ): Promise<boolean> {
    const windowStart = new Date(Math.floor(request.now.getTime() / MINUTE) * MINUTE);
    const row = await selectOne<{ used: number }>(
      em,
      `INSERT INTO node_rate_windows (version_id, node_id, window_start, used) VALUES ($1, $2, $3, 1)
       ON CONFLICT (version_id, node_id, window_start) DO UPDATE SET used = node_rate_windows.used + 1
         WHERE node_rate_windows.used < $4
       RETURNING used`,
      [request.versionId, request.nodeId, windowStart, perMinute],
    );
    return row !== undefined;
  }
}

/** The messages caps and quiet hours apply to: marketing e-mail and SMS. */
/** A marketing message's channel, as subscriptions name it (marketingOf: e-mail or SMS). */
function channelOf(message: CollectedMessage): SubscriptionChannel {
  return message.channel === 'sms' ? 'sms' : 'email';
}

function isMarketing(message: CollectedMessage): boolean {
  return !message.transactional && (message.channel === 'email' || message.channel === 'sms');
}

function marketingOf(messages: readonly CollectedMessage[]): CollectedMessage[] {
  return messages.filter(isMarketing);
}
