import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  FatalActionError,
  type HttpRequestSpec,
  type HttpResponse,
  WEBHOOK_METHODS,
} from '@switchyard/sdk';
import type { DataSource } from 'typeorm';
import { HttpDeliveryClient, HttpRequestError } from '../channels/http-delivery.client.js';
import { selectOne } from '../database/sql.util.js';

/**
 * What action nodes reach outside the step: `ctx.http` (the delivery client's SSRF guard
 * and timeout, no signature, no retry) and `ctx.secret(name)` (the workspace's secrets).
 */
@Injectable()
export class NodeHttpService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly client: HttpDeliveryClient,
  ) {}

  async request(request: HttpRequestSpec): Promise<HttpResponse> {
    const method = request.method ?? 'GET';
    if (!WEBHOOK_METHODS.includes(method))
      throw new FatalActionError(`ctx.http: method must be one of ${WEBHOOK_METHODS.join(', ')}`);
    try {
      return await this.client.request({
        url: request.url,
        method,
        ...(request.headers ? { headers: request.headers } : {}),
        ...(request.body !== undefined ? { body: request.body } : {}),
      });
    } catch (error) {
      // A refused address or a bad URL will not pass later: the step fails now.
      if (error instanceof HttpRequestError && error.permanent)
        throw new FatalActionError(`ctx.http: ${error.message}`);
      throw error;
    }
  }

  async secret(workspaceId: string, name: string): Promise<string | undefined> {
    const row = await selectOne<{ value: string | null }>(
      this.db,
      'SELECT secrets->>$2 AS value FROM workspaces WHERE id = $1',
      [workspaceId, name],
    );
    return row?.value ?? undefined;
  }
}
