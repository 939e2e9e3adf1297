import {
  Body,
  Controller,
  Get,
  HttpCode,
  HttpException,
  Post,
  Req,
  Res,
  UnauthorizedException,
} from '@nestjs/common';
import {
  type LinkPurpose,
  type LinkTokenInfo,
  type MeView,
  type PasswordResetRequestBody,
  passwordResetRequestBodySchema,
  type SetPasswordBody,
  setPasswordBodySchema,
  type SignInBody,
  signInBodySchema,
  type TokenInfoBody,
  tokenInfoBodySchema,
} from '@switchyard/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Audited } from '../audit/audited.decorator.js';
import { type AuthenticatedRequest, CurrentActor, Public } from '../common/request-context.js';
import { zodBody } from '../common/zod-validation.pipe.js';
import { AppConfig } from '../config/app-config.service.js';
import type { Actor } from './actor.types.js';
import { MeService } from './me.service.js';
import { SESSION_COOKIE, sessionCookieOptions } from './session-cookie.js';
import { SessionService } from './session.service.js';
import { type SignedInUser, SignInService } from './sign-in.service.js';
import { UserTokensService } from './user-tokens.service.js';

type Request = FastifyRequest & AuthenticatedRequest;

const userTarget = (ctx: { result: unknown }) =>
  (ctx.result as MeView | undefined)?.actor.id ?? null;

/** Web sign-in: e-mail and password, a session cookie, and one-time links. */
@Controller('api/auth')
export class AuthController {
  constructor(
    private readonly signIns: SignInService,
    private readonly sessions: SessionService,
    private readonly tokens: UserTokensService,
    private readonly me: MeService,
    private readonly config: AppConfig,
  ) {}

  @Public()
  @Post('sign-in')
  @HttpCode(200)
  @Audited({ action: 'user.signed_in', targetType: 'user', targetId: userTarget })
  async signIn(
    @Body(zodBody(signInBodySchema)) body: SignInBody,
    @Req() request: Request,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<MeView> {
    const outcome = await this.signIns.signIn(body.email, body.password, request.ip);
    switch (outcome.kind) {
      case 'signed-in':
        return this.startSession(outcome.user, request, reply);
      case 'wrong':
        throw new UnauthorizedException({
          statusCode: 401,
          error: 'Unauthorized',
          message: 'wrong e-mail or password',
        });
      case 'throttled':
        void reply.header('Retry-After', String(outcome.retryAfterSeconds));
        throw new HttpException(
          {
            statusCode: 429,
            error: 'Too Many Requests',
            message: `too many failed sign-ins ${outcome.by === 'email' ? 'for this e-mail' : 'from your address'}: try again in ${Math.ceil(outcome.retryAfterSeconds / 60)} minute(s)${outcome.by === 'email' ? ', or reset the password' : ''}`,
          },
          429,
        );
      default: {
        const never: never = outcome;
        throw new Error(`unknown outcome ${JSON.stringify(never)}`);
      }
    }
  }

  /** Ends the session of the cookie (if any) and clears the cookie. */
  @Public()
  @Post('sign-out')
  @HttpCode(204)
  async signOut(
    @Req() request: Request,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    const token = request.cookies[SESSION_COOKIE];
    if (token) await this.sessions.end(token);
    void reply.clearCookie(SESSION_COOKIE, { path: '/' });
  }

  @Get('me')
  whoAmI(@CurrentActor() actor: Actor): Promise<MeView> {
    return this.me.describe(actor);
  }

  /** Always 202: the answer does not tell whether the address has an account. */
  @Public()
  @Post('password-reset')
  @HttpCode(202)
  requestReset(@Body(zodBody(passwordResetRequestBodySchema)) body: PasswordResetRequestBody): {
    message: string;
  } {
    this.signIns.requestReset(body.email);
    return { message: 'if this address has an account, a reset link is on its way' };
  }

  /** What a setup, reset or invite link is for (e-mail, role, workspace), before using it. */
  @Public()
  @Post('link')
  @HttpCode(200)
  describeLink(@Body(zodBody(tokenInfoBodySchema)) body: TokenInfoBody): Promise<LinkTokenInfo> {
    return this.tokens.describe(body.token);
  }

  @Public()
  @Post('setup')
  @HttpCode(200)
  @Audited({ action: 'user.setup_completed', targetType: 'user', targetId: userTarget })
  setUp(
    @Body(zodBody(setPasswordBodySchema)) body: SetPasswordBody,
    @Req() request: Request,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<MeView> {
    return this.complete('setup', body, request, reply);
  }

  @Public()
  @Post('reset')
  @HttpCode(200)
  @Audited({ action: 'user.password_reset', targetType: 'user', targetId: userTarget })
  reset(
    @Body(zodBody(setPasswordBodySchema)) body: SetPasswordBody,
    @Req() request: Request,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<MeView> {
    return this.complete('reset', body, request, reply);
  }

  @Public()
  @Post('accept-invite')
  @HttpCode(200)
  @Audited({ action: 'member.joined', targetType: 'user', targetId: userTarget })
  acceptInvite(
    @Body(zodBody(setPasswordBodySchema)) body: SetPasswordBody,
    @Req() request: Request,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<MeView> {
    return this.complete('invite', body, request, reply);
  }

  private async complete(
    purpose: LinkPurpose,
    body: SetPasswordBody,
    request: Request,
    reply: FastifyReply,
  ): Promise<MeView> {
    const user = await this.signIns.completeLink(purpose, body.token, body.password);
    return this.startSession(user, request, reply);
  }

  /** Sets the cookie and the request's actor (so the sign-in is audited as that person). */
  private startSession(user: SignedInUser, request: Request, reply: FastifyReply): Promise<MeView> {
    void reply.setCookie(
      SESSION_COOKIE,
      user.session.token,
      sessionCookieOptions(this.config.publicUrl, user.session.maxAgeSeconds),
    );
    const actor: Actor = {
      kind: 'user',
      workspaceId: user.workspaceId,
      userId: user.userId,
      email: user.email,
      role: user.role,
      sessionId: '',
    };
    request.workspaceId = user.workspaceId;
    request.actor = actor;
    return this.me.describe(actor);
  }
}
