import type { BackfillInterval } from '@switchyard/contracts';

const DAY_MS = 86_400_000;

/**
 * The dates (YYYY-MM-DD) a backfill evaluates: `from`, then every day, week or month
 * after it, up to and including `to`. Months keep the day of `from`, clamped to the
 * month's length (Jan 31 -> Feb 28 -> Mar 31). Stops after `limit + 1` dates so a caller
 * can tell "too many" without generating them all.
 */
export function backfillPoints(
  from: string,
  to: string,
  every: BackfillInterval,
  limit: number,
): string[] {
  const start = Date.parse(`${from}T00:00:00Z`);
  const end = Date.parse(`${to}T00:00:00Z`);
  const points: string[] = [];
  for (let i = 0; points.length <= limit; i++) {
    const at = step(start, every, i);
    if (at > end) break;
    points.push(new Date(at).toISOString().slice(0, 10));
  }
  return points;
}

function step(start: number, every: BackfillInterval, i: number): number {
  switch (every) {
    case 'day':
      return start + i * DAY_MS;
    case 'week':
      return start + i * 7 * DAY_MS;
    case 'month': {
      const d = new Date(start);
      const month = d.getUTCMonth() + i;
      const lastDay = new Date(Date.UTC(d.getUTCFullYear(), month + 1, 0)).getUTCDate();
      return Date.UTC(d.getUTCFullYear(), month, Math.min(d.getUTCDate(), lastDay));
    }
    default: {
      const never: never = every;
      throw new Error(`unknown interval ${String(never)}`);
    }
  }
}
