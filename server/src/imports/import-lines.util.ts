import { StringDecoder } from 'node:string_decoder';
import {
  type BatchItem,
  batchItemSchema,
  formatPath,
  type ImportLineError,
} from '@switchyard/contracts';
import type { z } from 'zod';
import { isCertainlyValidItem } from '../ingest/message-check.util.js';
import { storageIssue } from '../ingest/storable-value.util.js';

/** A line longer than this is refused without holding it in memory. */
export const MAX_LINE_LENGTH = 1024 * 1024;

export type SourceLine = { number: number; text: string } | { number: number; tooLong: true };

/**
 * Splits a byte stream into lines (LF or CRLF), numbered from 1, decoding UTF-8 across
 * chunk boundaries and dropping a leading byte-order mark: the lines of each chunk of
 * the stream at once (one await per chunk, not per line). Holds at most one partial line.
 */
export async function* splitLineBatches(
  source: AsyncIterable<Buffer | string>,
  maxLineLength = MAX_LINE_LENGTH,
): AsyncGenerator<SourceLine[]> {
  const decoder = new StringDecoder('utf8');
  let pending = '';
  let number = 0;
  let skippingLongLine = false;
  let first = true;
  const emit = (text: string): SourceLine => {
    number += 1;
    return { number, text: text.endsWith('\r') ? text.slice(0, -1) : text };
  };
  for await (const chunk of source) {
    const lines: SourceLine[] = [];
    let text = pending + (typeof chunk === 'string' ? chunk : decoder.write(chunk));
    if (first && text.length > 0) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      first = false;
    }
    let start = 0;
    for (let end = text.indexOf('\n'); end !== -1; end = text.indexOf('\n', start)) {
      if (skippingLongLine) skippingLongLine = false;
      else lines.push(emit(text.slice(start, end)));
      start = end + 1;
    }
    pending = text.slice(start);
    if (!skippingLongLine && pending.length > maxLineLength) {
      number += 1;
      lines.push({ number, tooLong: true });
      skippingLongLine = true;
    }
    if (skippingLongLine) pending = '';
    if (lines.length > 0) yield lines;
  }
  pending += decoder.end();
  if (pending.length > 0 && !skippingLongLine) yield [emit(pending)];
}

/** The same lines one by one. */
export async function* splitLines(
  source: AsyncIterable<Buffer | string>,
  maxLineLength = MAX_LINE_LENGTH,
): AsyncGenerator<SourceLine> {
  for await (const lines of splitLineBatches(source, maxLineLength)) yield* lines;
}

export type ParsedLine =
  | { kind: 'blank' }
  | { kind: 'message'; item: BatchItem }
  | { kind: 'invalid'; errors: ImportLineError[] };

/** A line (NDJSON) or row (CSV) of an import, parsed, with the number errors name. */
export interface NumberedLine {
  number: number;
  parsed: ParsedLine;
}

/** Issues of one line, each naming a field of the message (`(line)` for the whole line). */
export function lineErrors(line: number, error: z.ZodError): ImportLineError[] {
  return error.issues.flatMap((issue): ImportLineError[] => {
    if (issue.code === 'unrecognized_keys')
      return issue.keys.map((key) => ({
        line,
        field: formatPath([...issue.path, key]),
        message: 'is not a known field',
      }));
    const field = issue.path.length > 0 ? formatPath(issue.path) : '(line)';
    return [{ line, field, message: issue.message }];
  });
}

/** Parses and validates one NDJSON line as a Segment identify or track message. */
export function parseImportLine(line: SourceLine): ParsedLine {
  if ('tooLong' in line)
    return {
      kind: 'invalid',
      errors: [
        {
          line: line.number,
          field: '(line)',
          message: `is longer than ${MAX_LINE_LENGTH} characters`,
        },
      ],
    };
  if (line.text.trim() === '') return { kind: 'blank' };
  let value: unknown;
  try {
    value = JSON.parse(line.text);
  } catch (error) {
    return {
      kind: 'invalid',
      errors: [
        {
          line: line.number,
          field: '(line)',
          message: `is not valid JSON: ${(error as Error).message}`,
        },
      ],
    };
  }
  return parseImportItem(line.number, value);
}

/** Validates one message of an import (an NDJSON line's JSON, a CSV row's message). */
export function parseImportItem(line: number, value: unknown): ParsedLine {
  // The allocation-free check first; zod only to name what is wrong (same language).
  let item: BatchItem;
  if (isCertainlyValidItem(value)) item = value as BatchItem;
  else {
    const result = batchItemSchema.safeParse(value);
    if (!result.success) return { kind: 'invalid', errors: lineErrors(line, result.error) };
    item = result.data;
  }
  const issue = storageIssue(item);
  if (issue)
    return {
      kind: 'invalid',
      errors: [{ line, field: formatPath(issue.path), message: issue.message }],
    };
  return { kind: 'message', item };
}

/** The NDJSON lines of a stream, parsed, a chunk of the stream at a time. */
export async function* ndjsonMessageBatches(
  source: AsyncIterable<Buffer | string>,
): AsyncGenerator<NumberedLine[]> {
  for await (const lines of splitLineBatches(source))
    yield lines.map((line) => ({ number: line.number, parsed: parseImportLine(line) }));
}
