import { Module } from '@nestjs/common';
import { EngagementLinks } from './engagement-links.service.js';

/** The signed open and click links, as the engine writes them into e-mails. */
@Module({ providers: [EngagementLinks], exports: [EngagementLinks] })
export class EngagementModule {}
