import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { selectOne } from '../database/sql.util.js';
import { OptOutsRepository } from './opt-outs.repository.js';
import type { UnsubscribePage } from './unsubscribe-page.html.js';
import {
  PREVIEW_UNSUBSCRIBE_TOKEN,
  UnsubscribeLinks,
  type UnsubscribeTarget,
} from './unsubscribe-links.service.js';

/**
 * The public side of unsubscribing: what the page shows for a link, and recording the
 * customer's choice (from the page's button, or a mail client's RFC 8058 one-click POST).
 * A link for a customer deleted since still answers "unsubscribed": the page tells
 * nothing about who exists.
 */
@Injectable()
export class UnsubscribeService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly links: UnsubscribeLinks,
    private readonly optOuts: OptOutsRepository,
  ) {}

  async page(token: string): Promise<UnsubscribePage> {
    const link = await this.linkOf(token);
    if (link.kind !== 'valid') return link;
    const { target, workspace } = link;
    const out = await this.optOuts.optedOut(this.db, target.customerId, ['email']);
    return { kind: 'confirm', workspace, token, alreadyOut: out.has('email') };
  }

  async unsubscribe(token: string, oneClick: boolean): Promise<UnsubscribePage> {
    const link = await this.linkOf(token);
    if (link.kind !== 'valid') return link;
    const { target, workspace } = link;
    await this.optOuts.optOut(
      target.workspaceId,
      target.customerId,
      'email',
      oneClick ? 'one_click' : 'link',
      target.message,
    );
    return { kind: 'done', workspace };
  }

  /** Whom a link unsubscribes, in which workspace (by name); a preview or invalid link. */
  private async linkOf(
    token: string,
  ): Promise<
    | { kind: 'valid'; target: UnsubscribeTarget; workspace: string }
    | { kind: 'preview' }
    | { kind: 'invalid' }
  > {
    if (token === PREVIEW_UNSUBSCRIBE_TOKEN) return { kind: 'preview' };
    const target = this.links.read(token);
    if (!target) return { kind: 'invalid' };
    const row = await selectOne<{ name: string }>(
      this.db,
      'SELECT name FROM workspaces WHERE id = $1',
      [target.workspaceId],
    );
    return row ? { kind: 'valid', target, workspace: row.name } : { kind: 'invalid' };
  }
}
