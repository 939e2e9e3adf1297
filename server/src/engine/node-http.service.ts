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
import { WorkspaceCredentialsService } from '../secrets/workspace-credentials.service.js';

/**
 * What action nodes reach outside the step: `ctx.http` (the delivery client's SSRF guard
 * with the workspace's allowed hosts, its timeout, no signature, no retry) and
 * `ctx.secret(name)` (the workspace's secrets, opened here).
 */
@Injectable()
export class NodeHttpService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly client: HttpDeliveryClient,
    private readonly credentials: WorkspaceCredentialsService,
  ) {}

  async request(workspaceId: string, request: HttpRequestSpec): Promise<HttpResponse> {
    const method = request.method ?? 'GET';
    if (!WEBHOOK_METHODS.includes(method))
      throw new FatalActionError(`ctx.http: method must be one of ${WEBHOOK_METHODS.join(', ')}`);
    const workspace = await selectOne<{ allowed_hosts: string[] }>(
      this.db,
      'SELECT allowed_hosts FROM workspaces WHERE id = $1',
      [workspaceId],
    );
    try {
      return await this.client.request({
        url: request.url,
        method,
        allowedHosts: workspace?.allowed_hosts ?? [],
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

  secret(workspaceId: string, name: string): Promise<string | undefined> {
    return this.credentials.secret(workspaceId, name);
  }
}
