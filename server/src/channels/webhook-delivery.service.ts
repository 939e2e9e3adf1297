import { Injectable } from '@nestjs/common';
import {
  type HttpAttempt,
  HttpDeliveryClient,
  type OutgoingHttpRequest,
  type SignedDelivery,
} from './http-delivery.client.js';
import type { HttpDeliveryResult } from './http-outcome.util.js';
import type { OutboxWebhook } from './outbox-message.types.js';

/**
 * Calls the node's URL with its method, headers and body, signed with the workspace's
 * secret (X-Switchyard-Signature over "<timestamp>.<body>").
 */
@Injectable()
export class WebhookDeliveryService {
  constructor(private readonly http: HttpDeliveryClient) {}

  deliver(request: OutboxWebhook, signing: SignedDelivery): Promise<HttpDeliveryResult> {
    return this.http.send(outgoing(request, signing));
  }

  /** A test send: the same request, marked as a test, its answer kept whatever the status. */
  test(request: OutboxWebhook, signing: SignedDelivery): Promise<HttpAttempt> {
    return this.http.attempt({ ...outgoing(request, signing), test: true });
  }
}

function outgoing(request: OutboxWebhook, signing: SignedDelivery): OutgoingHttpRequest {
  return {
    url: request.url,
    method: request.method,
    headers: request.headers ?? {},
    body: request.method === 'GET' ? '' : (request.body ?? ''),
    ...signing,
  };
}
