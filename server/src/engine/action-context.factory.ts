import { Injectable, Logger } from '@nestjs/common';
import {
  type ActionContext,
  type ActionLogger,
  type EmailMessage,
  FatalActionError,
} from '@switchyard/sdk';
import { z } from 'zod';
import type { TemplateData } from '../content/template-data.types.js';
import { TemplateService } from '../content/template.service.js';
import type { StepEnvironment } from './step-environment.types.js';

/** Effects an action asked for; written to the outbox only if the step succeeds. */
export interface CollectedEffects {
  emails: EmailMessage[];
}

const emailSchema = z.strictObject({
  to: z.email('is not an email address'),
  subject: z.string().min(1, 'must not be empty').max(2000),
  html: z.string().max(1_000_000).optional(),
  text: z.string().max(1_000_000).optional(),
});

/** Builds the SDK's ActionContext for one step. */
@Injectable()
export class ActionContextFactory {
  constructor(private readonly templates: TemplateService) {}

  create(env: StepEnvironment): { ctx: ActionContext; effects: CollectedEffects } {
    const effects: CollectedEffects = { emails: [] };
    const data: TemplateData = {
      customer: env.customer,
      trigger: {
        kind: env.trigger.trigger.kind,
        segmentId: env.trigger.trigger.segmentId,
        segmentName: env.trigger.segmentName,
        at: env.trigger.at,
      },
      context: env.context,
    };
    const render = (
      template: string,
      extra: Record<string, unknown> | undefined,
      escape: boolean,
    ): string => {
      try {
        return this.templates.render(template, extra ? { ...data, ...extra } : data, { escape });
      } catch (error) {
        throw new FatalActionError(`template error: ${(error as Error).message}`);
      }
    };
    const ctx: ActionContext = {
      customer: env.customer,
      trigger: env.trigger,
      journey: {
        id: env.journeyId,
        versionId: env.versionId,
        enrollmentId: env.enrollmentId,
        nodeId: env.node.id,
      },
      context: Object.freeze({ ...env.context }),
      idempotencyKey: stepIdempotencyKey(env.enrollmentId, env.node.id),
      now: env.now,
      render: (template, extra) => render(template, extra, true),
      renderText: (template, extra) => render(template, extra, false),
      effects: {
        email: async (message) => {
          const parsed = emailSchema.safeParse(message);
          if (!parsed.success)
            throw new FatalActionError(
              `invalid email: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`,
            );
          effects.emails.push(parsed.data);
        },
      },
      logger: actionLogger(env),
    };
    return { ctx, effects };
  }
}

/** Stable for (enrollment, node): the outbox key and what plugins pass downstream. */
export function stepIdempotencyKey(enrollmentId: string, nodeId: string): string {
  return `${enrollmentId}.${nodeId}`;
}

function actionLogger(env: StepEnvironment): ActionLogger {
  const logger = new Logger(`action:${env.node.type}`);
  const meta = (data?: Record<string, unknown>) => ({
    ...data,
    enrollmentId: env.enrollmentId,
    nodeId: env.node.id,
  });
  return {
    info: (message, data) => logger.log(meta(data), message),
    warn: (message, data) => logger.warn(meta(data), message),
    error: (message, data) => logger.error(meta(data), message),
  };
}
