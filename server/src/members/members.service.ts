import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { InviteBody, InviteResult, MemberRole, MemberView } from '@switchyard/contracts';
import type { DataSource, EntityManager } from 'typeorm';
import { SignInService } from '../auth/sign-in.service.js';
import { memberView, type UserRow, UsersRepository } from '../auth/users.repository.js';

const notFound = (id: string) =>
  new NotFoundException({ statusCode: 404, error: 'Not Found', message: `member ${id} not found` });

const lastOwner = (what: string) =>
  new ConflictException({
    statusCode: 409,
    error: 'Conflict',
    message: `cannot ${what} the last owner who can sign in: make someone else an owner first`,
  });

/** Members of a workspace: invites, roles, removal; never the last owner. */
@Injectable()
export class MembersService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly users: UsersRepository,
    private readonly signIns: SignInService,
  ) {}

  async list(workspaceId: string): Promise<MemberView[]> {
    return (await this.users.list(workspaceId)).map(memberView);
  }

  /**
   * Invites an e-mail with a role: a member without a password and a one-time link (a
   * new link, and the new role, when that e-mail was already invited). 409 for someone
   * who has already joined.
   */
  async invite(workspaceId: string, body: InviteBody): Promise<InviteResult> {
    const user = await this.db.transaction(async (em) => {
      const existing = await this.users.byWorkspaceEmail(workspaceId, body.email, em);
      if (existing && existing.password_hash !== null)
        throw new ConflictException({
          statusCode: 409,
          error: 'Conflict',
          message: `${existing.email} is already a member (${existing.role}): change the role instead`,
          issues: [{ field: 'email', message: 'is already a member' }],
        });
      if (existing)
        return (await this.users.setRole(workspaceId, existing.id, body.role, em)) as UserRow;
      return this.users.insert(workspaceId, body.email, body.role, em);
    });
    const sent = await this.signIns.sendLink(user, 'invite');
    return { member: memberView(user), link: sent.link, expiresAt: sent.expiresAt.toISOString() };
  }

  async changeRole(workspaceId: string, id: string, role: MemberRole): Promise<MemberView> {
    return this.db.transaction(async (em) => {
      const user = await this.lockMember(workspaceId, id, em);
      if (user.role === 'owner' && role !== 'owner' && user.password_hash !== null)
        if ((await this.users.otherActiveOwners(workspaceId, id, em)) === 0)
          throw lastOwner('change the role of');
      const updated = await this.users.setRole(workspaceId, id, role, em);
      if (!updated) throw notFound(id);
      return memberView(updated);
    });
  }

  /** Removes a member (their sessions and links go with them); returns who was removed. */
  async remove(workspaceId: string, id: string): Promise<MemberView> {
    return this.db.transaction(async (em) => {
      const user = await this.lockMember(workspaceId, id, em);
      if (user.role === 'owner' && (await this.users.otherActiveOwners(workspaceId, id, em)) === 0)
        throw lastOwner('remove');
      await this.users.remove(workspaceId, id, em);
      return memberView(user);
    });
  }

  private async lockMember(workspaceId: string, id: string, em: EntityManager): Promise<UserRow> {
    // Owners first (the same order as otherActiveOwners), so two changes cannot deadlock.
    await em.query(
      `SELECT id FROM users WHERE workspace_id = $1 AND role = 'owner' ORDER BY id FOR UPDATE`,
      [workspaceId],
    );
    const user = await this.users.byId(workspaceId, id, em);
    if (!user) throw notFound(id);
    return user;
  }
}
