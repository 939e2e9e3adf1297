import { BadRequestException, type PipeTransform } from '@nestjs/common';
import { describeIssues, zodIssues } from '@switchyard/contracts';
import type { z } from 'zod';

/**
 * Validates a body, query or params with a contract schema. A failure is a 400 whose
 * `issues` name each field and the reason; nothing reaches the handler.
 */
export class ZodValidationPipe<S extends z.ZodType> implements PipeTransform<unknown, z.output<S>> {
  constructor(
    private readonly schema: S,
    private readonly root?: string,
  ) {}

  transform(value: unknown): z.output<S> {
    const result = this.schema.safeParse(value ?? {});
    if (result.success) return result.data;
    const issues = zodIssues(result.error, this.root);
    throw new BadRequestException({
      statusCode: 400,
      error: 'Bad Request',
      message: describeIssues(issues),
      issues,
    });
  }
}

/** `@Body(zodBody(schema))`: shorthand used by every controller. */
export const zodBody = <S extends z.ZodType>(schema: S) => new ZodValidationPipe(schema);
export const zodQuery = <S extends z.ZodType>(schema: S) => new ZodValidationPipe(schema, 'query');
