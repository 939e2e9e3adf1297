import { Body, Controller, Delete, Get, Param, Patch } from '@nestjs/common';
import { type MemberRoleBody, memberRoleBodySchema, type MemberView } from '@switchyard/contracts';
import { z } from 'zod';
import { Audited } from '../audit/audited.decorator.js';
import { RequireRole } from '../auth/require-role.decorator.js';
import { WorkspaceId } from '../common/request-context.js';
import { ZodValidationPipe, zodBody } from '../common/zod-validation.pipe.js';
import { MembersService } from './members.service.js';

const memberId = new ZodValidationPipe(z.uuid('must be a member id (uuid)'), 'id');
const memberDetails = ({ result }: { result: unknown }) => {
  const member = result as MemberView;
  return { email: member.email, role: member.role };
};

/** People of the workspace and their roles. Owners only. */
@RequireRole('owner')
@Controller('api/members')
export class MembersController {
  constructor(private readonly members: MembersService) {}

  @Get()
  list(@WorkspaceId() workspaceId: string): Promise<MemberView[]> {
    return this.members.list(workspaceId);
  }

  @Patch(':id')
  @Audited({ action: 'member.role_changed', targetType: 'user', details: memberDetails })
  changeRole(
    @WorkspaceId() workspaceId: string,
    @Param('id', memberId) id: string,
    @Body(zodBody(memberRoleBodySchema)) body: MemberRoleBody,
  ): Promise<MemberView> {
    return this.members.changeRole(workspaceId, id, body.role);
  }

  /** Answers the removed member. */
  @Delete(':id')
  @Audited({ action: 'member.removed', targetType: 'user', details: memberDetails })
  remove(
    @WorkspaceId() workspaceId: string,
    @Param('id', memberId) id: string,
  ): Promise<MemberView> {
    return this.members.remove(workspaceId, id);
  }
}
