import { Module } from '@nestjs/common';
import { InvitesController } from './invites.controller.js';
import { MembersController } from './members.controller.js';
import { MembersService } from './members.service.js';

/** Members and invites (the people services come from the global AuthModule). */
@Module({
  controllers: [MembersController, InvitesController],
  providers: [MembersService],
})
export class MembersModule {}
