import { Body, Controller, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { Public } from '../common/request-context.js';
import {
  UNSUBSCRIBE_PAGE_CSP,
  type UnsubscribePage,
  unsubscribePageHtml,
} from './unsubscribe-page.html.js';
import { UnsubscribeService } from './unsubscribe.service.js';

/** A field of a form body (parsed by the adapter's urlencoded parser). */
function field(body: unknown, name: string): unknown {
  return typeof body === 'object' && body !== null
    ? (body as Record<string, unknown>)[name]
    : undefined;
}

/** Whether the body is what a mail client posts for RFC 8058 one-click unsubscribing. */
function isOneClick(body: unknown): boolean {
  return field(body, 'List-Unsubscribe') === 'One-Click';
}

/**
 * The unsubscribe link of marketing e-mails, outside the API: `GET /u/:token` shows a page
 * with a button (opening a link changes nothing: mail scanners open links); `POST` records
 * the choice, from that button or from a mail client's one-click request
 * (`List-Unsubscribe-Post`). Public: the signed token is the credential.
 */
@Controller('u')
@Public()
export class UnsubscribeController {
  constructor(private readonly unsubscribes: UnsubscribeService) {}

  @Get(':token')
  async show(
    @Param('token') token: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    return answer(reply, await this.unsubscribes.page(token));
  }

  @Post(':token')
  @HttpCode(200)
  async unsubscribe(
    @Param('token') token: string,
    @Body() body: unknown,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const oneClick = isOneClick(body);
    // The page's buttons say which; a one-click request leaves the e-mail's topic.
    const scope = !oneClick && field(body, 'scope') === 'all' ? 'all' : 'topic';
    return answer(reply, await this.unsubscribes.unsubscribe(token, { scope, oneClick }));
  }
}

function answer(reply: FastifyReply, page: UnsubscribePage): string {
  reply
    .status(page.kind === 'invalid' ? 404 : 200)
    .header('Content-Type', 'text/html; charset=utf-8')
    .header('Content-Security-Policy', UNSUBSCRIBE_PAGE_CSP)
    .header('Cache-Control', 'no-store')
    // The token is in the address: never pass it on.
    .header('Referrer-Policy', 'no-referrer');
  return unsubscribePageHtml(page);
}
