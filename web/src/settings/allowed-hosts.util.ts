import { allowedHostSchema } from '@switchyard/contracts';

/**
 * The first line that is not a host, with its number (the schema names only the field).
 * Empty lines are skipped.
 */
export function firstBadHost(lines: readonly string[]): string | null {
  for (const [i, line] of lines.entries()) {
    if (line.trim() === '') continue;
    const parsed = allowedHostSchema.safeParse(line);
    if (!parsed.success)
      return `Line ${i + 1} (“${line.trim()}”): ${parsed.error.issues[0]?.message ?? 'not a host'}`;
  }
  return null;
}
