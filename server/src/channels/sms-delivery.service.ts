import { Injectable } from '@nestjs/common';
import { HttpDeliveryClient, type SignedDelivery } from './http-delivery.client.js';
import type { HttpDeliveryResult } from './http-outcome.util.js';
import type { OutboxSms, SmsProviderSettings } from './outbox-message.types.js';

/**
 * Sends an SMS through the workspace's HTTP provider: POST `{to, from, body}` as JSON to
 * sms_provider.url, signed like a webhook (with `Authorization: Bearer <token>` when the
 * provider has a token). The provider's 2xx answer means accepted.
 */
@Injectable()
export class SmsDeliveryService {
  constructor(private readonly http: HttpDeliveryClient) {}

  async deliver(
    sms: OutboxSms,
    provider: SmsProviderSettings | null,
    signing: SignedDelivery,
  ): Promise<HttpDeliveryResult> {
    if (!provider)
      return { kind: 'failed', error: 'the workspace has no SMS provider (settings: smsProvider)' };
    const body = JSON.stringify({ to: sms.to, from: sms.from ?? provider.from, body: sms.body });
    return this.http.send({
      url: provider.url,
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Accept: 'application/json',
        ...(provider.token ? { Authorization: `Bearer ${provider.token}` } : {}),
      },
      body,
      ...signing,
    });
  }
}
