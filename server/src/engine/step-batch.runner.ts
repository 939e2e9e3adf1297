import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { InCallerContext } from '../common/micro-batcher.js';
import { recordStepBatch } from '../metrics/journey-step.metrics.js';
import { DirtyCustomersService } from '../segments/realtime/dirty-customers.service.js';
import { JourneySchedulerService } from './journey-scheduler.service.js';
import type { JourneyStepJobData } from './journey-step.job.js';
import type { EnvironmentRequest, EnvironmentRow } from './step-environment.loader.js';
import { StepEnvironmentLoader } from './step-environment.loader.js';
import type { StepFollowUp } from './step-recorder.service.js';
import { type LockedEnrollment, StepRunnerService } from './step-runner.service.js';
import { onlyInserted } from './step-runner.util.js';
import { StepWrites } from './step-writes.buffer.js';
import { VersionCacheService } from './version-cache.service.js';

export type StepOutcome = { ok: true; followUp: StepFollowUp } | { ok: false; error: unknown };

type JobResult =
  { ok: true; followUp: StepFollowUp; writes: StepWrites } | { ok: false; error: unknown };

/**
 * Runs the steps of many jobs in one transaction (group commit): the enrollments are
 * locked by one statement in id order, the customers loaded by one, the branch conditions
 * coalesced into one query per rule, and the step rows and enrollment moves written by two.
 * Each job is still exactly one step, decided by the same code and the same rows as a job
 * run alone (StepRunnerService.runLocked), and each job's outcome is its own: a job whose
 * action throws is retried alone while the others commit. If the transaction itself fails
 * (a deadlock, a constraint), every job is run again on its own.
 */
@Injectable()
export class StepBatchRunner {
  private readonly logger = new Logger(StepBatchRunner.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly runner: StepRunnerService,
    private readonly environments: StepEnvironmentLoader,
    private readonly versions: VersionCacheService,
    private readonly scheduler: JourneySchedulerService,
    private readonly dirty: DirtyCustomersService,
  ) {}

  /**
   * One outcome per job, in order; the next steps of those that succeeded are enqueued.
   * Their messages are the caller's to send (OutboxSendNowService), outside the batch.
   */
  async run(
    jobs: readonly JourneyStepJobData[],
    inCallerContext: InCallerContext = (_index, fn) => fn(),
  ): Promise<StepOutcome[]> {
    const startedAt = performance.now();
    let outcomes = await this.execute(jobs, inCallerContext);
    try {
      await this.enqueueFollowUps(outcomes);
    } catch (error) {
      // Committed but not enqueued: the retried jobs are replays that enqueue again.
      outcomes = jobs.map(() => ({ ok: false, error }));
    }
    recordStepBatch(outcomes, startedAt);
    return outcomes;
  }

  private async execute(
    jobs: readonly JourneyStepJobData[],
    asCaller: InCallerContext,
  ): Promise<StepOutcome[]> {
    const alone = (i: number, job: JourneyStepJobData) =>
      asCaller(i, () => settle(this.runner.run(job)));
    const [only] = jobs;
    if (jobs.length === 1 && only) return [await alone(0, only)];
    // An enrollment runs once per transaction; a second job for it runs after commit.
    const seen = new Set<string>();
    const first: { job: JourneyStepJobData; index: number }[] = [];
    const again: number[] = [];
    jobs.forEach((job, index) => {
      if (seen.has(job.enrollmentId)) again.push(index);
      else {
        seen.add(job.enrollmentId);
        first.push({ job, index });
      }
    });
    let outcomes: StepOutcome[];
    try {
      outcomes = await this.inOneTransaction(first, asCaller);
    } catch (error) {
      this.logger.warn(
        `a batch of ${first.length} steps failed (${(error as Error).message}); running them one by one`,
      );
      outcomes = await Promise.all(first.map(({ job, index }) => alone(index, job)));
    }
    const byIndex: StepOutcome[] = [];
    let next = 0;
    for (let i = 0; i < jobs.length; i++) {
      const job = jobs[i];
      if (!job) continue;
      byIndex.push(
        again.includes(i)
          ? await alone(i, job)
          : (outcomes[next++] ?? { ok: false, error: new Error('no outcome') }),
      );
    }
    return byIndex;
  }

  /** Each job's own step runs in its caller's async context (its log lines, its job id). */
  private inOneTransaction(
    batch: readonly { job: JourneyStepJobData; index: number }[],
    asCaller: InCallerContext,
  ): Promise<StepOutcome[]> {
    const jobs = batch.map((b) => b.job);
    return this.db.transaction(async (em) => {
      const locked = await this.runner.lockMany(
        em,
        jobs.map((job) => job.enrollmentId),
      );
      const shared = this.runner.scope(em, new Date(), await this.preload(em, jobs, locked));
      const results = await Promise.all(
        batch.map(({ job, index }) =>
          asCaller(index, async (): Promise<JobResult> => {
            const own = { ...shared, writes: new StepWrites(em) };
            try {
              const enrollment = locked.get(job.enrollmentId);
              const followUp = await this.runner.runLocked(own, job, enrollment);
              return { ok: true, followUp, writes: own.writes };
            } catch (error) {
              return { ok: false, error };
            }
          }),
        ),
      );
      for (const result of results) if (result.ok) shared.writes.absorb(result.writes);
      const inserted = await shared.writes.flush();
      return results.map((r): StepOutcome =>
        r.ok ? { ok: true, followUp: onlyInserted(r.followUp, inserted) } : r,
      );
    });
  }

  /** The customers of the jobs that will run a node (no step row yet), in one query. */
  private async preload(
    em: EntityManager,
    jobs: readonly JourneyStepJobData[],
    locked: Map<string, LockedEnrollment>,
  ): Promise<Map<string, EnvironmentRow>> {
    const requests: EnvironmentRequest[] = [];
    for (const job of jobs) {
      const enrollment = locked.get(job.enrollmentId);
      if (
        !enrollment ||
        job.wake ||
        enrollment.status !== 'active' ||
        enrollment.step_status !== null ||
        enrollment.current_node_id !== job.nodeId ||
        enrollment.step_seq !== job.seq
      )
        continue;
      const version = await this.versions.get(em, enrollment.version_id);
      if (version) requests.push({ enrollment, version });
    }
    return requests.length === 0 ? new Map() : this.environments.loadMany(em, requests);
  }

  private async enqueueFollowUps(outcomes: readonly StepOutcome[]): Promise<void> {
    const followUps = outcomes.flatMap((o) => (o.ok ? [o.followUp] : []));
    await this.scheduler.scheduleNext(followUps.flatMap((f) => f.steps));
    const changed = new Map<string, string[]>();
    for (const f of followUps) {
      if (!f.traitsChanged) continue;
      const ids = changed.get(f.traitsChanged.workspaceId) ?? [];
      ids.push(f.traitsChanged.customerId);
      changed.set(f.traitsChanged.workspaceId, ids);
    }
    for (const [workspaceId, customerIds] of changed)
      await this.dirty.markDirty(workspaceId, customerIds);
  }
}

async function settle(promise: Promise<StepFollowUp>): Promise<StepOutcome> {
  try {
    return { ok: true, followUp: await promise };
  } catch (error) {
    return { ok: false, error };
  }
}
