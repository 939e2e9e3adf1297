import { z } from 'zod';

/** `POST /api/imports?skipInvalid=true|false&format=ndjson` query. */
export const importQuerySchema = z.strictObject({
  skipInvalid: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => v === 'true'),
  format: z.enum(['ndjson']).optional().default('ndjson'),
});

export interface ImportLineError {
  line: number;
  field: string;
  message: string;
}

export type ImportStatus = 'running' | 'completed' | 'failed';

export interface ImportReport {
  id: string;
  status: ImportStatus;
  linesRead: number;
  customersUpserted: number;
  eventsInserted: number;
  duplicatesSkipped: number;
  invalidLines: number;
  errors: ImportLineError[];
  startedAt: string;
  finishedAt: string | null;
}
