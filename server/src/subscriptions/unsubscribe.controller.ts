import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { Public } from '../common/request-context.js';
import {
  UNSUBSCRIBE_PAGE_CSP,
  type UnsubscribePage,
  unsubscribePageHtml,
} from './unsubscribe-page.html.js';
import { UnsubscribeService } from './unsubscribe.service.js';
import { PreferenceCenterService, type PreferencesAnswer } from './preference-center.service.js';
import { preferencesPageHtml } from './preferences-page.html.js';

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
  constructor(
    private readonly unsubscribes: UnsubscribeService,
    private readonly preferenceCenter: PreferenceCenterService,
  ) {}

  @Get(':token')
  async show(
    @Param('token') token: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    return answerWith(reply, await this.unsubscribes.page(token));
  }

  /** The customer's preference center: marketing e-mail and each topic, on or off. */
  @Get(':token/preferences')
  async preferences(
    @Param('token') token: string,
    @Query('saved') saved: unknown,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    return answerPreferences(reply, await this.preferenceCenter.show(token, saved === '1'));
  }

  /**
   * Saves the whole form: ticked is subscribed (`email=on`, `topic=<id>` per topic kept);
   * then 303 to the page with `?saved=1`, so reloading it does not post the form again.
   */
  @Post(':token/preferences')
  @HttpCode(200)
  async savePreferences(
    @Param('token') token: string,
    @Body() body: unknown,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const topics = field(body, 'topic');
    const choice = {
      email: field(body, 'email') === 'on',
      topics: new Set(
        (Array.isArray(topics) ? topics : [topics]).filter(
          (t): t is string => typeof t === 'string',
        ),
      ),
    };
    const saved = await this.preferenceCenter.save(token, choice);
    if (saved.kind !== 'saved') return answerWith(reply, saved);
    headers(reply, 303);
    reply.header('Location', `/u/${encodeURIComponent(token)}/preferences?saved=1`);
    return '';
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
    return answerWith(reply, await this.unsubscribes.unsubscribe(token, { scope, oneClick }));
  }
}

function answerPreferences(reply: FastifyReply, answer: PreferencesAnswer): string {
  if (answer.kind !== 'preferences') return answerWith(reply, answer);
  headers(reply, 200);
  return preferencesPageHtml(answer.page);
}

function answerWith(reply: FastifyReply, page: UnsubscribePage): string {
  headers(reply, page.kind === 'invalid' ? 404 : 200);
  return unsubscribePageHtml(page);
}

function headers(reply: FastifyReply, status: number): void {
  reply
    .status(status)
    .header('Content-Type', 'text/html; charset=utf-8')
    .header('Content-Security-Policy', UNSUBSCRIBE_PAGE_CSP)
    .header('Cache-Control', 'no-store')
    // The token is in the address: never pass it on.
    .header('Referrer-Policy', 'no-referrer');
}
