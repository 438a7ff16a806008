// Crash durability on PostgreSQL: the database server is killed, not Mend.
//
// A private cluster (scripts/reliability/postgres-cluster.ts, never the shared server on 5432)
// runs with fsync and synchronous_commit on. Mend (dist/main.js) runs on it through
// DATABASE_URL while couples write check-ins and journey entries; at random moments the
// postmaster and all its backends get SIGKILL together. During the outage Mend must answer 5xx
// (never a false success) and must stay up; the cluster is restarted (crash recovery), Mend must
// become ready again on its own, and every acknowledged write must be read back intact.
// `pg_amcheck` checks every table and index of Mend's database after each recovery.
//
//   npm run reliability -- crash-postgres    (full run: 20 kills, 4 couples)
//   node --import tsx scripts/reliability/crash-postgres.ts --kills 3 --couples 2
import path from 'node:path';
import fs from 'node:fs';
import os from 'node:os';
import { describe, verify } from './checker.js';
import { signUpCouples } from './couples.js';
import { freePort, MendServer, requireBuild } from './mend-server.js';
import { PostgresCluster } from './postgres-cluster.js';
import { argNumber, random, sleep } from './random.js';
import { latencySummary, Ledger, startWorkers, type Round } from './writes.js';
import { FAST, FULL, type CrashOptions } from './crash.js';
import { runAsScript } from './run-as-script.js';

/** The same rounds as the SQLite run: only what is killed differs. */
export const FULL_PG: CrashOptions = FULL;
export const FAST_PG: CrashOptions = FAST;

export interface PostgresCrashReport {
  kills: number;
  couples: number;
  seed: number;
  /** Processes killed per kill (postmaster + backends). */
  processesKilled: number[];
  acknowledged: { checkins: number; entries: number; total: number };
  /** No answer or a 5xx while the database was down: may or may not be saved. */
  uncertain: { total: number; foundAfterRecovery: number };
  /** Mend's answers while the database was down, by status. */
  outageAnswers: Record<string, number>;
  /** How long the requests in flight at a kill took to be answered (from when they were sent). */
  inFlightAtKill: ReturnType<typeof latencySummary>;
  /** Milliseconds for /readyz to answer (503) while the database was down. */
  readyzWhileDownMs: number[];
  lost: string[];
  corrupted: string[];
  unexpected: string[];
  /** Mend process exits during the run (must stay empty). */
  mendExits: string[];
  amcheck: string[];
  /** Milliseconds from restarting PostgreSQL to it answering (crash recovery). */
  recoveryMs: number[];
  /** Milliseconds from PostgreSQL answering to Mend's /readyz answering 200 again. */
  mendBackMs: number[];
  durationMs: number;
}

function amcheck(cluster: PostgresCluster): string {
  try {
    cluster.tool('pg_amcheck', [
      '-h',
      '127.0.0.1',
      '-p',
      String(cluster.port),
      '-U',
      'mend',
      '-d',
      'mend',
      '--install-missing',
      '--heapallindexed',
      '--no-strict-names',
    ]);
    return 'ok';
  } catch (error: any) {
    return `pg_amcheck: ${String(error.stdout ?? '')}${String(error.stderr ?? error.message)}`.slice(0, 2000);
  }
}

export async function runPostgresCrash(options: CrashOptions): Promise<PostgresCrashReport> {
  requireBuild();
  const log = options.log ?? (() => {});
  const started = Date.now();
  const rng = random(options.seed);
  const ledger = new Ledger();
  const report: PostgresCrashReport = {
    kills: 0,
    couples: options.couples,
    seed: options.seed,
    processesKilled: [],
    acknowledged: { checkins: 0, entries: 0, total: 0 },
    uncertain: { total: 0, foundAfterRecovery: 0 },
    outageAnswers: ledger.faultAnswers,
    inFlightAtKill: latencySummary([]),
    readyzWhileDownMs: [],
    lost: [],
    corrupted: [],
    unexpected: ledger.unexpected,
    mendExits: [],
    amcheck: [],
    recoveryMs: [],
    mendBackMs: [],
    durationMs: 0,
  };
  const cluster = await PostgresCluster.create();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mend-crash-pg-'));
  const server = new MendServer({ port: await freePort(), dataDir, databaseUrl: cluster.url('mend') });
  try {
    await cluster.start();
    await cluster.query('create database mend');
    await server.start();
    const onExit = (code: number | null, signal: string | null) =>
      report.mendExits.push(`Mend exited (${code ?? signal}): ${server.stderr.slice(-1500)}`);
    server.child!.once('exit', onExit);
    const people = await signUpCouples(server.base, options.couples);
    for (let round = 1; round <= options.kills; round++) {
      const state: Round = { stop: false, faulted: false };
      const workers = startWorkers(server.base, people, ledger, rng, state, { max: options.maxRequestsPerWorkerRound });
      await sleep(options.minRoundMs + rng() * (options.maxRoundMs - options.minRoundMs));
      state.faulted = true;
      ledger.faultOpen = true;
      report.processesKilled.push(await cluster.kill());
      report.kills += 1;
      state.stop = true;
      await workers;
      ledger.faultOpen = false;
      // Mend alone while the database is gone: it must answer, not fall over.
      const asked = performance.now();
      const down = await fetch(`${server.base}/readyz`).then(
        (r) => r.status,
        () => 'no answer',
      );
      report.readyzWhileDownMs.push(Math.round(performance.now() - asked));
      if (!server.running) break;
      report.outageAnswers[`/readyz ${down}`] = (report.outageAnswers[`/readyz ${down}`] ?? 0) + 1;
      report.recoveryMs.push(await cluster.start());
      report.mendBackMs.push(await server.waitReady(60_000));
      report.amcheck.push(amcheck(cluster));
      const check = await verify(server.base, people, ledger);
      report.lost.push(...check.lost.map((f) => `after kill ${round}: ${describe(f)}`));
      report.corrupted.push(...check.corrupted.map((f) => `after kill ${round}: ${describe(f)}`));
      report.uncertain.foundAfterRecovery = check.unacknowledgedFound;
      log(
        `kill ${round}/${options.kills}: ${ledger.ackedCheckins} check-ins and ${ledger.entries.size} entries acknowledged so far, ${ledger.uncertain} uncertain; amcheck ${report.amcheck.at(-1)}; lost ${check.lost.length}, corrupted ${check.corrupted.length}`,
      );
    }
    server.child!.off('exit', onExit);
    if (server.running) await server.kill('SIGTERM');
  } finally {
    await server.kill('SIGKILL');
    await cluster.remove();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  report.acknowledged = ledger.acknowledged;
  report.inFlightAtKill = latencySummary(ledger.faultLatencies);
  report.uncertain.total = ledger.uncertain;
  report.durationMs = Date.now() - started;
  return report;
}

export function postgresCrashPassed(report: PostgresCrashReport, kills: number): boolean {
  return (
    report.kills === kills &&
    report.lost.length === 0 &&
    report.corrupted.length === 0 &&
    report.unexpected.length === 0 &&
    report.mendExits.length === 0 &&
    report.amcheck.every((r) => r === 'ok')
  );
}

export async function main(argv: string[]): Promise<boolean> {
  const options: CrashOptions = {
    ...FULL_PG,
    kills: argNumber(argv, 'kills') ?? FULL_PG.kills,
    couples: argNumber(argv, 'couples') ?? FULL_PG.couples,
    seed: argNumber(argv, 'seed') ?? Date.now(),
    log: (line) => process.stdout.write(`${line}\n`),
  };
  process.stdout.write(
    `Crash durability (PostgreSQL server killed): ${options.kills} kills, ${options.couples} couples, seed ${options.seed}\n`,
  );
  const report = await runPostgresCrash(options);
  const ok = postgresCrashPassed(report, options.kills);
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  process.stdout.write(ok ? 'PASS: Mend stayed up and every acknowledged write survived every PostgreSQL kill.\n' : 'FAIL: see above.\n');
  return ok;
}

runAsScript(import.meta.url, main);
