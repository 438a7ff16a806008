// Two Mend servers sharing one PostgreSQL, one of them killed with SIGKILL under write load.
//
// A private cluster (postgres-cluster.ts, never the shared server) holds the database; two built
// servers (dist/main.js) run on it, and each person's writes go to one of them, chosen
// afresh every round. At a random moment one server, chosen at random, gets SIGKILL. Its cut-off
// requests may or may not be saved; the other server must go on answering every request as
// usual (any 5xx or missing answer from it fails the run), and its answers during the outage are
// timed. The killed server is restarted, and every acknowledged write is read back through both.
//
//   npm run reliability -- two-servers        (full run: 12 kills, 4 couples)
//   node --import tsx scripts/reliability/two-servers.ts --kills 2 --couples 2
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, verify } from './checker.js';
import { signUpCouples, type Person } from './couples.js';
import { FAST, type CrashOptions } from './crash.js';
import { freePort, MendServer, requireBuild } from './mend-server.js';
import { PostgresCluster } from './postgres-cluster.js';
import { argNumber, random, sleep } from './random.js';
import { runAsScript } from './run-as-script.js';
import { latencySummary, Ledger, startWorkers, type Round } from './writes.js';

export const FULL_TWO: CrashOptions = {
  kills: 12,
  couples: 4,
  minRoundMs: 500,
  maxRoundMs: 3000,
  maxRequestsPerWorkerRound: 400,
  seed: Date.now(),
};
export const FAST_TWO: CrashOptions = { ...FAST, kills: 2 };

export interface TwoServersReport {
  kills: number;
  seed: number;
  /** Which server (0 or 1) was killed each round. */
  killed: number[];
  acknowledged: { checkins: number; entries: number; total: number };
  /** Requests to the killed server with no answer (or a 5xx): may or may not be saved. */
  cutOff: { total: number; foundAfterRestart: number };
  /** Answers of the surviving server from the kill until its partner was ready again. */
  survivorDuringOutage: ReturnType<typeof latencySummary>;
  /** Milliseconds from restarting the killed server to its /readyz answering 200. */
  restartMs: number[];
  lost: string[];
  corrupted: string[];
  unexpected: string[];
  /** The servers' last "request failed" log lines (kind, code and place; never a message). */
  failureLog: string[];
  durationMs: number;
}

export async function runTwoServers(options: CrashOptions): Promise<TwoServersReport> {
  requireBuild();
  const log = options.log ?? (() => {});
  const started = Date.now();
  const rng = random(options.seed);
  const ledger = new Ledger();
  const survivorLedger = new Ledger();
  const report: TwoServersReport = {
    kills: 0,
    seed: options.seed,
    killed: [],
    acknowledged: { checkins: 0, entries: 0, total: 0 },
    cutOff: { total: 0, foundAfterRestart: 0 },
    survivorDuringOutage: latencySummary([]),
    restartMs: [],
    lost: [],
    corrupted: [],
    unexpected: ledger.unexpected,
    failureLog: [],
    durationMs: 0,
  };
  const cluster = await PostgresCluster.create();
  const dataDirs = [0, 1].map(() => fs.mkdtempSync(path.join(os.tmpdir(), 'mend-two-')));
  const servers: MendServer[] = [];
  try {
    await cluster.start();
    await cluster.query('create database mend');
    for (const dataDir of dataDirs) servers.push(new MendServer({ port: await freePort(), dataDir, databaseUrl: cluster.url('mend') }));
    // One after the other: the first creates the schema, and the key file is copied to the second.
    await servers[0]!.start();
    for (const name of fs.readdirSync(dataDirs[0]!))
      if (name.endsWith('.key')) fs.copyFileSync(path.join(dataDirs[0]!, name), path.join(dataDirs[1]!, name));
    await servers[1]!.start();
    const people = await signUpCouples(servers[0]!.base, options.couples);
    for (let round = 1; round <= options.kills; round++) {
      const groups: Person[][] = [[], []];
      for (const p of people) groups[rng() < 0.5 ? 0 : 1]!.push(p);
      const victim = rng() < 0.5 ? 0 : 1;
      const survivor = 1 - victim;
      const states: Round[] = [0, 1].map(() => ({ stop: false, faulted: false }));
      // The survivor's workers keep their own ledger of answers timed during the outage, the same ledger of writes.
      const workers = [0, 1].map((i) =>
        startWorkers(servers[i]!.base, groups[i]!, i === survivor ? withTiming(ledger, survivorLedger) : ledger, rng, states[i]!, {
          max: options.maxRequestsPerWorkerRound,
        }),
      );
      await sleep(options.minRoundMs + rng() * (options.maxRoundMs - options.minRoundMs));
      states[victim]!.faulted = true;
      survivorLedger.faultOpen = true;
      await servers[victim]!.kill('SIGKILL');
      report.killed.push(victim);
      report.kills = round;
      report.restartMs.push(await servers[victim]!.start());
      survivorLedger.faultOpen = false;
      for (const state of states) state.stop = true;
      await Promise.all(workers);
      for (const server of servers) {
        const check = await verify(server.base, people, ledger);
        report.lost.push(...check.lost.map((f) => `after kill ${round} (read through server ${servers.indexOf(server)}): ${describe(f)}`));
        report.corrupted.push(...check.corrupted.map((f) => `after kill ${round}: ${describe(f)}`));
        report.cutOff.foundAfterRestart = check.unacknowledgedFound;
      }
      log(
        `kill ${round}/${options.kills} (server ${victim}): ${ledger.ackedCheckins} check-ins and ${ledger.entries.size} entries acknowledged so far, ${ledger.uncertain} cut off; lost ${report.lost.length}, corrupted ${report.corrupted.length}, unexpected ${ledger.unexpected.length}`,
      );
    }
    for (const server of servers) await server.kill('SIGTERM');
  } finally {
    report.failureLog = servers.flatMap((server) => server.failures);
    for (const server of servers) await server.kill('SIGKILL');
    await cluster.remove();
    for (const dir of dataDirs) fs.rmSync(dir, { recursive: true, force: true });
  }
  report.acknowledged = ledger.acknowledged;
  report.cutOff.total = ledger.uncertain;
  report.survivorDuringOutage = latencySummary(survivorLedger.faultLatencies);
  report.durationMs = Date.now() - started;
  return report;
}

/**
 * The shared ledger, seen through an object whose `faultOpen` and `faultLatencies` are the
 * survivor's: only its answers are timed during the outage.
 */
function withTiming(ledger: Ledger, timing: Ledger): Ledger {
  return new Proxy(ledger, {
    get: (target, key) => (key === 'faultOpen' || key === 'faultLatencies' ? timing[key] : Reflect.get(target, key)),
  });
}

export const twoServersPassed = (report: TwoServersReport, kills: number): boolean =>
  report.kills === kills && report.lost.length === 0 && report.corrupted.length === 0 && report.unexpected.length === 0;

export async function main(argv: string[]): Promise<boolean> {
  const options: CrashOptions = {
    ...FULL_TWO,
    kills: argNumber(argv, 'kills') ?? FULL_TWO.kills,
    couples: argNumber(argv, 'couples') ?? FULL_TWO.couples,
    seed: argNumber(argv, 'seed') ?? Date.now(),
    log: (line) => process.stdout.write(`${line}\n`),
  };
  process.stdout.write(
    `Two servers on one PostgreSQL, one killed: ${options.kills} kills, ${options.couples} couples, seed ${options.seed}\n`,
  );
  const report = await runTwoServers(options);
  const ok = twoServersPassed(report, options.kills);
  process.stdout.write(`${JSON.stringify({ ...report, unexpected: report.unexpected.slice(0, 20) }, null, 2)}\n`);
  process.stdout.write(ok ? 'PASS: the other server kept answering and every acknowledged write survived.\n' : 'FAIL: see above.\n');
  return ok;
}

runAsScript(import.meta.url, main);
