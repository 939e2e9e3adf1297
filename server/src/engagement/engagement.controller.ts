import { Controller, Get, Header, Param, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { Public } from '../common/request-context.js';
import { EngagementLinks } from './engagement-links.service.js';
import { EngagementService } from './engagement.service.js';

/** A transparent 1x1 GIF. */
const PIXEL = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

/**
 * The tracked links and the open pixel of journey e-mails (EngagementLinks), outside the
 * API. Public: the signed token is the credential. A link redirects to its destination
 * even when it cannot be counted (a deleted run); one Switchyard did not sign is a 404.
 */
@Controller()
@Public()
export class EngagementController {
  constructor(
    private readonly links: EngagementLinks,
    private readonly engagement: EngagementService,
  ) {}

  @Get('c/:token')
  async click(
    @Param('token') token: string,
    @Query('u') url: unknown,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const destination = typeof url === 'string' ? url : '';
    const message = this.links.read(token, destination);
    if (!message || !/^https?:\/\//i.test(destination)) {
      await reply.status(404).type('text/plain; charset=utf-8').send('This link is not valid.');
      return;
    }
    await this.engagement.record('click', message, destination);
    await reply.header('Cache-Control', 'no-store').redirect(destination, 302);
  }

  @Get('o/:token')
  @Header('Cache-Control', 'no-store, max-age=0')
  async open(@Param('token') token: string, @Res() reply: FastifyReply): Promise<void> {
    const message = this.links.read(token.replace(/\.gif$/, ''));
    if (message) await this.engagement.record('open', message);
    // A pixel answers an image either way: a broken image would show in the e-mail.
    await reply.type('image/gif').send(PIXEL);
  }
}
