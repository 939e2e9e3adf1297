import { Injectable } from '@nestjs/common';
import type { FrequencyCap } from '@switchyard/contracts';
import type { EntityManager } from 'typeorm';
import type { OutboxMessage } from '../channels/outbox.repository.js';
import { mergeTraitsSql } from '../customers/customer-merge.sql.js';
import { traitsFitSql, traitsTooLargeMessage } from '../customers/customer-traits-limit.sql.js';
import { AppConfig } from '../config/app-config.service.js';
import { execute, selectOne, selectRows } from '../database/sql.util.js';
import {
  stepIdempotencyKey,
  unsubscribeTargetOf,
  type CollectedEffects,
  type CollectedMessage,
} from './action-context.factory.js';
import { heldBackNote, MessageGateService } from './messaging/message-gate.service.js';
import type { StepEnvironment } from './step-environment.types.js';
import type { LockedEnrollment } from './step-runner.service.js';
import type { StepWrites } from './step-writes.buffer.js';
import type { CachedVersion } from './version-cache.service.js';
import {
  type UnsubscribeTarget,
  UnsubscribeLinks,
} from '../subscriptions/unsubscribe-links.service.js';

export type EffectsOutcome =
  | { kind: 'applied'; outboxIds: string[]; traitsChanged: boolean; skipped: string | null }
  /** Nothing written: run the step again at `until`. */
  | { kind: 'defer'; until: Date }
  | { kind: 'fail'; error: string };

/**
 * Applies what a step's action asked for, in the step's transaction: messages pass the
 * gate (quiet hours, caps, rate limit) into the outbox (buffered in the step's writes), traits merge into the profile,
 * audience memberships are added. Nothing is applied when the step is deferred.
 */
@Injectable()
export class StepEffectsService {
  constructor(
    private readonly gate: MessageGateService,
    private readonly links: UnsubscribeLinks,
    private readonly config: AppConfig,
  ) {}

  async apply(
    writes: StepWrites,
    step: {
      enrollment: LockedEnrollment;
      version: CachedVersion;
      env: StepEnvironment;
      effects: CollectedEffects;
    },
  ): Promise<EffectsOutcome> {
    const { enrollment, version, env, effects } = step;
    const em = writes.em;
    let messages: readonly CollectedMessage[] = effects.messages;
    let skipped: string | null = null;
    if (messages.length > 0) {
      const reachable = await this.gate.withoutBounced(em, enrollment.workspace_id, messages);
      const subscribed = await this.gate.withoutOptedOut(
        em,
        { workspaceId: enrollment.workspace_id, customerId: enrollment.customer_id },
        reachable.messages,
      );
      skipped = heldBackNote(reachable.bounced, subscribed);
      messages = subscribed.messages;
    }
    if (messages.length > 0) {
      const decision = await this.gate.check(em, {
        customerId: enrollment.customer_id,
        timeZone: env.customer.timezone,
        versionId: version.id,
        nodeId: env.node.id,
        quietHours: version.settings.quietHours,
        // Caps only concern marketing e-mail and SMS: no read for anything else.
        caps: messages.some(
          (m) => !m.transactional && (m.channel === 'email' || m.channel === 'sms'),
        )
          ? await this.caps(em, enrollment.workspace_id)
          : [],
        messages,
        now: env.now,
      });
      switch (decision.kind) {
        case 'send':
          break;
        case 'defer':
          await execute(
            em,
            `UPDATE enrollments SET next_run_at = $2, updated_at = now() WHERE id = $1`,
            [enrollment.id, decision.until],
          );
          return { kind: 'defer', until: decision.until };
        case 'skip':
          skipped = skipped ? `${skipped}; ${decision.reason}` : decision.reason;
          messages = [];
          break;
        default: {
          const never: never = decision;
          throw new Error(`unknown gate decision ${JSON.stringify(never)}`);
        }
      }
    }
    const traitsChanged = Object.keys(effects.traits).length > 0;
    if (traitsChanged) {
      // Within the customer's limit, or the step fails for good saying so (no retry helps).
      // Checked in the UPDATE itself, so on the row as it is (a concurrent identify included).
      const merged = mergeTraitsSql('c.traits', '$3::jsonb');
      const [customer] = await selectRows<{ external_id: string; fits: boolean }>(
        em,
        `WITH updated AS (
           UPDATE customers c SET traits = ${merged}, updated_at = now()
            WHERE c.id = $1 AND c.workspace_id = $2 AND ${traitsFitSql(merged, 'c.traits')}
           RETURNING c.id
         )
         SELECT c.external_id, EXISTS (SELECT 1 FROM updated) AS fits
           FROM customers c WHERE c.id = $1 AND c.workspace_id = $2`,
        [enrollment.customer_id, enrollment.workspace_id, JSON.stringify(effects.traits)],
      );
      if (customer && !customer.fits)
        return { kind: 'fail', error: traitsTooLargeMessage(customer.external_id) };
    }
    const audiences = [...new Set(effects.audiences)];
    if (audiences.length > 0) {
      const existing = await selectRows<{ id: string }>(
        em,
        `SELECT id FROM audiences WHERE id = ANY($1::uuid[]) AND workspace_id = $2`,
        [audiences, enrollment.workspace_id],
      );
      const missing = audiences.filter((id) => !existing.some((row) => row.id === id));
      if (missing.length > 0)
        return { kind: 'fail', error: `audience ${missing.join(', ')} does not exist` };
      await execute(
        em,
        `INSERT INTO audience_members (audience_id, customer_id)
         SELECT unnest($1::uuid[]), $2 ON CONFLICT DO NOTHING`,
        [audiences, enrollment.customer_id],
      );
    }
    const outboxIds =
      messages.length === 0
        ? []
        : writes.outbox({
            workspaceId: enrollment.workspace_id,
            enrollmentId: enrollment.id,
            nodeId: env.node.id,
            customerId: enrollment.customer_id,
            idempotencyKey: stepIdempotencyKey(enrollment.id, env.node.id, env.seq),
            // The same link as the body's {{unsubscribe_url}} (ActionContextFactory).
            messages: messages.map((m) => this.toOutbox(m, unsubscribeTargetOf(env))),
          });
    return { kind: 'applied', outboxIds, traitsChanged, skipped };
  }

  private toOutbox(message: CollectedMessage, target: UnsubscribeTarget): OutboxMessage {
    switch (message.channel) {
      case 'email':
        return {
          channel: 'email',
          payload: {
            ...message.payload,
            from: this.config.values.EMAIL_FROM,
            // Marketing e-mail names its unsubscribe link in List-Unsubscribe (RFC 8058).
            ...(message.transactional ? {} : { unsubscribeUrl: this.links.url(target) }),
            ...(message.topic !== undefined ? { topicId: message.topic } : {}),
          },
          transactional: message.transactional,
        };
      case 'sms':
        return { channel: 'sms', payload: message.payload, transactional: message.transactional };
      case 'webhook':
        return {
          channel: 'webhook',
          payload: message.payload,
          transactional: message.transactional,
        };
      default: {
        const never: never = message;
        throw new Error(`unknown channel ${JSON.stringify(never)}`);
      }
    }
  }

  private async caps(em: EntityManager, workspaceId: string): Promise<FrequencyCap[]> {
    const row = await selectOne<{ frequency_caps: FrequencyCap[] }>(
      em,
      `SELECT frequency_caps FROM workspaces WHERE id = $1`,
      [workspaceId],
    );
    return row?.frequency_caps ?? [];
  }
}
