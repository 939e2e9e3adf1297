import { Module } from '@nestjs/common';
import { ActionsModule } from '../actions/actions.module.js';
import { ChannelsModule } from '../channels/channels.module.js';
import { ContentModule } from '../content/content.module.js';
import { RecommendationsModule } from '../recommendations/recommendations.module.js';
import { ActionContextFactory } from './action-context.factory.js';
import { JourneySchedulerService } from './journey-scheduler.service.js';
import { ReconcilerService } from './reconciler.service.js';
import { StepEnvironmentLoader } from './step-environment.loader.js';
import { StepRecorder } from './step-recorder.service.js';
import { NodeHttpService } from './node-http.service.js';
import { StepBatchRunner } from './step-batch.runner.js';
import { StepPreviewSceneLoader } from './step-preview-scene.loader.js';
import { StepPreviewService } from './step-preview.service.js';
import { StepTestSendService } from './step-test-send.service.js';
import { StepRunnerService } from './step-runner.service.js';
import { TransitionEnrollerService } from './transition-enroller.service.js';
import { VersionCacheService } from './version-cache.service.js';
import { DirtyCustomersService } from '../segments/realtime/dirty-customers.service.js';
import { EnrollmentExitsService } from './enrollment/enrollment-exits.service.js';
import { EnrollmentWriterService } from './enrollment/enrollment-writer.service.js';
import { EventEnrollmentService } from './enrollment/event-enrollment.service.js';
import { EventWakeService } from './event-wake.service.js';
import { MessageGateService } from './messaging/message-gate.service.js';
import { CustomerRulesService } from './rules/customer-rules.service.js';
import { StepEffectsService } from './step-effects.service.js';
import { JourneySchedulesService } from './triggers/journey-schedules.service.js';
import { EngagementModule } from '../engagement/engagement.module.js';
import { SubscriptionsModule } from '../subscriptions/subscriptions.module.js';
import { StepPreviewHolds } from './step-preview-holds.service.js';

/**
 * The journey engine's services, available in every role (the API process runs segment
 * evaluations, which enroll). Import this module to use TransitionEnrollerService and
 * JourneySchedulerService. Queue workers are added by EngineWorkersModule.
 */
@Module({
  imports: [
    ActionsModule,
    ContentModule,
    ChannelsModule,
    RecommendationsModule,
    SubscriptionsModule,
    EngagementModule,
  ],
  providers: [
    TransitionEnrollerService,
    JourneySchedulerService,
    ReconcilerService,
    StepRunnerService,
    StepBatchRunner,
    StepRecorder,
    NodeHttpService,
    StepEnvironmentLoader,
    ActionContextFactory,
    VersionCacheService,
    EnrollmentWriterService,
    EnrollmentExitsService,
    EventEnrollmentService,
    EventWakeService,
    CustomerRulesService,
    MessageGateService,
    StepEffectsService,
    DirtyCustomersService,
    JourneySchedulesService,
    StepPreviewService,
    StepPreviewHolds,
    StepPreviewSceneLoader,
    StepTestSendService,
  ],
  exports: [
    ActionContextFactory,
    TransitionEnrollerService,
    JourneySchedulerService,
    ReconcilerService,
    StepRunnerService,
    StepBatchRunner,
    EnrollmentExitsService,
    EventEnrollmentService,
    EventWakeService,
    DirtyCustomersService,
    JourneySchedulesService,
    StepPreviewService,
    StepTestSendService,
  ],
})
export class EngineModule {}
