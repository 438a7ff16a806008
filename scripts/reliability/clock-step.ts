// The wall clock stepping backwards under write load (NTP correcting a fast clock, a VM resumed
// from a snapshot). Mend (dist/main.js, SQLite) runs through mend-with-clock.mjs, whose
// `Date` reads the real clock plus an offset the run sets over IPC; timers keep the monotonic
// clock, as with a real step. Each round the couples write check-ins and journey entries, and
// in the middle of the round the clock steps back by a random amount (up to `maxStepMinutes`
// further behind) while requests are in flight. Nothing may change for the people using it: no
// status other than the expected 2xx (sessions stay valid, dates still accepted), and every
// acknowledged write read back intact. At the end the clock jumps forward to the real time
// again, the server restarts, and everything is read back once more.
//
//   npm run reliability -- clock                  (full run: 8 rounds, 4 couples, steps up to 3 h)
//   node --import tsx scripts/reliability/clock-step.ts --rounds 2 --couples 1
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, verify } from './checker.js';
import { signUpCouples, type Person } from './couples.js';
import { callAll } from './http.js';
import { freePort, MendServer, requireBuild } from './mend-server.js';
import { argNumber, random, sleep } from './random.js';
import { runAsScript } from './run-as-script.js';
import { latencySummary, Ledger, startWorkers, type Round } from './writes.js';

export interface ClockOptions {
  rounds: number;
  couples: number;
  /** Each round lasts a random time in [minRoundMs, maxRoundMs]; the step comes half-way. */
  minRoundMs: number;
  maxRoundMs: number;
  maxStepMinutes: number;
  maxRequestsPerWorkerRound: number;
  seed: number;
  log?: (line: string) => void;
}

export const FULL_CLOCK: ClockOptions = {
  rounds: 8,
  couples: 4,
  minRoundMs: 1000,
  maxRoundMs: 3000,
  maxStepMinutes: 180,
  maxRequestsPerWorkerRound: 400,
  seed: Date.now(),
};
export const FAST_CLOCK: ClockOptions = {
  rounds: 3,
  couples: 1,
  minRoundMs: 500,
  maxRoundMs: 1000,
  maxStepMinutes: 180,
  maxRequestsPerWorkerRound: 100,
  seed: Date.now(),
};

export interface ClockReport {
  rounds: number;
  seed: number;
  /** The server's clock after each step, as it reported it. */
  steps: Array<{ offsetMinutes: number; serverTime: string }>;
  acknowledged: { checkins: number; entries: number; total: number };
  /** Requests answered after a step, in the rest of its round. */
  afterStep: ReturnType<typeof latencySummary>;
  lost: string[];
  corrupted: string[];
  unexpected: string[];
  /**
   * Journey entries listed before one acknowledged more than a second earlier (the list is
   * ordered by the server's clock at writing). Observed, not failed on: see docs/reliability.md.
   */
  entriesOutOfOrder: number;
  durationMs: number;
}

/** Pairs of neighbours in each journey's list whose acknowledgements came the other way round, over a second apart. */
async function entriesOutOfOrder(base: string, people: Person[], ledger: Ledger): Promise<number> {
  const journeys = new Map(people.map((p) => [p.journeyId, p]));
  let count = 0;
  for (const [journeyId, p] of journeys) {
    // Every page, read oldest first (the API lists newest first).
    const res = await callAll(base, p.token, `/api/v1/journeys/${journeyId}/entries`, 'entries');
    const acked = (res.items as Array<{ id: string }>)
      .reverse()
      .map((e) => ledger.entries.get(e.id)?.ackedAt)
      .filter((t): t is number => t !== undefined);
    for (let i = 1; i < acked.length; i++) if (acked[i - 1]! - acked[i]! > 1000) count += 1;
  }
  return count;
}

export async function runClockStep(options: ClockOptions): Promise<ClockReport> {
  requireBuild();
  const log = options.log ?? (() => {});
  const started = Date.now();
  const rng = random(options.seed);
  const ledger = new Ledger();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mend-clock-'));
  const server = new MendServer({ port: await freePort(), dataDir, steppedClock: true });
  const report: ClockReport = {
    rounds: 0,
    seed: options.seed,
    steps: [],
    acknowledged: { checkins: 0, entries: 0, total: 0 },
    afterStep: latencySummary([]),
    lost: [],
    corrupted: [],
    unexpected: ledger.unexpected,
    entriesOutOfOrder: 0,
    durationMs: 0,
  };
  let people: Awaited<ReturnType<typeof signUpCouples>> = [];
  const check = async (when: string) => {
    const result = await verify(server.base, people, ledger);
    report.lost.push(...result.lost.map((f) => `${when}: ${describe(f)}`));
    report.corrupted.push(...result.corrupted.map((f) => `${when}: ${describe(f)}`));
    return result;
  };
  try {
    await server.start();
    people = await signUpCouples(server.base, options.couples);
    let offsetMs = 0;
    for (let round = 1; round <= options.rounds; round++) {
      const state: Round = { stop: false, faulted: false };
      // A day back or two: valid for a server up to a day behind (today would be its tomorrow).
      const workers = startWorkers(server.base, people, ledger, rng, state, { max: options.maxRequestsPerWorkerRound, firstDayBack: 1 });
      const length = options.minRoundMs + rng() * (options.maxRoundMs - options.minRoundMs);
      await sleep(length / 2);
      offsetMs -= Math.round((1 + rng() * (options.maxStepMinutes - 1)) * 60_000);
      ledger.faultOpen = true;
      const serverTime = await server.stepClock(offsetMs);
      report.steps.push({ offsetMinutes: Math.round(offsetMs / 60_000), serverTime });
      await sleep(length / 2);
      state.stop = true;
      await workers;
      ledger.faultOpen = false;
      report.rounds = round;
      const result = await check(`round ${round}`);
      log(
        `round ${round}/${options.rounds}: clock ${Math.round(offsetMs / 60_000)} min (${serverTime}); ${ledger.ackedCheckins} check-ins and ${ledger.entries.size} entries acknowledged so far; verified ${result.verified}, lost ${result.lost.length}, corrupted ${result.corrupted.length}, unexpected ${ledger.unexpected.length}`,
      );
    }
    // The clock put right again (a jump forward of the whole offset), then a restart.
    await server.stepClock(0);
    await check('clock put right');
    await server.kill('SIGTERM');
    await server.start();
    await check('after a restart');
    report.entriesOutOfOrder = await entriesOutOfOrder(server.base, people, ledger);
  } finally {
    await server.kill('SIGKILL');
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  report.acknowledged = ledger.acknowledged;
  report.afterStep = latencySummary(ledger.faultLatencies);
  report.durationMs = Date.now() - started;
  return report;
}

export const clockPassed = (report: ClockReport, rounds: number): boolean =>
  report.rounds === rounds && report.lost.length === 0 && report.corrupted.length === 0 && report.unexpected.length === 0;

export async function main(argv: string[]): Promise<boolean> {
  const options: ClockOptions = {
    ...FULL_CLOCK,
    rounds: argNumber(argv, 'rounds') ?? FULL_CLOCK.rounds,
    couples: argNumber(argv, 'couples') ?? FULL_CLOCK.couples,
    maxStepMinutes: argNumber(argv, 'max-step-minutes') ?? FULL_CLOCK.maxStepMinutes,
    seed: argNumber(argv, 'seed') ?? Date.now(),
    log: (line) => process.stdout.write(`${line}\n`),
  };
  process.stdout.write(
    `Clock stepping backwards (SQLite): ${options.rounds} rounds, ${options.couples} couples, steps up to ${options.maxStepMinutes} min, seed ${options.seed}\n`,
  );
  const report = await runClockStep(options);
  const ok = clockPassed(report, options.rounds);
  process.stdout.write(`${JSON.stringify({ ...report, unexpected: report.unexpected.slice(0, 20) }, null, 2)}\n`);
  process.stdout.write(ok ? 'PASS: nothing changed for the couples while the clock went back.\n' : 'FAIL: see above.\n');
  return ok;
}

runAsScript(import.meta.url, main);
