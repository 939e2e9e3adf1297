import { Injectable } from '@nestjs/common';
import type { StepPreviewHold } from '@switchyard/contracts';
import type { EntityManager } from 'typeorm';
import type { CollectedMessage } from './action-context.factory.js';
import { MessageGateService } from './messaging/message-gate.service.js';
import type { PreviewScene } from './step-preview-scene.loader.js';
import { previewHold } from './step-preview.mapper.js';

/** A dry run's answer to "would these messages go out now?" (see MessageGateService). */
@Injectable()
export class StepPreviewHolds {
  constructor(private readonly gate: MessageGateService) {}

  /**
   * What would hold the step's messages back now, as the engine decides it: the customer's
   * unsubscribes, then quiet hours and caps (MessageGateService); and what would go out.
   */
  async of(
    em: EntityManager,
    scene: PreviewScene,
    messages: readonly CollectedMessage[],
    earlier: readonly CollectedMessage[],
  ): Promise<{ held: StepPreviewHold | null; sent: readonly CollectedMessage[] }> {
    if (messages.length === 0) return { held: null, sent: [] };
    const reachable = await this.gate.withoutBounced(em, scene.workspaceId, messages);
    if (reachable.bounced.length > 0)
      return { held: { kind: 'bounced', addresses: reachable.bounced }, sent: reachable.messages };
    const subscribed = await this.gate.withoutOptedOut(
      em,
      { workspaceId: scene.workspaceId, customerId: scene.customer.id },
      messages,
    );
    if (subscribed.dropped.length > 0 || subscribed.topics.length > 0)
      return {
        held: { kind: 'unsubscribed', channels: subscribed.dropped, topics: subscribed.topics },
        sent: subscribed.messages,
      };
    const hold = await this.gate.preview(
      em,
      {
        customerId: scene.customer.id,
        timeZone: scene.customer.timezone,
        quietHours: scene.quietHours,
        caps: scene.caps,
        messages,
        now: scene.now,
      },
      earlier,
    );
    return {
      held: hold && previewHold(hold, scene.customer.timezone),
      sent: hold?.kind === 'skip' ? [] : messages,
    };
  }
}
