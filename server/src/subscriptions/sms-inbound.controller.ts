import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import {
  type SmsInboundBody,
  type SmsInboundResult,
  smsInboundBodySchema,
} from '@switchyard/contracts';
import { RequireRole } from '../auth/require-role.decorator.js';
import { WorkspaceId } from '../common/request-context.js';
import { zodBody } from '../common/zod-validation.pipe.js';
import { OptOutsRepository } from './opt-outs.repository.js';
import { SubscriptionEventsService } from './subscription-events.service.js';
import { smsKeywordAction } from './sms-keywords.util.js';

/**
 * Texts customers send back, as the SMS provider forwards them (point the number's
 * incoming-message webhook at `https://<ingest key>@<host>/v1/sms/inbound`): STOP
 * unsubscribes every customer of the workspace with that number from marketing SMS,
 * START subscribes them again; any other text is ignored.
 */
@RequireRole('owner')
@Controller('v1/sms')
export class SmsInboundController {
  constructor(
    private readonly optOuts: OptOutsRepository,
    private readonly events: SubscriptionEventsService,
  ) {}

  @Post('inbound')
  @HttpCode(200)
  async inbound(
    @WorkspaceId() workspaceId: string,
    @Body(zodBody(smsInboundBodySchema)) message: SmsInboundBody,
  ): Promise<SmsInboundResult> {
    const [from, text] =
      'From' in message ? [message.From, message.Body] : [message.from, message.body];
    const action = smsKeywordAction(text);
    if (action === null) return { action: 'none', customers: 0 };
    const customers = await this.optOuts.customersByPhone(workspaceId, from);
    const subscribed = action === 'subscribe';
    for (const customerId of customers) {
      const changed = subscribed
        ? await this.optOuts.resubscribe(workspaceId, customerId, 'sms')
        : await this.optOuts.optOut(workspaceId, customerId, 'sms', 'reply');
      if (changed)
        await this.events.record(workspaceId, customerId, [
          { subscribed, channel: 'sms', source: 'reply' },
        ]);
    }
    return {
      action: action === 'unsubscribe' ? 'unsubscribed' : 'subscribed',
      customers: customers.length,
    };
  }
}
