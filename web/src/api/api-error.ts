import type { ApiErrorBody, FieldIssue } from '@switchyard/contracts';

/** A field issue as the API reports it; journey issues also name the node. */
export interface ApiIssue extends FieldIssue {
  nodeId?: string;
}

/** A non-2xx answer (or a network failure, with status 0), typed from the 4xx body. */
export class ApiError extends Error {
  readonly status: number;
  readonly error: string;
  readonly issues: ApiIssue[];

  constructor(status: number, error: string, message: string, issues: ApiIssue[] = []) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.error = error;
    this.issues = issues;
  }

  get isValidation(): boolean {
    return this.status === 400 && this.issues.length > 0;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseIssue(raw: unknown): ApiIssue | null {
  if (!isRecord(raw) || typeof raw['message'] !== 'string') return null;
  const issue: ApiIssue = {
    field: typeof raw['field'] === 'string' ? raw['field'] : '',
    message: raw['message'],
  };
  if (typeof raw['nodeId'] === 'string') issue.nodeId = raw['nodeId'];
  if (raw['fixIn'] === 'workspace-settings') issue.fixIn = raw['fixIn'];
  return issue;
}

/** Builds an ApiError from a status and whatever body came back (JSON or not). */
export function apiErrorFromBody(status: number, statusText: string, body: unknown): ApiError {
  if (!isRecord(body)) return new ApiError(status, statusText, statusText || `HTTP ${status}`);
  const shaped: Partial<ApiErrorBody> = body;
  const issues = Array.isArray(body['issues'])
    ? body['issues'].map(parseIssue).filter((i): i is ApiIssue => i !== null)
    : [];
  const message =
    typeof shaped.message === 'string' ? shaped.message : statusText || `HTTP ${status}`;
  const error = typeof shaped.error === 'string' ? shaped.error : statusText;
  return new ApiError(status, error, message, issues);
}

/**
 * A human sentence for any thrown value. The API's message usually sums up its issues
 * already ("body.name: Required"); only issues it does not mention are added.
 */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) {
    const unsaid = error.issues.filter((i) => !error.message.includes(i.message));
    if (unsaid.length === 0) return error.message;
    return `${error.message}: ${unsaid.map((i) => (i.field ? `${i.field} ${i.message}` : i.message)).join('; ')}`;
  }
  if (error instanceof Error) return error.message;
  return String(error);
}
