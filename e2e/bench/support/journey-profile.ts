import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import type { RunningSwitchyard } from '../../src/support/switchyard.harness.js';
import { formatCount, percentile } from './journey-args.js';
import type { LoopProfile, SqlProfile, SqlProfileEntry } from './journey-server-probe.js';

const here = dirname(fileURLToPath(import.meta.url));

export type ProbeKind = 'sql' | 'cpu' | 'loop';

const PROBE_OUT: Record<ProbeKind, string> = {
  sql: 'JOURNEY_SQL_PROFILE_OUT',
  cpu: 'JOURNEY_CPU_PROFILE_OUT',
  loop: 'JOURNEY_LOOP_PROFILE_OUT',
};

/**
 * Server env that preloads the probe (tsx compiles it in the server's main thread): `sql`
 * profiles statements into `outFile`, `cpu` writes a V8 CPU profile there at exit, `loop`
 * keeps the event loop's busy time and the process's CPU time there.
 */
export function probeEnv(kind: ProbeKind, outFile: string): Record<string, string> {
  return {
    NODE_OPTIONS: `--import ${join(here, 'journey-server-probe.preload.mjs')}`,
    [PROBE_OUT[kind]]: outFile,
  };
}

/** The server's event loop and CPU so far (written every second); null before the first. */
export async function readLoopProfile(outFile: string): Promise<LoopProfile | null> {
  await new Promise((r) => setTimeout(r, 1100));
  return existsSync(outFile) ? (JSON.parse(readFileSync(outFile, 'utf8')) as LoopProfile) : null;
}

/**
 * How busy the server's event loop was between two readings, and how much of that busy
 * time the process was on a core: a loop near 100 % busy is the bottleneck, and busy time
 * off the CPU is time the main thread waited for a core (the machine is shared).
 */
export function printLoopProfile(before: LoopProfile, after: LoopProfile): void {
  const active = after.activeMs - before.activeMs;
  const idle = after.idleMs - before.idleMs;
  const cpu = after.cpuMs - before.cpuMs;
  const wall = active + idle;
  if (wall <= 0) return;
  console.log(
    `  server event loop: busy ${((100 * active) / wall).toFixed(0)} % of ${(wall / 1000).toFixed(1)} s; the process (every thread) used ${(cpu / wall).toFixed(2)} of a core`,
  );
}

/** Reads the profile the server writes every second (call it while the server is idle). */
export async function readSqlProfile(outFile: string): Promise<SqlProfile> {
  await new Promise((r) => setTimeout(r, 1500));
  if (!existsSync(outFile)) return { statements: [], poolConnects: 0, poolWaitMs: 0 };
  return JSON.parse(readFileSync(outFile, 'utf8')) as SqlProfile;
}

/** The statements of `after` minus those of `before`, most time first. */
export function diffSqlProfile(before: SqlProfile, after: SqlProfile): SqlProfile {
  const old = new Map(before.statements.map((s) => [s.sql, s]));
  const statements: SqlProfileEntry[] = [];
  for (const s of after.statements) {
    const prior = old.get(s.sql);
    const calls = s.calls - (prior?.calls ?? 0);
    if (calls > 0)
      statements.push({ sql: s.sql, calls, totalMs: s.totalMs - (prior?.totalMs ?? 0) });
  }
  statements.sort((a, b) => b.totalMs - a.totalMs);
  return {
    statements,
    poolConnects: after.poolConnects - before.poolConnects,
    poolWaitMs: after.poolWaitMs - before.poolWaitMs,
  };
}

export function printSqlProfile(profile: SqlProfile, units: number, unit: string, top = 14): void {
  const calls = profile.statements.reduce((sum, s) => sum + s.calls, 0);
  const ms = profile.statements.reduce((sum, s) => sum + s.totalMs, 0);
  console.log(
    `  SQL (client side, summed over concurrent calls): ${formatCount(calls)} statements, ${(calls / units).toFixed(1)} per ${unit}, ${(ms / units).toFixed(1)} ms per ${unit}; pool: ${formatCount(profile.poolConnects)} checkouts, ${(profile.poolWaitMs / Math.max(1, profile.poolConnects)).toFixed(1)} ms average wait`,
  );
  for (const s of profile.statements.slice(0, top)) {
    console.log(
      `    ${(s.calls / units).toFixed(2).padStart(6)}/${unit} ${(s.totalMs / s.calls).toFixed(2).padStart(7)} ms/call ${((100 * s.totalMs) / ms).toFixed(0).padStart(3)}%  ${s.sql.slice(0, 110)}`,
    );
  }
}

interface JobTimes {
  wait: number[];
  run: number[];
}

/**
 * Queue wait (processedOn - timestamp) and run time (finishedOn - processedOn) of the
 * completed jobs BullMQ still keeps (removeOnComplete keeps the newest 10,000 per queue),
 * per queue and job kind (the id up to its first dash: step, resume, outbox).
 */
export async function printJobTimes(app: RunningSwitchyard): Promise<void> {
  const connection = new Redis(app.redisUrl, { maxRetriesPerRequest: null });
  try {
    for (const name of ['journey-steps', 'outbox']) {
      const queue = new Queue(name, { connection, prefix: app.redisPrefix });
      const jobs = await queue.getJobs(['completed'], 0, 9999);
      const kinds = new Map<string, JobTimes>();
      for (const job of jobs) {
        if (!job.processedOn || !job.finishedOn) continue;
        const kind = `${name}/${String(job.id).split('-')[0]}${typeof job.data === 'object' && job.data && 'nodeId' in job.data ? `:${String((job.data as { nodeId: unknown }).nodeId)}` : ''}`;
        const times = kinds.get(kind) ?? { wait: [], run: [] };
        times.wait.push(job.processedOn - job.timestamp);
        times.run.push(job.finishedOn - job.processedOn);
        kinds.set(kind, times);
      }
      for (const [kind, times] of [...kinds].sort()) {
        const run = [...times.run].sort((a, b) => a - b);
        const wait = [...times.wait].sort((a, b) => a - b);
        const mean = run.reduce((s, v) => s + v, 0) / run.length;
        console.log(
          `    ${kind.padEnd(30)} ${String(run.length).padStart(6)} kept jobs: run p50 ${percentile(run, 50)} ms, mean ${mean.toFixed(1)} ms, p99 ${percentile(run, 99)} ms; queued p50 ${(percentile(wait, 50) / 1000).toFixed(1)} s`,
        );
      }
      await queue.close();
    }
  } finally {
    connection.disconnect();
  }
}

interface CpuProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: CpuProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Where a function lives: a package under node_modules, a server source folder, or node. */
function ownerOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  const modules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (modules?.[1]) return modules[1];
  const server = /server\/dist\/([^/]+)/.exec(url);
  if (server?.[1]) return `server/${server[1].replace(/\.js$/, '')}`;
  const packages = /packages\/([^/]+)\/dist/.exec(url);
  if (packages?.[1]) return `@switchyard/${packages[1]}`;
  if (url.startsWith('node:')) return 'node';
  return url.replace(/^file:\/\//, '');
}

/** Owners that do no work of their own: their time is charged to the caller. */
function isPlumbing(owner: string): boolean {
  return owner === '(native)' || owner === 'node' || owner === '(program)';
}

/**
 * Self time of the server's CPU profile (idle left out): by owner (native and node:
 * frames charged to the nearest package or server folder that called them), and by
 * function.
 */
export function printCpuProfile(file: string, top = 12): void {
  if (!existsSync(file)) {
    console.log('  (no CPU profile was written)');
    return;
  }
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const child of n.children ?? []) parent.set(child, n.id);
  const ownerOfNode = (node: CpuProfileNode) =>
    ownerOf(node.callFrame.url, node.callFrame.functionName);
  const chargedTo = (node: CpuProfileNode): string => {
    const own = ownerOfNode(node);
    if (!isPlumbing(own)) return own;
    for (let id = parent.get(node.id); id !== undefined; id = parent.get(id)) {
      const up = byId.get(id);
      if (up && !isPlumbing(ownerOfNode(up))) return `${ownerOfNode(up)} (via ${own})`;
    }
    return own;
  };
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) =>
    self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)),
  );
  const owners = new Map<string, number>();
  const functions = new Map<string, number>();
  let busy = 0;
  for (const [id, us] of self) {
    const node = byId.get(id);
    if (!node || node.callFrame.functionName === '(idle)') continue;
    busy += us;
    const owner = chargedTo(node);
    owners.set(owner, (owners.get(owner) ?? 0) + us);
    const { functionName, lineNumber } = node.callFrame;
    const fn = `${functionName || '(anonymous)'} ${ownerOfNode(node)}:${lineNumber + 1}`;
    functions.set(fn, (functions.get(fn) ?? 0) + us);
  }
  const print = (title: string, entries: Map<string, number>) => {
    console.log(`  ${title}`);
    for (const [name, us] of [...entries].sort((a, b) => b[1] - a[1]).slice(0, top))
      console.log(`    ${((100 * us) / busy).toFixed(1).padStart(5)}%  ${name}`);
  };
  console.log(`  server CPU profile: ${(busy / 1e6).toFixed(1)} s busy (whole process lifetime)`);
  print('self time by owner (native and node: frames charged to their caller):', owners);
  print('self time by function:', functions);
}
