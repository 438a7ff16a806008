// Backup during write load: an online backup taken while couples keep writing must restore to a
// healthy database that holds every write acknowledged before the backup began.
//
// SQLite: `mend backup <file>` (SQLite's online backup API) runs as its own process while the
// server takes check-ins and journey entries; the moment before it is spawned is the cut-off.
// The file is checked with `PRAGMA integrity_check`, restored with `mend restore` into a fresh
// data folder (with the key files copied, as an operator would), a server is started on it, and
// the checker reads every acknowledged write back through the API with the cut-off.
// PostgreSQL: Mend's backup is pg_dump (`mend backup` says so). The same property is shown with
// `pg_dump --format=custom` against a private cluster under load, restored with pg_restore into a
// new database, `pg_amcheck` on it, and Mend started on the restored database.
//
//   npm run reliability -- backup             (both; SQLite over a seeded data set)
//   node --import tsx scripts/reliability/backup-under-load.ts --database sqlite --seed-couples 20
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, verify } from './checker.js';
import { signUpCouples } from './couples.js';
import { integrityCheck } from './crash.js';
import { freePort, MendServer, requireBuild, runMendCli } from './mend-server.js';
import { PostgresCluster, privateClusterUnavailable } from './postgres-cluster.js';
import { argNumber, random, sleep } from './random.js';
import { Ledger, startWorkers, type Round } from './writes.js';
import { runAsScript } from './run-as-script.js';

export interface BackupOptions {
  database: 'sqlite' | 'postgres';
  /** Couples writing during the backup (signed up over HTTP). */
  couples: number;
  /** Couples seeded first with `mend seed`, so the backup has real size (0: none). */
  seedCouples: number;
  seedDays: number;
  /** Writes before the backup starts, and after it ends. */
  warmupMs: number;
  seed: number;
  log?: (line: string) => void;
}

export const FULL_BACKUP: Omit<BackupOptions, 'database'> = {
  couples: 4,
  seedCouples: 200,
  seedDays: 365,
  warmupMs: 3000,
  seed: Date.now(),
};
export const FAST_BACKUP: Omit<BackupOptions, 'database'> = { couples: 2, seedCouples: 10, seedDays: 60, warmupMs: 1500, seed: Date.now() };

export interface BackupReport {
  database: 'sqlite' | 'postgres';
  seededCouples: number;
  /** Writes acknowledged before the backup began: every one must be in the restored database. */
  acknowledgedBeforeBackup: number;
  /** Writes acknowledged while the backup ran: proof that it ran under load. */
  acknowledgedDuringBackup: number;
  acknowledgedTotal: number;
  backupMs: number;
  /** The same backup taken again once the writes stopped, for comparison (SQLite only). */
  quietBackupMs: number | null;
  backupBytes: number;
  integrity: string;
  restoredIntegrity: string;
  restoreMs: number;
  verified: number;
  laterWritesFound: number;
  lost: string[];
  corrupted: string[];
  unexpected: string[];
  durationMs: number;
}

function copyKeys(from: string, to: string): void {
  fs.mkdirSync(to, { recursive: true });
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    if (entry.isFile() && !entry.name.startsWith('mend.db')) fs.copyFileSync(path.join(from, entry.name), path.join(to, entry.name));
  }
}

export async function runBackupUnderLoad(options: BackupOptions): Promise<BackupReport> {
  requireBuild();
  const log = options.log ?? (() => {});
  const started = Date.now();
  const rng = random(options.seed);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'mend-backup-load-'));
  const dataDir = path.join(work, 'data');
  const restoredDir = path.join(work, 'restored');
  fs.mkdirSync(dataDir);
  const ledger = new Ledger();
  let cluster: PostgresCluster | null = null;
  const servers: MendServer[] = [];
  const report: BackupReport = {
    database: options.database,
    seededCouples: options.seedCouples,
    acknowledgedBeforeBackup: 0,
    acknowledgedDuringBackup: 0,
    acknowledgedTotal: 0,
    backupMs: 0,
    quietBackupMs: null,
    backupBytes: 0,
    integrity: '',
    restoredIntegrity: '',
    restoreMs: 0,
    verified: 0,
    laterWritesFound: 0,
    lost: [],
    corrupted: [],
    unexpected: ledger.unexpected,
    durationMs: 0,
  };
  try {
    let databaseUrl: string | null = null;
    if (options.database === 'postgres') {
      cluster = await PostgresCluster.create();
      await cluster.start();
      await cluster.query('create database mend');
      databaseUrl = cluster.url('mend');
    }
    if (options.seedCouples > 0) {
      const seeded = await runMendCli(
        ['seed', '--couples', String(options.seedCouples), '--days', String(options.seedDays), '--json'],
        dataDir,
        databaseUrl,
      );
      if (seeded.code !== 0) throw new Error(`mend seed failed: ${seeded.stderr}`);
      log(`seeded ${options.seedCouples} couples × ${options.seedDays} days`);
    }
    const server = new MendServer({ port: await freePort(), dataDir, databaseUrl });
    servers.push(server);
    await server.start();
    const people = await signUpCouples(server.base, options.couples);
    const round: Round = { stop: false, faulted: false };
    const workers = startWorkers(server.base, people, ledger, rng, round, { max: 1_000_000 });
    await sleep(options.warmupMs);

    const backupFile = path.join(work, options.database === 'sqlite' ? 'mend-backup.db' : 'mend.dump');
    const cutoff = performance.now();
    if (options.database === 'sqlite') {
      const backup = await runMendCli(['backup', backupFile], dataDir);
      if (backup.code !== 0) throw new Error(`mend backup failed (${backup.code}): ${backup.stderr}${backup.stdout}`);
    } else {
      await new Promise<void>((resolve, reject) => {
        // pg_dump in its own process, as an operator runs it; asynchronously, so the load goes on.
        import('node:child_process').then(({ execFile }) =>
          execFile(path.join(cluster!.bin, 'pg_dump'), ['--format=custom', `--file=${backupFile}`, databaseUrl!], (error) =>
            error ? reject(error) : resolve(),
          ),
        );
      });
    }
    const backupDone = performance.now();
    report.backupMs = Math.round(backupDone - cutoff);
    await sleep(Math.min(options.warmupMs, 1000));
    round.stop = true;
    await workers;
    report.acknowledgedBeforeBackup = ledger.acknowledgedBy(cutoff);
    report.acknowledgedDuringBackup = ledger.acknowledgedBy(backupDone) - report.acknowledgedBeforeBackup;
    report.acknowledgedTotal = ledger.acknowledged.total;
    report.backupBytes = fs.statSync(backupFile).size;
    if (options.database === 'sqlite') {
      const quietStarted = performance.now();
      const quiet = await runMendCli(['backup', path.join(work, 'mend-backup-quiet.db')], dataDir);
      if (quiet.code === 0) report.quietBackupMs = Math.round(performance.now() - quietStarted);
      fs.rmSync(path.join(work, 'mend-backup-quiet.db'), { force: true });
    }
    await server.kill('SIGTERM');
    log(
      `backup took ${report.backupMs} ms (${report.quietBackupMs ?? '–'} ms without writes; ${report.backupBytes} bytes); ${report.acknowledgedBeforeBackup} writes acknowledged before it began, ${report.acknowledgedDuringBackup} during it`,
    );

    const restoreStarted = performance.now();
    let restoredUrl: string | null = null;
    copyKeys(dataDir, restoredDir);
    if (options.database === 'sqlite') {
      report.integrity = integrityCheck(backupFile);
      const restore = await runMendCli(['restore', backupFile], restoredDir);
      if (restore.code !== 0) throw new Error(`mend restore failed (${restore.code}): ${restore.stderr}`);
      report.restoredIntegrity = integrityCheck(path.join(restoredDir, 'mend.db'));
    } else {
      report.integrity = 'pg_dump exited 0';
      await cluster!.query('create database restored');
      execFileSync(
        path.join(cluster!.bin, 'pg_restore'),
        ['--exit-on-error', '--no-owner', `--dbname=${cluster!.url('restored')}`, backupFile],
        { stdio: ['ignore', 'ignore', 'pipe'] },
      );
      restoredUrl = cluster!.url('restored');
      try {
        cluster!.tool('pg_amcheck', [
          '-h',
          '127.0.0.1',
          '-p',
          String(cluster!.port),
          '-U',
          'mend',
          '-d',
          'restored',
          '--install-missing',
          '--heapallindexed',
        ]);
        report.restoredIntegrity = 'ok';
      } catch (error: any) {
        report.restoredIntegrity = `pg_amcheck: ${String(error.stdout ?? '')}${String(error.stderr ?? error.message)}`.slice(0, 2000);
      }
    }
    report.restoreMs = Math.round(performance.now() - restoreStarted);

    const restored = new MendServer({ port: await freePort(), dataDir: restoredDir, databaseUrl: restoredUrl });
    servers.push(restored);
    await restored.start();
    const check = await verify(restored.base, people, ledger, cutoff);
    report.verified = check.verified;
    report.laterWritesFound = check.unacknowledgedFound;
    report.lost = check.lost.map(describe);
    report.corrupted = check.corrupted.map(describe);
    await restored.kill('SIGTERM');
  } finally {
    for (const s of servers) await s.kill('SIGKILL');
    if (cluster) await cluster.remove();
    fs.rmSync(work, { recursive: true, force: true });
  }
  report.durationMs = Date.now() - started;
  return report;
}

export function backupPassed(report: BackupReport): boolean {
  return (
    report.lost.length === 0 &&
    report.corrupted.length === 0 &&
    report.unexpected.length === 0 &&
    report.restoredIntegrity === 'ok' &&
    (report.database === 'postgres' || report.integrity === 'ok') &&
    report.acknowledgedBeforeBackup > 0
  );
}

export async function main(argv: string[]): Promise<boolean> {
  const i = argv.indexOf('--database');
  const databases = i >= 0 ? [argv[i + 1] as 'sqlite' | 'postgres'] : (['sqlite', 'postgres'] as const);
  let ok = true;
  for (const database of databases) {
    if (database === 'postgres' && privateClusterUnavailable()) {
      process.stdout.write(`SKIPPED backup on PostgreSQL: ${privateClusterUnavailable()}\n`);
      if (process.env.MEND_REQUIRE_POSTGRES === '1') ok = false;
      continue;
    }
    const options: BackupOptions = {
      ...FULL_BACKUP,
      database,
      couples: argNumber(argv, 'couples') ?? FULL_BACKUP.couples,
      seedCouples: argNumber(argv, 'seed-couples') ?? FULL_BACKUP.seedCouples,
      seedDays: argNumber(argv, 'seed-days') ?? FULL_BACKUP.seedDays,
      seed: argNumber(argv, 'seed') ?? Date.now(),
      log: (line) => process.stdout.write(`${line}\n`),
    };
    process.stdout.write(
      `Backup during write load (${database}): ${options.couples} couples writing, ${options.seedCouples} seeded, seed ${options.seed}\n`,
    );
    const report = await runBackupUnderLoad(options);
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    const passed = backupPassed(report);
    process.stdout.write(
      passed ? `PASS (${database}): the backup holds every write acknowledged before it began.\n` : `FAIL (${database}): see above.\n`,
    );
    ok &&= passed;
  }
  return ok;
}

runAsScript(import.meta.url, main);
