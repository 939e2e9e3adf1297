import type { PipeTransform } from '@nestjs/common';
import type { z } from 'zod';
import { ZodValidationPipe } from '../common/zod-validation.pipe.js';

/**
 * Validates an ingest body: the allocation-free check first (message-check.util.ts),
 * and the contract schema only when that check is not sure, so a valid body reaches the
 * handler as parsed and an invalid one gets exactly the contract's 400.
 */
export class IngestBodyPipe<S extends z.ZodType> implements PipeTransform<unknown, z.output<S>> {
  private readonly zod: ZodValidationPipe<S>;

  constructor(
    schema: S,
    private readonly certainlyValid: (value: unknown) => boolean,
  ) {
    this.zod = new ZodValidationPipe(schema);
  }

  transform(value: unknown): z.output<S> {
    if (this.certainlyValid(value)) return value as z.output<S>;
    return this.zod.transform(value);
  }
}
