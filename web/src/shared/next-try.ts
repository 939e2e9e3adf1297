import { formatDate } from './format';

/**
 * When a waiting message goes next, from now: "now" before its first attempt, "in 8 s",
 * "in 3 min", then the time; "any moment" once that time has passed (its job is due).
 */
export function nextTryText(
  d: { attempts: number; nextAttemptAt: string | null },
  now: number = Date.now(),
): string {
  if (!d.nextAttemptAt) return d.attempts === 0 ? 'now' : 'any moment';
  const seconds = Math.ceil((new Date(d.nextAttemptAt).getTime() - now) / 1000);
  if (seconds <= 0) return 'any moment';
  if (seconds < 60) return `in ${seconds} s`;
  if (seconds < 3600) return `in ${Math.round(seconds / 60)} min`;
  return formatDate(d.nextAttemptAt);
}
