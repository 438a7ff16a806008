/**
 * Durable-write benchmark (issue #7), all in one run on the same disk:
 *   (a) raw better-sqlite3, WAL, synchronous=FULL, one row per COMMIT — the naive limit (one fsync
 *       per commit);
 *   (b) Mend's check-in write path at the service level (CheckinService.put: membership check,
 *       validation, encryption, read-then-write, notification), 50 concurrent writers, no HTTP,
 *       with group commit off (one transaction per write) and on;
 *   (c) `PUT /api/v1/spaces/:id/checkins/:date` at 50 connections against the built server, with
 *       group commit off and on (commits counted inside the server);
 *   (d) with `--postgres <admin url>`, (b) on PostgreSQL, where every write is its own transaction.
 * Every write is durable before it is counted. Figures are printed, never asserted; record them
 * in docs/performance.md by hand. Run alone: `node --import tsx bench/writes.ts` (after `npm run build`).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import autocannon from 'autocannon';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { loadConfig } from '../src/platform/config.js';
import { createContext } from '../src/context.js';
import { CheckinService } from '../src/features/checkin/service.js';
import { numbersChoiceWriter } from '../src/features/checkins-progress-wiring.js';
import { AccountStore, publicAccount, type Account } from '../src/features/accounts/store.js';
import { CheckinStore } from '../src/features/checkin/store.js';
import { openSqlite } from '../src/platform/db/database.js';
import { GroupCommitter } from '../src/platform/db/group-commit.js';
import type { SeedSummary } from '../src/cli/commands/seed.js';
import { exited, freePort, HOST, stop, serverEnv } from './processes.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** The build whose HTTP PUT is measured in (c): this checkout, or another built one (`MEND_BENCH_ROOT`) for a before/after. */
const SERVER_ROOT = process.env.MEND_BENCH_ROOT ? path.resolve(process.env.MEND_BENCH_ROOT) : ROOT;

export interface WritesBenchOptions {
  /** Seconds per measurement. */
  seconds: number;
  /** Concurrent writers (service level) and connections (HTTP). */
  writers: number;
  /**
   * An admin URL of a PostgreSQL server (e.g. postgres://postgres@127.0.0.1:5432/test): adds the
   * service-level row on a temporary database there, dropped afterwards. Omitted: SQLite only.
   */
  postgresUrl?: string;
}

export interface WritesBenchRow {
  'write path': string;
  'writes/s': number;
  'commits/s': number | string;
  'writes per commit': number | string;
  'p50 ms': number | string;
  'p99 ms': number | string;
  /** HTTP only: from the request's arrival in the server to the end of its response. */
  'in server p50/p99 ms'?: string;
  errors: number;
}

export interface WritesBenchResult {
  disk: string;
  rows: WritesBenchRow[];
}

const round = (n: number) => Math.round(n * 10) / 10;

async function waitForReady(url: string, child: ChildProcess, limitMs = 30_000): Promise<void> {
  const since = performance.now();
  while (performance.now() - since < limitMs) {
    if (child.exitCode !== null) throw new Error(`the server stopped while starting (exit ${child.exitCode}).`);
    try {
      if ((await fetch(url)).status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`${url} did not answer within ${limitMs / 1000} s.`);
}

async function seedInto(dataDir: string, couples: number, databaseUrl = ''): Promise<SeedSummary> {
  const child = spawn(process.execPath, [path.join(ROOT, 'bin/mend.js'), 'seed', '--couples', String(couples), '--days', '30', '--json'], {
    cwd: ROOT,
    env: { ...process.env, MEND_DATA_DIR: dataDir, LOG_LEVEL: 'silent', DATABASE_URL: databaseUrl },
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  let out = '';
  child.stdout?.on('data', (c) => (out += String(c)));
  const code = await exited(child);
  if (code !== 0) throw new Error(`mend seed failed (exit ${code}).`);
  return JSON.parse(out) as SeedSummary;
}

/** Where the temp dirs live, and whether that is the same filesystem as the project's data dir. */
function describeDisk(tmp: string): string {
  const projectData = fs.existsSync(path.join(ROOT, 'data')) ? path.join(ROOT, 'data') : ROOT;
  const same = fs.statSync(tmp).dev === fs.statSync(projectData).dev;
  return `${tmp} (${same ? 'the same filesystem as' : 'NOT the same filesystem as'} ${projectData})`;
}

/** (a) One row per transaction, WAL, synchronous=FULL: each COMMIT waits for its own fsync. */
function rawCommits(dir: string, seconds: number): WritesBenchRow {
  const db: SQLite.Database = openSqlite(path.join(dir, 'raw.db'));
  try {
    db.exec(
      'create table rows (id integer primary key, space_id text not null, account_id text not null, date text not null, score integer not null)',
    );
    const insert = db.prepare('insert into rows (space_id, account_id, date, score) values (?, ?, ?, ?)');
    let n = 0;
    const started = performance.now();
    const until = started + seconds * 1000;
    while (performance.now() < until) {
      insert.run('space', 'account', '2026-01-01', n % 11); // autocommit: one transaction, one fsync
      n++;
    }
    const rate = n / ((performance.now() - started) / 1000);
    return {
      'write path': 'raw better-sqlite3 INSERT, 1 row per COMMIT',
      'writes/s': round(rate),
      'commits/s': round(rate),
      'writes per commit': 1,
      'p50 ms': '—',
      'p99 ms': '—',
      errors: 0,
    };
  } finally {
    db.close();
  }
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!);
}

/** (b) CheckinService.put from `writers` concurrent loops, each a different partner. */
async function serviceWrites(dataDir: string, options: WritesBenchOptions, databaseUrl: string | null = null): Promise<WritesBenchRow[]> {
  const config = loadConfig({ MEND_DATA_DIR: dataDir, LOG_LEVEL: 'silent', ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}) });
  const ctx = await createContext(config);
  try {
    const { db } = ctx.store;
    const partners = await db
      .selectFrom('space_members')
      .select(['account_id', 'space_id'])
      .where('role', '=', 'partner')
      .where('status', '=', 'active')
      .orderBy('space_id')
      .limit(options.writers)
      .execute();
    const accounts = new AccountStore(db, ctx.vault);
    const writers: Array<{ account: Account; spaceId: string }> = [];
    for (const p of partners) writers.push({ account: publicAccount((await accounts.byId(p.account_id))!), spaceId: p.space_id });

    const rows: WritesBenchRow[] = [];
    // PostgreSQL has one mode: a transaction per write (the committer never batches there).
    for (const batching of databaseUrl ? [false] : [false, true]) {
      const writes = new GroupCommitter(db, ctx.store.dialect, { batching });
      const checkins = new CheckinService({
        checkins: new CheckinStore(db, ctx.vault),
        spaces: ctx.spaces,
        writes,
        chooseNumbers: numbersChoiceWriter(ctx.vault),
        clock: ctx.clock,
      });
      const latencies: number[] = [];
      let errors = 0;
      const started = performance.now();
      const until = started + options.seconds * 1000;
      await Promise.all(
        writers.map(async ({ account, spaceId }, w) => {
          const dates = checkins.allowedDates(account);
          for (let i = w; performance.now() < until; i++) {
            const t = performance.now();
            try {
              await checkins.put(account, spaceId, dates[i % dates.length]!, {
                safety: i % 11,
                trust: (i * 3) % 11,
                closeness: (i * 7) % 11,
                day: 'mixed',
                note: null,
              });
              latencies.push(performance.now() - t);
            } catch {
              errors++;
            }
          }
        }),
      );
      const elapsed = (performance.now() - started) / 1000;
      const { commits } = writes.stats();
      latencies.sort((a, b) => a - b);
      rows.push({
        'write path': databaseUrl
          ? `PostgreSQL: CheckinService.put, ${writers.length} writers, a transaction each`
          : `Mend CheckinService.put, ${writers.length} writers, group commit ${batching ? 'ON' : 'off'}`,
        'writes/s': round(latencies.length / elapsed),
        'commits/s': round(commits / elapsed),
        'writes per commit': round(latencies.length / Math.max(commits, 1)),
        'p50 ms': percentile(latencies, 50),
        'p99 ms': percentile(latencies, 99),
        errors,
      });
    }
    return rows;
  } finally {
    await ctx.close();
  }
}

/**
 * The built app (tsc's modules in dist/, the same code as the server's bundle) started by a small
 * bootstrap that sets the group committer's default first — off gives the one-commit-per-write
 * baseline — and answers over IPC the process's commit count and how long each PUT took inside
 * the server (Fastify's elapsed time, from the request's arrival to the end of the response). It
 * listens and stops on SIGTERM as dist/main.js does.
 */
function serverWith(batching: boolean): string {
  const dist = (file: string) => JSON.stringify(pathToFileURL(path.join(SERVER_ROOT, 'dist', file)).href);
  return `
const { GroupCommitter } = await import(${dist('platform/db/group-commit.js')});
GroupCommitter.batchingByDefault = ${batching};
const { loadConfig } = await import(${dist('platform/config.js')});
const { buildApp } = await import(${dist('app.js')});
const config = loadConfig();
const app = await buildApp(config);
let elapsed = [];
app.addHook('onResponse', async (request, reply) => {
  if (request.method === 'PUT') elapsed.push(reply.elapsedTime);
});
process.on('message', () => {
  process.send({ ...GroupCommitter.totals, elapsed });
  elapsed = [];
});
process.once('SIGTERM', () => app.close().then(() => process.exit(0)));
await app.listen({ port: config.port, host: config.host });
`;
}

/** (c) The HTTP PUT against the built server, with group commit off, then on. */
async function httpWrites(dataDir: string, seeded: SeedSummary, options: WritesBenchOptions, batching: boolean): Promise<WritesBenchRow> {
  const port = await freePort();
  const mend = spawn(process.execPath, ['--input-type=module', '-e', serverWith(batching)], {
    cwd: ROOT,
    env: serverEnv(port, dataDir),
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const totals = () =>
    new Promise<{ units: number; commits: number; elapsed: number[] }>((resolve) => {
      mend.once('message', (m) => resolve(m as { units: number; commits: number; elapsed: number[] }));
      mend.send('stats');
    });
  let result: autocannon.Result;
  let commits: number;
  let units: number;
  let inServer: number[];
  try {
    await waitForReady(`http://${HOST}:${port}/readyz`, mend);
    const people: Array<{ token: string; spaceId: string }> = [];
    for (const c of seeded.sample.slice(0, Math.ceil(options.writers / 2))) {
      for (const email of c.emails) {
        const res = await fetch(`http://${HOST}:${port}/api/v1/sessions`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email, password: seeded.password }),
        });
        if (res.status !== 201) throw new Error(`signing in answered ${res.status}`);
        people.push({ token: ((await res.json()) as { token: string }).token, spaceId: c.spaceId });
      }
    }
    const today = new Date();
    const dates = [0, 1, 2].map((back) => new Date(today.getTime() - back * 86_400_000).toISOString().slice(0, 10));
    let n = 0;
    // Warm up first (Fastify compiles a route's serialiser on its first answer), for both modes alike.
    for (const p of people) {
      await fetch(`http://${HOST}:${port}/api/v1/spaces/${p.spaceId}/checkins/${dates[0]}`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${p.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ safety: 5, trust: 5, closeness: 5 }),
      });
    }
    const before = await totals();
    result = await autocannon({
      url: `http://${HOST}:${port}`,
      connections: options.writers,
      duration: options.seconds,
      timeout: 10,
      requests: [
        {
          method: 'PUT',
          setupRequest: (req) => {
            const p = people[n % people.length]!;
            const date = dates[Math.floor(n / people.length) % dates.length]!;
            n++;
            return {
              ...req,
              path: `/api/v1/spaces/${p.spaceId}/checkins/${date}`,
              headers: { authorization: `Bearer ${p.token}`, 'content-type': 'application/json' },
              body: JSON.stringify({ safety: n % 11, trust: (n * 3) % 11, closeness: (n * 7) % 11, day: 'mixed', note: null }),
            };
          },
        },
      ],
    });
    // Requests still in flight when autocannon stops are committed too; wait for them.
    await new Promise((r) => setTimeout(r, 500));
    const after = await totals();
    commits = after.commits - before.commits;
    units = after.units - before.units;
    inServer = after.elapsed.sort((a, b) => a - b);
    if (units === 0) throw new Error('the server counted no writes: the group committer the bootstrap set is not the one the app uses.');
  } finally {
    await stop(mend);
  }
  return {
    'write path': `HTTP PUT …/checkins/:date, ${options.writers} connections, group commit ${batching ? 'ON' : 'off'}`,
    'writes/s': round(result['2xx'] / options.seconds),
    'commits/s': round(commits / options.seconds),
    // Counted in the server: autocannon leaves up to one request per connection unanswered at the end.
    'writes per commit': round(units / commits),
    'p50 ms': result.latency.p50,
    'p99 ms': result.latency.p99,
    'in server p50/p99 ms': `${percentile(inServer, 50)} / ${percentile(inServer, 99)}`,
    errors: result.non2xx + result.errors + result.timeouts,
  };
}

/** (d) The service-level path on PostgreSQL, in a database made for the run and dropped after. */
async function postgresWrites(
  adminUrl: string,
  dataDir: string,
  couples: number,
  options: WritesBenchOptions,
  log: (line: string) => void,
): Promise<WritesBenchRow[]> {
  const name = `mend_bench_writes_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    const settings = await admin.query<{ name: string; setting: string }>(
      "select name, setting from pg_settings where name in ('fsync', 'synchronous_commit', 'commit_delay', 'wal_sync_method') order by name",
    );
    log(
      `(d) PostgreSQL (${settings.rows.map((r) => `${r.name}=${r.setting}`).join(', ')}): seeding ${couples} couples, then ${options.seconds} s …`,
    );
    await admin.query(`create database ${name}`);
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    fs.mkdirSync(dataDir, { recursive: true });
    await seedInto(dataDir, couples, url.href);
    return await serviceWrites(dataDir, options, url.href);
  } finally {
    await admin.query(`drop database if exists ${name} with (force)`).catch(() => undefined);
    await admin.end();
  }
}

export async function runWritesBench(
  options: WritesBenchOptions,
  log: (line: string) => void = (l) => process.stderr.write(`${l}\n`),
): Promise<WritesBenchResult> {
  for (const [root, built] of [
    [SERVER_ROOT, 'dist/app.js'],
    [SERVER_ROOT, 'dist/platform/db/group-commit.js'],
    [ROOT, 'dist/cli/main.js'],
  ] as const) {
    if (!fs.existsSync(path.join(root, built))) throw new Error(`${path.join(root, built)} is missing: run \`npm run build\` first.`);
  }
  const tmp = os.tmpdir();
  const dir = fs.mkdtempSync(path.join(tmp, 'mend-bench-writes-'));
  try {
    const disk = describeDisk(tmp);
    log(`Durable writes in ${dir}: ${disk}`);
    log(`(a) raw better-sqlite3 single-row commits, ${options.seconds} s …`);
    const raw = rawCommits(dir, options.seconds);
    const dataDir = path.join(dir, 'mend');
    const couples = Math.ceil(options.writers / 2);
    log(`Seeding ${couples} couples with 30 days of data …`);
    const seeded = await seedInto(dataDir, couples);
    log(`(b) CheckinService.put, ${options.writers} writers, group commit off then on, ${options.seconds} s each …`);
    const service = await serviceWrites(dataDir, options);
    log(`(c) HTTP PUT at ${options.writers} connections, group commit off then on, ${options.seconds} s each …`);
    const http = [await httpWrites(dataDir, seeded, options, false), await httpWrites(dataDir, seeded, options, true)];
    const postgres = options.postgresUrl ? await postgresWrites(options.postgresUrl, path.join(dir, 'pg'), couples, options, log) : [];
    return { disk, rows: [raw, ...service, ...http, ...postgres] };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export function printWritesBench(result: WritesBenchResult, options: WritesBenchOptions): void {
  console.log(`\nDurable check-in writes (SQLite, WAL, synchronous=FULL; ${options.seconds} s each; temp dir ${result.disk}):`);
  console.table(result.rows);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const options: WritesBenchOptions = { seconds: 5, writers: 50 };
  for (let i = 2; i < process.argv.length; i++) {
    if (process.argv[i] === '--seconds') options.seconds = Number(process.argv[++i]);
    else if (process.argv[i] === '--writers') options.writers = Number(process.argv[++i]);
    else if (process.argv[i] === '--postgres') options.postgresUrl = process.argv[++i]!;
  }
  printWritesBench(await runWritesBench(options), options);
}
