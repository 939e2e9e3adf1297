import { Module } from '@nestjs/common';
import { EngineModule } from '../engine/engine.module.js';
import { GroupBackfillRunnerService } from './backfill/group-backfill-runner.service.js';
import { GroupBackfillsController } from './backfill/group-backfills.controller.js';
import { GroupBackfillsRepository } from './backfill/group-backfills.repository.js';
import { GroupBackfillsService } from './backfill/group-backfills.service.js';
import { GroupEvaluatorService } from './evaluation/group-evaluator.service.js';
import { GroupHistoryController } from './evaluation/group-history.controller.js';
import { GroupHistoryService } from './evaluation/group-history.service.js';
import { GroupSnapshotsRepository } from './evaluation/group-snapshots.repository.js';
import { GroupMovementService } from './movement/group-movement.service.js';
import { SegmentGroupsController } from './segment-groups.controller.js';
import { SegmentGroupsRepository } from './segment-groups.repository.js';
import { SegmentGroupsService } from './segment-groups.service.js';

/** Segment groups, their snapshots and moves, and backfills; available in every role. */
@Module({
  imports: [EngineModule],
  controllers: [SegmentGroupsController, GroupHistoryController, GroupBackfillsController],
  providers: [
    SegmentGroupsRepository,
    SegmentGroupsService,
    GroupSnapshotsRepository,
    GroupEvaluatorService,
    GroupHistoryService,
    GroupMovementService,
    GroupBackfillsRepository,
    GroupBackfillsService,
    GroupBackfillRunnerService,
  ],
  exports: [
    SegmentGroupsService,
    GroupMovementService,
    GroupSnapshotsRepository,
    GroupEvaluatorService,
    GroupBackfillsService,
    GroupBackfillRunnerService,
  ],
})
export class SegmentGroupsModule {}
