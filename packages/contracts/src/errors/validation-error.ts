import type { z } from 'zod';

/** One problem with a request: the dotted path of the field and what is wrong with it. */
export interface FieldIssue {
  field: string;
  message: string;
  /** The journey node the problem is about, when there is one (publish validation). */
  nodeId?: string;
  /** The journey edge the problem is about (a dangling or misplaced connection). */
  edgeId?: string;
  /** Where to fix it when that is not the request itself (see IssueFix). */
  fixIn?: IssueFix;
}

/**
 * A place outside the journey where a problem is fixed: `workspace-settings` is the
 * workspace's sending settings (`/api/workspace/settings`, the web's Settings → Sending &
 * security), e.g. an SMS provider for a Send SMS step.
 */
export type IssueFix = 'workspace-settings';

/** The body of every 4xx answer. */
export interface ApiErrorBody {
  statusCode: number;
  error: string;
  message: string;
  issues?: FieldIssue[];
}

export function formatPath(path: readonly PropertyKey[], root?: string): string {
  let out = root ?? '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out || '(body)';
}

/** One issue per problem; an unknown key is named as the field itself. */
export function zodIssues(error: z.ZodError, root?: string): FieldIssue[] {
  return error.issues.flatMap((issue): FieldIssue[] => {
    if (issue.code === 'unrecognized_keys')
      return issue.keys.map((key) => ({
        field: formatPath([...issue.path, key], root),
        message: 'is not a known field',
      }));
    return [{ field: formatPath(issue.path, root), message: issue.message }];
  });
}

export function describeIssues(issues: FieldIssue[]): string {
  return issues.map((i) => `${i.field}: ${i.message}`).join('; ');
}
