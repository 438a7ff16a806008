// Crash durability: Mend must never lose a write it acknowledged.
//
// Starts the built server (dist/main.js) on a fresh SQLite data folder, drives concurrent
// check-ins and journey entries from several couples over HTTP on 127.0.0.1, records every write
// that got a 2xx, and kills the server with SIGKILL at random moments. After each kill it runs
// `PRAGMA integrity_check` on the file, restarts the server, and reads every acknowledged write back
// through the API: it must be there, intact. A write whose request was cut off by the kill may or
// may not be there (nobody was told it was saved), but if it is there it must be whole.
//
//   npm run reliability -- crash             (full run: 20 kills, 4 couples)
//   node --import tsx scripts/reliability/crash.ts --kills 3 --couples 2
//
// The fast form runs in `npm test` as test/reliability/crash.test.ts. See docs/reliability.md.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { describe, verify } from './checker.js';
import { signUpCouples } from './couples.js';
import { freePort, MendServer, requireBuild } from './mend-server.js';
import { argNumber, random, sleep } from './random.js';
import { Ledger, startWorkers, type Round } from './writes.js';
import { runAsScript } from './run-as-script.js';

export interface CrashOptions {
  kills: number;
  couples: number;
  /** Each round runs for a random time in [minRoundMs, maxRoundMs] before the kill. */
  minRoundMs: number;
  maxRoundMs: number;
  /** Bound on the requests one worker sends in one round. */
  maxRequestsPerWorkerRound: number;
  seed: number;
  log?: (line: string) => void;
}

export const FULL: CrashOptions = {
  kills: 20,
  couples: 4,
  minRoundMs: 300,
  maxRoundMs: 4000,
  maxRequestsPerWorkerRound: 400,
  seed: Date.now(),
};
export const FAST: CrashOptions = {
  kills: 3,
  couples: 2,
  minRoundMs: 300,
  maxRoundMs: 1200,
  maxRequestsPerWorkerRound: 150,
  seed: Date.now(),
};

export interface CrashReport {
  kills: number;
  couples: number;
  workers: number;
  seed: number;
  acknowledged: { checkins: number; entries: number; total: number };
  /** Writes cut off by a kill (no answer): present afterwards or not, both are allowed. */
  cutOff: { total: number; foundAfterRestart: number };
  lost: string[];
  corrupted: string[];
  unexpected: string[];
  integrityChecks: string[];
  restartMs: number[];
  durationMs: number;
}

export function integrityCheck(file: string): string {
  const db = new SQLite(file, { readonly: true });
  try {
    return String(db.pragma('integrity_check', { simple: true }));
  } finally {
    db.close();
  }
}

export async function runCrash(options: CrashOptions): Promise<CrashReport> {
  requireBuild();
  const log = options.log ?? (() => {});
  const started = Date.now();
  const rng = random(options.seed);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mend-crash-'));
  const file = path.join(dataDir, 'mend.db');
  const server = new MendServer({ port: await freePort(), dataDir });
  const ledger = new Ledger();
  const report: CrashReport = {
    kills: 0,
    couples: options.couples,
    workers: options.couples * 4,
    seed: options.seed,
    acknowledged: { checkins: 0, entries: 0, total: 0 },
    cutOff: { total: 0, foundAfterRestart: 0 },
    lost: [],
    corrupted: [],
    unexpected: ledger.unexpected,
    integrityChecks: [],
    restartMs: [],
    durationMs: 0,
  };
  try {
    await server.start();
    const people = await signUpCouples(server.base, options.couples);
    for (let round = 1; round <= options.kills; round++) {
      const state: Round = { stop: false, faulted: false };
      const workers = startWorkers(server.base, people, ledger, rng, state, { max: options.maxRequestsPerWorkerRound });
      await sleep(options.minRoundMs + rng() * (options.maxRoundMs - options.minRoundMs));
      state.faulted = true;
      await server.kill('SIGKILL');
      report.kills += 1;
      state.stop = true;
      await workers;
      const integrity = integrityCheck(file);
      report.integrityChecks.push(integrity);
      report.restartMs.push(await server.start());
      const check = await verify(server.base, people, ledger);
      report.lost.push(...check.lost.map((f) => `after kill ${round}: ${describe(f)}`));
      report.corrupted.push(...check.corrupted.map((f) => `after kill ${round}: ${describe(f)}`));
      report.cutOff.foundAfterRestart = check.unacknowledgedFound;
      log(
        `kill ${round}/${options.kills}: ${ledger.ackedCheckins} check-ins and ${ledger.entries.size} entries acknowledged so far, ${ledger.uncertain} cut off; integrity ${integrity}; lost ${check.lost.length}, corrupted ${check.corrupted.length}`,
      );
    }
    await server.kill('SIGTERM');
    report.integrityChecks.push(integrityCheck(file));
  } finally {
    await server.kill('SIGKILL');
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  report.acknowledged = ledger.acknowledged;
  report.cutOff.total = ledger.uncertain;
  report.durationMs = Date.now() - started;
  return report;
}

export function passed(report: CrashReport): boolean {
  return (
    report.lost.length === 0 &&
    report.corrupted.length === 0 &&
    report.unexpected.length === 0 &&
    report.integrityChecks.every((r) => r === 'ok')
  );
}

export async function main(argv: string[]): Promise<boolean> {
  const options: CrashOptions = {
    ...FULL,
    kills: argNumber(argv, 'kills') ?? FULL.kills,
    couples: argNumber(argv, 'couples') ?? FULL.couples,
    seed: argNumber(argv, 'seed') ?? Date.now(),
    log: (line) => process.stdout.write(`${line}\n`),
  };
  process.stdout.write(`Crash durability (SQLite): ${options.kills} kills, ${options.couples} couples, seed ${options.seed}\n`);
  const report = await runCrash(options);
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  process.stdout.write(
    passed(report) ? 'PASS: every acknowledged write survived every kill.\n' : 'FAIL: see lost / corrupted / unexpected above.\n',
  );
  return passed(report);
}

runAsScript(import.meta.url, main);
