import { Body, Controller, Post } from '@nestjs/common';
import { type InviteBody, inviteBodySchema, type InviteResult } from '@switchyard/contracts';
import { Audited } from '../audit/audited.decorator.js';
import { RequireRole } from '../auth/require-role.decorator.js';
import { WorkspaceId } from '../common/request-context.js';
import { zodBody } from '../common/zod-validation.pipe.js';
import { MembersService } from './members.service.js';

/** Invites by e-mail with a role: a one-time link, shown to the owner, logged and mailed. */
@RequireRole('owner')
@Controller('api/invites')
export class InvitesController {
  constructor(private readonly members: MembersService) {}

  @Post()
  @Audited({
    action: 'member.invited',
    targetType: 'user',
    targetId: ({ result }) => (result as InviteResult).member.id,
    details: ({ result }) => {
      const { member } = result as InviteResult;
      return { email: member.email, role: member.role };
    },
  })
  invite(
    @WorkspaceId() workspaceId: string,
    @Body(zodBody(inviteBodySchema)) body: InviteBody,
  ): Promise<InviteResult> {
    return this.members.invite(workspaceId, body);
  }
}
