/**
 * Preloaded into the server by `profile=sql` / `profile=cpu`
 * (NODE_OPTIONS=--import tsx --import <this>), never in production:
 * - JOURNEY_SQL_PROFILE_OUT: counts and times every statement the server sends through
 *   `pg`, grouped by statement text, and the waits for a pooled connection; written as
 *   JSON every second and at exit. Client-side times: they include the round trip and
 *   lock waits, not only execution.
 * - JOURNEY_CPU_PROFILE_OUT: a V8 CPU profile of the whole process (like --cpu-prof,
 *   which NODE_OPTIONS does not accept), written at exit.
 * - JOURNEY_LOOP_PROFILE_OUT: the event loop's busy and idle time and the process's CPU
 *   time so far, written every second: whether the main thread is the bottleneck, and
 *   whether it got a core while busy.
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { performance } from 'node:perf_hooks';
import pg from 'pg';

export interface SqlProfileEntry {
  sql: string;
  calls: number;
  totalMs: number;
}

export interface SqlProfile {
  statements: SqlProfileEntry[];
  poolConnects: number;
  poolWaitMs: number;
}

type AnyFn = (this: unknown, ...args: unknown[]) => unknown;

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}

function profileSql(out: string): void {
  const statements = new Map<string, SqlProfileEntry>();
  let poolConnects = 0;
  let poolWaitMs = 0;
  const record = (text: string, ms: number) => {
    const key = text.replace(/\s+/g, ' ').trim().slice(0, 160);
    const entry = statements.get(key);
    if (entry) {
      entry.calls += 1;
      entry.totalMs += ms;
    } else statements.set(key, { sql: key, calls: 1, totalMs: ms });
  };

  const clientProto = pg.Client.prototype as unknown as { query: AnyFn };
  const query = clientProto.query;
  clientProto.query = function (this: unknown, ...args: unknown[]): unknown {
    const first = args[0];
    const text =
      typeof first === 'string'
        ? first
        : typeof (first as { text?: unknown } | null)?.text === 'string'
          ? (first as { text: string }).text
          : '(other)';
    const started = performance.now();
    const result = query.apply(this, args);
    if (isThenable(result))
      result.then(
        () => record(text, performance.now() - started),
        () => record(`(failed) ${text}`, performance.now() - started),
      );
    return result;
  };

  const poolProto = pg.Pool.prototype as unknown as { connect: AnyFn };
  const connect = poolProto.connect;
  poolProto.connect = function (this: unknown, ...args: unknown[]): unknown {
    const started = performance.now();
    const waited = () => {
      poolConnects += 1;
      poolWaitMs += performance.now() - started;
    };
    const callback = args[0];
    if (typeof callback === 'function')
      return connect.call(this, (...results: unknown[]) => {
        waited();
        return (callback as AnyFn).apply(this, results);
      });
    const result = connect.apply(this, args);
    if (isThenable(result)) result.then(waited, () => undefined);
    return result;
  };

  const write = () => {
    const profile: SqlProfile = {
      statements: [...statements.values()].sort((a, b) => b.totalMs - a.totalMs),
      poolConnects,
      poolWaitMs,
    };
    writeFileSync(out, JSON.stringify(profile));
  };
  // Read between runs: no signal to ask for one (Nest's shutdown hooks take SIGUSR2 too).
  setInterval(write, 1000).unref();
  process.on('exit', write);
}

function profileCpu(out: string): void {
  const session = new Session();
  session.connect();
  session.post('Profiler.enable');
  session.post('Profiler.setSamplingInterval', { interval: 500 });
  session.post('Profiler.start');
  // In-process inspector calls answer synchronously, so this works in an exit handler.
  process.on('exit', () => {
    session.post('Profiler.stop', (error, result) => {
      if (!error) writeFileSync(out, JSON.stringify(result.profile));
    });
  });
}

/** Cumulative since the process started; two readings give a run's share. */
export interface LoopProfile {
  /** Milliseconds the event loop was running callbacks, and waiting for I/O. */
  activeMs: number;
  idleMs: number;
  /** Milliseconds of CPU (user + system) of every thread of the process. */
  cpuMs: number;
}

function profileLoop(out: string): void {
  const write = () => {
    const { active, idle } = performance.eventLoopUtilization();
    const { user, system } = process.cpuUsage();
    const profile: LoopProfile = { activeMs: active, idleMs: idle, cpuMs: (user + system) / 1000 };
    writeFileSync(out, JSON.stringify(profile));
  };
  setInterval(write, 1000).unref();
}

const sqlOut = process.env.JOURNEY_SQL_PROFILE_OUT;
const loopOut = process.env.JOURNEY_LOOP_PROFILE_OUT;
if (loopOut) profileLoop(loopOut);
const cpuOut = process.env.JOURNEY_CPU_PROFILE_OUT;
if (sqlOut) profileSql(sqlOut);
if (cpuOut) profileCpu(cpuOut);
