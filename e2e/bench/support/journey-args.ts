/**
 * Benchmark arguments: positional numbers first (`100000 60`), then `key=value` options
 * (`concurrency=50 redis=private env.RECONCILE_SECONDS=0`).
 */
export interface BenchArgs {
  positional: (index: number, fallback: number) => number;
  option: (name: string, fallback: string) => string;
  numberOption: (name: string, fallback: number) => number;
  /** `env.NAME=value` options: extra server environment (e.g. env.RECONCILE_SECONDS=0). */
  serverEnv: () => Record<string, string>;
}

export function parseBenchArgs(argv: readonly string[]): BenchArgs {
  const positional: string[] = [];
  const options = new Map<string, string>();
  for (const arg of argv) {
    const eq = arg.indexOf('=');
    if (eq > 0) options.set(arg.slice(0, eq), arg.slice(eq + 1));
    else positional.push(arg);
  }
  const toNumber = (text: string | undefined, fallback: number, what: string) => {
    if (text === undefined || text === '') return fallback;
    const n = Number(text);
    if (!Number.isFinite(n) || n <= 0)
      throw new Error(`${what} must be a positive number, got "${text}"`);
    return n;
  };
  return {
    positional: (index, fallback) => toNumber(positional[index], fallback, `argument ${index + 1}`),
    option: (name, fallback) => options.get(name) ?? fallback,
    numberOption: (name, fallback) => toNumber(options.get(name), fallback, name),
    serverEnv: () =>
      Object.fromEntries(
        [...options]
          .filter(([name]) => name.startsWith('env.'))
          .map(([name, value]) => [name.slice(4), value]),
      ),
  };
}

/** Nearest-rank percentile of ascending `sorted` values. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1] ?? Number.NaN;
}

export function formatCount(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}
