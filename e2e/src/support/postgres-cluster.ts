import { execFile, execFileSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { chown, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './switchyard.harness.js';

const run = promisify(execFile);

export interface PostgresCluster {
  port: number;
  /** postgres://postgres@127.0.0.1:<port> (no database): append `/<name>`. */
  serverUrl: string;
  /** `pg_ctl restart -m fast`: every connection is cut; resolves once it accepts again. */
  restart: () => Promise<{ ms: number }>;
  /**
   * `pg_ctl stop -m fast`: connections are cut and the server stays down (connections
   * are refused) until `startAgain`. Committed data survives (a clean shutdown).
   */
  stopServer: () => Promise<void>;
  /** Starts a stopped server on the same port; resolves once it accepts connections. */
  startAgain: () => Promise<{ ms: number }>;
  /** The server log (what Postgres printed while the cluster ran). */
  log: () => Promise<string>;
  stop: () => Promise<void>;
}

/** Directory with initdb and pg_ctl: PG_BIN, else the newest /usr/lib/postgresql/<ver>/bin. */
export function postgresBinDir(): string {
  const fromEnv = process.env.PG_BIN;
  if (fromEnv) return fromEnv;
  const base = '/usr/lib/postgresql';
  const versions = existsSync(base)
    ? readdirSync(base)
        .filter((v) => /^\d+(\.\d+)?$/.test(v) && existsSync(join(base, v, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  const newest = versions[0];
  if (newest === undefined)
    throw new Error(
      `no PostgreSQL server binaries (initdb, pg_ctl) under ${base}/<version>/bin: install the ` +
        'postgresql server package or set PG_BIN to the directory that holds them',
    );
  return join(base, newest, 'bin');
}

/**
 * A private Postgres cluster (initdb in a temp dir, pg_ctl on a free port, trust auth,
 * fsync off) that a test may restart without disturbing the shared server. When run as
 * root the cluster belongs to the `postgres` user (Postgres refuses to run as root).
 */
export async function startPostgresCluster(): Promise<PostgresCluster> {
  const bin = postgresBinDir();
  const root = await mkdtemp(join(tmpdir(), 'sy-pg-'));
  const data = join(root, 'data');
  const logFile = join(root, 'server.log');
  const asRoot = userInfo().uid === 0;
  const owner = asRoot ? await postgresUser() : null;
  if (owner) await chown(root, owner.uid, owner.gid);
  const port = await freePort();
  const commandFor = (tool: string, args: string[]): [string, string[]] => {
    const file = join(bin, tool);
    return owner ? ['runuser', ['-u', 'postgres', '--', file, ...args]] : [file, args];
  };
  const exec = async (tool: string, args: string[]): Promise<string> => {
    const [command, argv] = commandFor(tool, args);
    try {
      const { stdout, stderr } = await run(command, argv, { timeout: 120_000 });
      return stdout + stderr;
    } catch (error) {
      const e = error as Error & { stdout?: string; stderr?: string };
      throw new Error(`${tool} ${args.join(' ')} failed: ${e.message}\n${e.stdout}\n${e.stderr}`, {
        cause: error,
      });
    }
  };
  const serverOptions = [
    `-p ${port}`,
    `-k ${root}`,
    '-c listen_addresses=127.0.0.1',
    '-c fsync=off',
    '-c synchronous_commit=off',
    '-c full_page_writes=off',
    '-c max_connections=200',
  ].join(' ');
  // -l sends the server's output to a file: pg_ctl returns instead of holding our pipes.
  const pgCtl = (action: string, extra: string[] = []) =>
    exec('pg_ctl', [
      '-D',
      data,
      '-l',
      logFile,
      '-o',
      serverOptions,
      '-w',
      '-t',
      '60',
      ...extra,
      action,
    ]);
  let started = false;
  const stopArgs = ['-D', data, '-m', 'immediate', '-w', 'stop'];
  // If the test process exits without running afterAll, do not leave the cluster behind.
  const onExit = () => {
    if (started) {
      const [command, argv] = commandFor('pg_ctl', stopArgs);
      try {
        execFileSync(command, argv, { stdio: 'ignore', timeout: 30_000 });
      } catch {
        // best effort
      }
    }
    rmSync(root, { recursive: true, force: true });
  };
  process.once('exit', onExit);

  const stop = async () => {
    process.off('exit', onExit);
    if (started) {
      started = false;
      await exec('pg_ctl', stopArgs).catch(() => undefined);
    }
    await rm(root, { recursive: true, force: true });
  };

  try {
    await exec('initdb', [
      '-D',
      data,
      '-A',
      'trust',
      '-U',
      'postgres',
      '-E',
      'UTF8',
      '--locale=C',
      '-N',
    ]);
    await pgCtl('start');
    started = true;
  } catch (error) {
    await stop();
    throw error;
  }

  return {
    port,
    serverUrl: `postgres://postgres@127.0.0.1:${port}`,
    restart: async () => {
      const begun = Date.now();
      await pgCtl('restart', ['-m', 'fast']);
      return { ms: Date.now() - begun };
    },
    stopServer: async () => {
      await exec('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
      started = false;
    },
    startAgain: async () => {
      const begun = Date.now();
      await pgCtl('start');
      started = true;
      return { ms: Date.now() - begun };
    },
    log: () => readFile(logFile, 'utf8').catch(() => ''),
    stop,
  };
}

async function postgresUser(): Promise<{ uid: number; gid: number }> {
  try {
    const [uid, gid] = await Promise.all([
      run('id', ['-u', 'postgres']),
      run('id', ['-g', 'postgres']),
    ]);
    return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
  } catch {
    throw new Error(
      'running as root, but there is no "postgres" user to own a private Postgres cluster',
    );
  }
}
