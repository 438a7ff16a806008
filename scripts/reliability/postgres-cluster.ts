// A private PostgreSQL cluster for the runs that kill or dump the database server. It never
// touches the shared server on 5432: initdb into a temp dir, `postgres` on a free port of
// 127.0.0.1, with the durability settings at their defaults (fsync, synchronous_commit,
// full_page_writes all on). PostgreSQL refuses to run as root, so when we are root the server
// runs as the `postgres` OS user (runuser) and the temp dir belongs to it.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { freePort } from './mend-server.js';
import { sleep } from './random.js';

/** PostgreSQL's binaries (MEND_PG_BIN, or the newest under /usr/lib/postgresql), or null. */
export function postgresBinDir(): string | null {
  const candidates = process.env.MEND_PG_BIN
    ? [process.env.MEND_PG_BIN]
    : fs.existsSync('/usr/lib/postgresql')
      ? fs
          .readdirSync('/usr/lib/postgresql')
          .sort((a, b) => Number(b) - Number(a))
          .map((v) => `/usr/lib/postgresql/${v}/bin`)
      : [];
  return candidates.find((dir) => fs.existsSync(path.join(dir, 'initdb')) && fs.existsSync(path.join(dir, 'postgres'))) ?? null;
}

/** Why a private cluster cannot be made here, or null when it can. */
export function privateClusterUnavailable(): string | null {
  if (!postgresBinDir()) return "initdb/postgres not found (set MEND_PG_BIN to PostgreSQL's bin folder)";
  if (process.getuid?.() === 0) {
    try {
      execFileSync('id', ['-u', 'postgres'], { stdio: 'ignore' });
      execFileSync('which', ['runuser'], { stdio: 'ignore' });
    } catch {
      return 'running as root, but there is no `postgres` OS user or no runuser to start PostgreSQL as';
    }
  }
  return null;
}

function asPostgres(command: string, args: string[]): [string, string[]] {
  return process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];
}

/** Process ids whose parent is `pid` (from /proc). */
function childrenOf(pid: number): number[] {
  const out: number[] = [];
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${name}/stat`, 'utf8');
      // Field 4 (ppid) comes after the command name in parentheses, which may contain spaces.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === pid) out.push(Number(name));
    } catch {
      // the process ended while we looked
    }
  }
  return out;
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

export class PostgresCluster {
  readonly bin: string;
  readonly dir: string;
  readonly dataDir: string;
  port = 0;
  private child: ChildProcess | null = null;
  log = '';

  private constructor(bin: string) {
    this.bin = bin;
    this.dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mend-pg-'));
    this.dataDir = path.join(this.dir, 'data');
  }

  /** initdb into a fresh temp dir; `mend` is the superuser, trust auth on 127.0.0.1 only. */
  static async create(): Promise<PostgresCluster> {
    const reason = privateClusterUnavailable();
    if (reason) throw new Error(reason);
    const cluster = new PostgresCluster(postgresBinDir()!);
    if (process.getuid?.() === 0) {
      const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
      const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
      fs.chownSync(cluster.dir, uid, gid);
    }
    const [cmd, args] = asPostgres(path.join(cluster.bin, 'initdb'), [
      '-D',
      cluster.dataDir,
      '-U',
      'mend',
      '--auth=trust',
      '--encoding=UTF8',
      '--locale=C',
    ]);
    execFileSync(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    cluster.port = await freePort();
    return cluster;
  }

  url(database = 'mend'): string {
    return `postgres://mend@127.0.0.1:${this.port}/${database}`;
  }

  /** Starts the postmaster and waits until it answers (after a crash this includes recovery). */
  async start(): Promise<number> {
    const started = Date.now();
    const [cmd, args] = asPostgres(path.join(this.bin, 'postgres'), [
      '-D',
      this.dataDir,
      '-p',
      String(this.port),
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      `unix_socket_directories=${this.dir}`,
      '-c',
      'fsync=on',
      '-c',
      'synchronous_commit=on',
      '-c',
      'full_page_writes=on',
      '-c',
      'max_connections=50',
    ]);
    const child = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    this.child = child;
    child.stderr?.on('data', (chunk) => {
      this.log = (this.log + String(chunk)).slice(-8000);
    });
    for (;;) {
      if (child.exitCode !== null) throw new Error(`PostgreSQL exited with ${child.exitCode}: ${this.log}`);
      if (Date.now() - started > 60_000) throw new Error(`PostgreSQL did not answer in 60 s: ${this.log}`);
      const client = new pg.Client({ connectionString: this.url('postgres'), connectionTimeoutMillis: 1000 });
      try {
        await client.connect();
        await client.query('select 1');
        return Date.now() - started;
      } catch {
        await sleep(50);
      } finally {
        await client.end().catch(() => undefined);
      }
    }
  }

  async query(sqlText: string, database = 'postgres'): Promise<pg.QueryResult> {
    const client = new pg.Client({ connectionString: this.url(database) });
    await client.connect();
    try {
      return await client.query(sqlText);
    } finally {
      await client.end();
    }
  }

  postmasterPid(): number {
    return Number(fs.readFileSync(path.join(this.dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  }

  /** SIGKILL to the postmaster and every one of its backends at once, as a crash would. */
  async kill(): Promise<number> {
    const pid = this.postmasterPid();
    const all = [pid, ...childrenOf(pid)];
    for (const p of all) {
      try {
        process.kill(p, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    const since = Date.now();
    while ((all.some(alive) || this.childRunning()) && Date.now() - since < 10_000) await sleep(10);
    return all.length;
  }

  private childRunning(): boolean {
    return this.child !== null && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** A clean ("fast") shutdown. */
  async stop(): Promise<void> {
    if (!this.childRunning()) return;
    try {
      process.kill(this.postmasterPid(), 'SIGINT');
    } catch {
      return;
    }
    const since = Date.now();
    while (this.childRunning() && Date.now() - since < 30_000) await sleep(20);
  }

  async remove(): Promise<void> {
    try {
      await this.stop();
    } catch {
      // a stop that fails leaves a kill
    }
    if (this.childRunning()) {
      try {
        await this.kill();
      } catch {
        // nothing left to kill
      }
    }
    fs.rmSync(this.dir, { recursive: true, force: true });
  }

  /** Runs one of PostgreSQL's client tools (pg_dump, pg_restore) against this cluster. */
  tool(name: string, args: string[]): string {
    return execFileSync(path.join(this.bin, name), args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  }
}
