import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { AppConfig } from '../config/app-config.service.js';
import { QueueName } from '../queues/queue-names.js';
import { AssociationRulesRepository } from './association-rules.repository.js';
import {
  RECOMMENDATIONS_REFRESH_JOB,
  RECOMMENDATIONS_REFRESH_SCHEDULER_ID,
} from './recommendations-refresh.job.js';

/** Keeps the association rules fresh: every RECOMMENDATIONS_REFRESH_SECONDS, all workspaces. */
@Processor(QueueName.Recommendations, { concurrency: 1 })
export class RecommendationsRefreshProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger(RecommendationsRefreshProcessor.name);

  constructor(
    private readonly rules: AssociationRulesRepository,
    private readonly config: AppConfig,
    @InjectQueue(QueueName.Recommendations) private readonly queue: Queue,
  ) {
    super();
  }

  async onApplicationBootstrap(): Promise<void> {
    const seconds = this.config.values.RECOMMENDATIONS_REFRESH_SECONDS;
    if (seconds === 0) {
      await this.queue.removeJobScheduler(RECOMMENDATIONS_REFRESH_SCHEDULER_ID);
      return;
    }
    await this.queue.upsertJobScheduler(
      RECOMMENDATIONS_REFRESH_SCHEDULER_ID,
      { every: seconds * 1000 },
      {
        name: RECOMMENDATIONS_REFRESH_JOB,
        data: {},
        opts: { removeOnComplete: true, removeOnFail: 50 },
      },
    );
  }

  async process(): Promise<{ workspaces: number; rules: number }> {
    let rules = 0;
    const workspaces = await this.rules.workspaceIds();
    for (const workspaceId of workspaces) rules += (await this.rules.refresh(workspaceId)).rules;
    this.logger.log(`association rules refreshed: ${workspaces.length} workspaces, ${rules} rules`);
    return { workspaces: workspaces.length, rules };
  }
}
