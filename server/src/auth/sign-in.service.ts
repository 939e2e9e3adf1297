import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { LinkPurpose, MemberRole } from '@switchyard/contracts';
import type { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config.service.js';
import { selectOne } from '../database/sql.util.js';
import { AccountMailService } from './account-mail.service.js';
import {
  AttemptLimiterService,
  RESET_REQUESTS,
  SIGN_IN_FAILURES,
  SIGN_IN_FAILURES_PER_ADDRESS,
} from './attempt-limiter.service.js';
import { hashPassword, verifyNobody, verifyPassword } from './password-hasher.js';
import { linkFor } from './secret-token.util.js';
import { type NewSession, SessionService } from './session.service.js';
import { UserTokensService } from './user-tokens.service.js';
import { type UserRow, UsersRepository } from './users.repository.js';

export interface SignedInUser {
  workspaceId: string;
  userId: string;
  email: string;
  role: MemberRole;
  session: NewSession;
}

export type SignInOutcome =
  | { kind: 'signed-in'; user: SignedInUser }
  | { kind: 'wrong' }
  | { kind: 'throttled'; by: 'email' | 'address'; retryAfterSeconds: number };

/** Sign-in with e-mail and password, reset requests, and links that set a password. */
@Injectable()
export class SignInService {
  private readonly logger = new Logger(SignInService.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly users: UsersRepository,
    private readonly sessions: SessionService,
    private readonly tokens: UserTokensService,
    private readonly limiter: AttemptLimiterService,
    private readonly mail: AccountMailService,
    private readonly config: AppConfig,
  ) {}

  /**
   * A wrong e-mail and a wrong password look the same (same answer, same time). After
   * SIGN_IN_FAILURES.max failures for one e-mail, or SIGN_IN_FAILURES_PER_ADDRESS.max from
   * one client address, every try is refused until the window ends. A success clears the
   * e-mail's count, not the address's (one known password must not reopen spraying).
   */
  async signIn(email: string, password: string, address: string): Promise<SignInOutcome> {
    const byEmail = await this.limiter.blockedFor(SIGN_IN_FAILURES, email);
    if (byEmail > 0) return { kind: 'throttled', by: 'email', retryAfterSeconds: byEmail };
    const byAddress = await this.limiter.blockedFor(SIGN_IN_FAILURES_PER_ADDRESS, address);
    if (byAddress > 0) return { kind: 'throttled', by: 'address', retryAfterSeconds: byAddress };
    const candidates = (await this.users.byEmail(email)).filter((u) => u.password_hash !== null);
    let match: UserRow | undefined;
    for (const candidate of candidates)
      if (await verifyPassword(candidate.password_hash as string, password)) {
        match = candidate;
        break;
      }
    if (candidates.length === 0) await verifyNobody(password);
    if (!match) {
      await this.limiter.record(SIGN_IN_FAILURES, email);
      await this.limiter.record(SIGN_IN_FAILURES_PER_ADDRESS, address);
      return { kind: 'wrong' };
    }
    await this.limiter.clear(SIGN_IN_FAILURES, email);
    await this.users.signedIn(match.id);
    const session = await this.sessions.create(match.workspace_id, match.id);
    return {
      kind: 'signed-in',
      user: {
        workspaceId: match.workspace_id,
        userId: match.id,
        email: match.email,
        role: match.role,
        session,
      },
    };
  }

  /**
   * Sends a reset link to every account with this e-mail (in the background: the caller
   * answers 202 at once, whether or not the address exists).
   */
  requestReset(email: string): void {
    void this.sendResetLinks(email).catch((error: unknown) =>
      this.logger.error({ err: error }, 'could not send a password reset link'),
    );
  }

  private async sendResetLinks(email: string): Promise<void> {
    if ((await this.limiter.record(RESET_REQUESTS, email)) > RESET_REQUESTS.max) {
      this.logger.warn('too many reset requests for one e-mail: no link sent');
      return;
    }
    for (const user of await this.users.byEmail(email)) {
      // Someone who was invited and never accepted uses the invite link instead.
      if (user.password_hash === null && user.role !== 'owner') continue;
      await this.sendLink(user, user.password_hash === null ? 'setup' : 'reset');
    }
  }

  /** Issues a link of `purpose` for `user` and delivers it (log, and SMTP when set). */
  async sendLink(user: UserRow, purpose: LinkPurpose): Promise<{ link: string; expiresAt: Date }> {
    const issued = await this.tokens.issue(user.workspace_id, user.id, purpose);
    const link = linkFor(this.config.publicUrl, purpose, issued.token);
    const workspace = await selectOne<{ name: string }>(
      this.db,
      'SELECT name FROM workspaces WHERE id = $1',
      [user.workspace_id],
    );
    this.mail.deliver({
      workspaceId: user.workspace_id,
      to: user.email,
      purpose,
      link,
      workspaceName: workspace?.name ?? 'Switchyard',
      expiresAt: issued.expiresAt,
    });
    return { link, expiresAt: issued.expiresAt };
  }

  /**
   * Completes a setup, reset or invite link: sets the password, ends every other session
   * of the person and signs them in.
   */
  async completeLink(purpose: LinkPurpose, token: string, password: string): Promise<SignedInUser> {
    const passwordHash = await hashPassword(password);
    const user = await this.db.transaction(async (em) => {
      const redeemed = await this.tokens.redeem(token, purpose, em);
      await this.users.setPassword(redeemed.userId, passwordHash, em);
      await this.sessions.endAllFor(redeemed.userId, em);
      const session = await this.sessions.create(redeemed.workspaceId, redeemed.userId, em);
      return { ...redeemed, session };
    });
    await this.users.signedIn(user.userId);
    await this.limiter.clear(SIGN_IN_FAILURES, user.email);
    return {
      workspaceId: user.workspaceId,
      userId: user.userId,
      email: user.email,
      role: user.role,
      session: user.session,
    };
  }
}
