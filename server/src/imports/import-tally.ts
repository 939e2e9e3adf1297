import type { ImportLineError } from '@switchyard/contracts';

/** At most this many line errors are kept; invalid lines are all counted. */
export const MAX_REPORTED_ERRORS = 100;

/** What an import has read so far; filled while the body streams. */
export class ImportTally {
  linesRead = 0;
  rowsStaged = 0;
  invalidLines = 0;
  readonly errors: ImportLineError[] = [];

  reject(errors: readonly ImportLineError[]): void {
    this.invalidLines += 1;
    for (const error of errors) {
      if (this.errors.length >= MAX_REPORTED_ERRORS) break;
      this.errors.push(error);
    }
  }

  /** Records a problem of the whole body (not of one line), e.g. a disconnect. */
  fail(message: string, line = this.linesRead + 1, field = '(body)'): void {
    if (this.errors.length < MAX_REPORTED_ERRORS) this.errors.push({ line, field, message });
    else this.errors[this.errors.length - 1] = { line, field, message };
  }
}

/** The first invalid line of an import that does not skip invalid lines. */
export class ImportRejectedError extends Error {
  override readonly name = 'ImportRejectedError';
}

/**
 * A line the database refused although it was valid on its own (its customer's traits
 * would pass their limit): the import stops, nothing is written, the line is reported.
 */
export class ImportLineRefusedError extends Error {
  override readonly name = 'ImportLineRefusedError';

  constructor(
    message: string,
    readonly line: number,
    readonly field: string,
  ) {
    super(message);
  }
}

/** The request body ended early (client disconnected) or could not be read. */
export class ImportAbortedError extends Error {
  override readonly name = 'ImportAbortedError';
}

/** The body passed IMPORT_MAX_BYTES (413). */
export class ImportTooLargeError extends Error {
  override readonly name = 'ImportTooLargeError';
}

/** Another writer stored one of the import's message ids while it ran (409). */
export class ImportConflictError extends Error {
  override readonly name = 'ImportConflictError';
}
