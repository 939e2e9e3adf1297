import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type {
  EmailFeedbackBody,
  EmailFeedbackEvent,
  EmailFeedbackResult,
} from '@switchyard/contracts';
import type { DataSource } from 'typeorm';
import { EmailSuppressionsRepository } from '../channels/email-suppressions.repository.js';
import { EmailComplaintsRepository } from './email-complaints.repository.js';
import { OptOutsRepository } from './opt-outs.repository.js';
import { SubscriptionEventsService } from './subscription-events.service.js';

type Complaint = Extract<EmailFeedbackEvent, { type: 'complaint' }>;

/**
 * What e-mail providers report after the SMTP conversation (`POST /v1/email/feedback`):
 * hard bounces suppress their address, as a refusal during the conversation does;
 * a spam complaint is recorded on the step that sent the e-mail and unsubscribes the
 * customer from marketing e-mail. Providers repeat their webhooks: a report applied twice
 * changes nothing the second time.
 */
@Injectable()
export class EmailFeedbackService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly suppressions: EmailSuppressionsRepository,
    private readonly complaints: EmailComplaintsRepository,
    private readonly optOuts: OptOutsRepository,
    private readonly events: SubscriptionEventsService,
  ) {}

  async apply(workspaceId: string, body: EmailFeedbackBody): Promise<EmailFeedbackResult> {
    const result: EmailFeedbackResult = { suppressed: 0, complaints: 0, unsubscribed: 0 };
    const bounces: { workspaceId: string; address: string; reason: string }[] = [];
    for (const event of body.events) {
      switch (event.type) {
        case 'hard_bounce':
          bounces.push({
            workspaceId,
            address: event.address,
            reason: `reported by the provider: ${event.reason ?? 'hard bounce'}`,
          });
          break;
        case 'complaint': {
          const applied = await this.complaint(workspaceId, event);
          if (applied === null) break;
          result.complaints += 1;
          result.unsubscribed += applied;
          break;
        }
        default: {
          const never: never = event;
          throw new Error(`unknown e-mail feedback ${JSON.stringify(never)}`);
        }
      }
    }
    result.suppressed = await this.suppressions.add(this.db, bounces);
    return result;
  }

  /**
   * Records the complaint and unsubscribes whom it is about: the customer the e-mail went
   * to (found by its Message-ID), else the workspace's customers with that address. How
   * many were unsubscribed; null for a report already recorded.
   */
  private async complaint(workspaceId: string, event: Complaint): Promise<number | null> {
    const message = event.messageId
      ? await this.complaints.reportedMessage(workspaceId, event.messageId)
      : null;
    if (!(await this.complaints.record(workspaceId, event.address, event.messageId, message)))
      return null;
    const customers = message
      ? [message.customerId]
      : await this.complaints.customersByEmail(workspaceId, event.address);
    const step = message
      ? { enrollmentId: message.enrollmentId, nodeId: message.nodeId }
      : undefined;
    let unsubscribed = 0;
    for (const customerId of customers) {
      if (!(await this.optOuts.optOut(workspaceId, customerId, 'email', 'complaint', step)))
        continue;
      unsubscribed += 1;
      await this.events.record(workspaceId, customerId, [
        { subscribed: false, channel: 'email', source: 'complaint', ...(step ? { step } : {}) },
      ]);
    }
    return unsubscribed;
  }
}
