import { Module } from '@nestjs/common';
import { AdminAccess } from './admin-access.js';

/** Operator pages under /admin: their access check (the pages are registered in main.ts). */
@Module({
  providers: [AdminAccess],
  exports: [AdminAccess],
})
export class AdminModule {}
