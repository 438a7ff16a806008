// Load and memory: many couples using Mend at once, with zero errors, and no memory growth from
// one run to the next against the same server process.
//
// The couples are made with `mend seed` (a history of check-ins, agreements and a journey each),
// then every person signs in over HTTP. One server process (started through
// scripts/reliability/mend-with-gc.mjs, node --expose-gc) takes `runs` runs of `seconds` each; in a
// run every couple is one loop that, like a couple would, picks a partner and an action — today's
// check-in, reading progress, reading or writing journey entries, reading their check-ins — then
// pauses a moment. Any answer other than the expected 2xx, and any request without an answer, is
// an error. After each run the server collects its garbage and reports heap and RSS.
//
// "No memory growth": heap used after a forced GC at the end of the last run is at most the heap
// after the first run plus `heapSlackMiB` (the first run fills what is meant to stay: compiled
// code, prepared statements, caches bounded by the number of couples).
//
//   npm run reliability -- load               (200 couples × 60 s, 3 runs)
//   node --import tsx scripts/reliability/load.ts --couples 20 --seconds 10 --runs 2
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { call, NetworkError } from './http.js';
import { freePort, MendServer, requireBuild, runMendCli, type MemoryFigures } from './mend-server.js';
import { argNumber, random, sleep, utcDate } from './random.js';
import { runAsScript } from './run-as-script.js';
import { percentile } from './writes.js';

export interface LoadOptions {
  couples: number;
  seconds: number;
  runs: number;
  /** Days of history `mend seed` gives each couple. */
  seedDays: number;
  /** Each couple pauses a random time in [minPauseMs, maxPauseMs] between actions. */
  minPauseMs: number;
  maxPauseMs: number;
  heapSlackMiB: number;
  seed: number;
  log?: (line: string) => void;
}

export const FULL_LOAD: LoadOptions = {
  couples: 200,
  seconds: 60,
  runs: 3,
  seedDays: 90,
  minPauseMs: 500,
  maxPauseMs: 2500,
  heapSlackMiB: 8,
  seed: Date.now(),
};
export const FAST_LOAD: LoadOptions = {
  couples: 20,
  seconds: 10,
  runs: 2,
  seedDays: 30,
  minPauseMs: 200,
  maxPauseMs: 800,
  heapSlackMiB: 8,
  seed: Date.now(),
};

interface LoadPerson {
  email: string;
  token: string;
  role: 'broke_trust' | 'hurt';
}

interface LoadCouple {
  spaceId: string;
  journeyId: string;
  people: [LoadPerson, LoadPerson];
  questions: string[];
}

export interface RunFigures {
  requests: number;
  byAction: Record<string, number>;
  errors: number;
  errorSamples: string[];
  p50Ms: number;
  p99Ms: number;
  requestsPerSecond: number;
  memoryAfter: MemoryFigures;
}

export interface LoadReport {
  couples: number;
  seconds: number;
  seedDays: number;
  seedSeconds: number;
  signInSeconds: number;
  memoryBefore: MemoryFigures;
  runs: RunFigures[];
  totalRequests: number;
  totalErrors: number;
  /** heapUsed after the last run minus after the first, MiB (after a forced GC each time). */
  heapGrowthMiB: number;
  rssGrowthMiB: number;
  heapSlackMiB: number;
  noGrowth: boolean;
  durationMs: number;
}

const MiB = 1024 * 1024;

/** `mend seed --json` lists the first 50 couples; the rest follow the same numbered address pattern. */
function seededEmails(sample: { emails: [string, string] }[], couples: number): [string, string][] {
  const first = sample[0]?.emails;
  if (!first || !/\.0*1\./.test(first[0]))
    throw new Error(`unexpected seeded address ${first?.[0]}: the load run needs mend seed's numbered addresses`);
  const at = (template: string, n: number) =>
    template.replace(/\.(\d+)\./, (_m, digits: string) => `.${String(n).padStart(digits.length, '0')}.`);
  const all: [string, string][] = [];
  for (let n = 1; n <= couples; n++) all.push([at(first[0], n), at(first[1], n)]);
  sample.forEach((c, i) => {
    if (c.emails[0] !== all[i]![0] || c.emails[1] !== all[i]![1]) throw new Error(`seeded address pattern does not match couple ${i + 1}`);
  });
  return all;
}

async function inBatches<T, R>(items: T[], width: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i]!);
      }
    }),
  );
  return out;
}

async function signIn(base: string, emails: [string, string][], password: string): Promise<LoadCouple[]> {
  const people = await inBatches(emails.flat(), 4, async (email) => {
    const res = await call(base, null, 'POST', '/api/v1/sessions', { email, password });
    if (res.status !== 201) throw new Error(`sign-in of a seeded account: ${res.status} ${JSON.stringify(res.body)}`);
    return { email, token: res.body.token as string, id: res.body.account.id as string };
  });
  return inBatches(emails, 4, async ([alex]) => {
    const a = people.find((p) => p.email === alex)!;
    const b = people[people.indexOf(a) + 1]!;
    const me = await call(base, a.token, 'GET', '/api/v1/me');
    const spaceId = me.body.spaces[0].id as string;
    // The seeded journey is about lying; questions and answers belong to journeys after an affair,
    // so each couple also opens one of those to write in.
    const breach = await call(base, b.token, 'POST', `/api/v1/spaces/${spaceId}/breaches`, { kind: 'infidelity', brokeTrust: [a.id] });
    if (breach.status !== 201) throw new Error(`breach: ${breach.status} ${JSON.stringify(breach.body)}`);
    const journeyId = breach.body.journey.id as string;
    return {
      spaceId,
      journeyId,
      questions: [],
      people: [
        { email: a.email, token: a.token, role: 'broke_trust' as const },
        { email: b.email, token: b.token, role: 'hurt' as const },
      ],
    };
  });
}

/** One couple's loop: a partner and an action at a time, as long as the run lasts. */
async function coupleLoop(
  base: string,
  couple: LoadCouple,
  rng: () => number,
  until: number,
  options: LoadOptions,
  figures: { latencies: number[]; byAction: Record<string, number>; errors: string[] },
): Promise<void> {
  let n = 0;
  while (Date.now() < until) {
    const person = couple.people[rng() < 0.5 ? 0 : 1];
    const roll = rng();
    let action: string;
    let request: [string, string, unknown?];
    let expected = 200;
    if (roll < 0.3) {
      action = 'check-in PUT';
      request = [
        'PUT',
        `/api/v1/spaces/${couple.spaceId}/checkins/${utcDate(0)}`,
        {
          safety: Math.floor(rng() * 11),
          trust: Math.floor(rng() * 11),
          closeness: Math.floor(rng() * 11),
          day: 'mixed',
          note: { text: `load note ${n++}`, visibility: rng() < 0.5 ? 'private' : 'shared' },
        },
      ];
      expected = -1; // 201 the first time today, 200 after
    } else if (roll < 0.5) {
      action = 'progress GET';
      request = ['GET', `/api/v1/spaces/${couple.spaceId}/progress`];
    } else if (roll < 0.65) {
      action = 'entries GET';
      request = ['GET', `/api/v1/journeys/${couple.journeyId}/entries`];
    } else if (roll < 0.8) {
      action = 'entry POST';
      expected = 201;
      if (person.role === 'hurt' || couple.questions.length === 0) {
        const asker = couple.people[1];
        request = [
          'POST',
          `/api/v1/journeys/${couple.journeyId}/entries`,
          { prompt: 'question', text: `load question ${n++}: what happened that night?`, visibility: 'shared' },
        ];
        if (person !== asker) continue;
      } else {
        request = [
          'POST',
          `/api/v1/journeys/${couple.journeyId}/entries`,
          {
            prompt: 'answer',
            text: `load answer ${n++}: I will tell you.`,
            visibility: 'shared',
            replyTo: couple.questions[Math.floor(rng() * couple.questions.length)],
          },
        ];
      }
    } else if (roll < 0.95) {
      action = 'check-ins GET';
      request = ['GET', `/api/v1/spaces/${couple.spaceId}/checkins?from=${utcDate(-28)}&to=${utcDate(0)}`];
    } else {
      action = 'me GET';
      request = ['GET', '/api/v1/me'];
    }
    const started = performance.now();
    try {
      const res = await call(base, person.token, request[0], request[1], request[2]);
      figures.latencies.push(performance.now() - started);
      figures.byAction[action] = (figures.byAction[action] ?? 0) + 1;
      const ok = expected === -1 ? res.status === 200 || res.status === 201 : res.status === expected;
      if (!ok) figures.errors.push(`${action}: ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
      else if (action === 'entry POST' && (request[2] as { prompt: string }).prompt === 'question')
        couple.questions.push(res.body.entry.id as string);
    } catch (error) {
      if (!(error instanceof NetworkError)) throw error;
      figures.errors.push(`${action}: no answer (${error.message})`);
    }
    await sleep(options.minPauseMs + rng() * (options.maxPauseMs - options.minPauseMs));
  }
}

export async function runLoad(options: LoadOptions): Promise<LoadReport> {
  requireBuild();
  const log = options.log ?? (() => {});
  const started = Date.now();
  const rng = random(options.seed);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mend-load-'));
  const server = new MendServer({ port: await freePort(), dataDir, withGc: true });
  try {
    const seedStarted = Date.now();
    const seeded = await runMendCli(['seed', '--couples', String(options.couples), '--days', String(options.seedDays), '--json'], dataDir);
    if (seeded.code !== 0) throw new Error(`mend seed failed: ${seeded.stderr}`);
    const summary = JSON.parse(seeded.stdout) as { password: string; sample: { emails: [string, string] }[] };
    const seedSeconds = (Date.now() - seedStarted) / 1000;
    log(`seeded ${options.couples} couples × ${options.seedDays} days in ${seedSeconds.toFixed(1)} s`);
    await server.start();
    const signInStarted = Date.now();
    const couples = await signIn(server.base, seededEmails(summary.sample, options.couples), summary.password);
    const signInSeconds = (Date.now() - signInStarted) / 1000;
    log(`signed in ${couples.length * 2} people in ${signInSeconds.toFixed(1)} s`);
    const memoryBefore = await server.memory();
    const runs: RunFigures[] = [];
    for (let run = 1; run <= options.runs; run++) {
      const figures = { latencies: [] as number[], byAction: {} as Record<string, number>, errors: [] as string[] };
      const runStarted = Date.now();
      const until = runStarted + options.seconds * 1000;
      await Promise.all(couples.map((c) => coupleLoop(server.base, c, rng, until, options, figures)));
      const elapsed = (Date.now() - runStarted) / 1000;
      if (!server.running) throw new Error(`Mend exited during run ${run}: ${server.stderr}`);
      const memoryAfter = await server.memory();
      const sorted = figures.latencies.sort((a, b) => a - b);
      const requests =
        Object.values(figures.byAction).reduce((a, b) => a + b, 0) + figures.errors.filter((e) => e.includes('no answer')).length;
      runs.push({
        requests,
        byAction: figures.byAction,
        errors: figures.errors.length,
        errorSamples: figures.errors.slice(0, 5),
        p50Ms: Math.round(percentile(sorted, 0.5)),
        p99Ms: Math.round(percentile(sorted, 0.99)),
        requestsPerSecond: Math.round((requests / elapsed) * 10) / 10,
        memoryAfter,
      });
      log(
        `run ${run}/${options.runs}: ${requests} requests, ${figures.errors.length} errors, p50 ${runs.at(-1)!.p50Ms} ms, p99 ${runs.at(-1)!.p99Ms} ms; heap ${(memoryAfter.heapUsed / MiB).toFixed(1)} MiB, RSS ${(memoryAfter.rss / MiB).toFixed(1)} MiB`,
      );
    }
    await server.kill('SIGTERM');
    const first = runs[0]!.memoryAfter;
    const last = runs.at(-1)!.memoryAfter;
    const heapGrowthMiB = Math.round(((last.heapUsed - first.heapUsed) / MiB) * 10) / 10;
    return {
      couples: options.couples,
      seconds: options.seconds,
      seedDays: options.seedDays,
      seedSeconds,
      signInSeconds,
      memoryBefore,
      runs,
      totalRequests: runs.reduce((a, r) => a + r.requests, 0),
      totalErrors: runs.reduce((a, r) => a + r.errors, 0),
      heapGrowthMiB,
      rssGrowthMiB: Math.round(((last.rss - first.rss) / MiB) * 10) / 10,
      heapSlackMiB: options.heapSlackMiB,
      noGrowth: heapGrowthMiB <= options.heapSlackMiB,
      durationMs: Date.now() - started,
    };
  } finally {
    await server.kill('SIGKILL');
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

export async function main(argv: string[]): Promise<boolean> {
  const options: LoadOptions = {
    ...FULL_LOAD,
    couples: argNumber(argv, 'couples') ?? FULL_LOAD.couples,
    seconds: argNumber(argv, 'seconds') ?? FULL_LOAD.seconds,
    runs: argNumber(argv, 'runs') ?? FULL_LOAD.runs,
    seedDays: argNumber(argv, 'seed-days') ?? FULL_LOAD.seedDays,
    minPauseMs: argNumber(argv, 'min-pause') ?? FULL_LOAD.minPauseMs,
    maxPauseMs: argNumber(argv, 'max-pause') ?? FULL_LOAD.maxPauseMs,
    seed: argNumber(argv, 'seed') ?? Date.now(),
    log: (line) => process.stdout.write(`${line}\n`),
  };
  process.stdout.write(`Load: ${options.couples} couples × ${options.seconds} s, ${options.runs} runs, seed ${options.seed}\n`);
  const report = await runLoad(options);
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  const ok = report.totalErrors === 0 && report.noGrowth;
  process.stdout.write(
    ok
      ? `PASS: ${report.totalRequests} requests, no errors, heap grew ${report.heapGrowthMiB} MiB from run 1 to run ${options.runs} (≤ ${options.heapSlackMiB}).\n`
      : 'FAIL: see above.\n',
  );
  return ok;
}

runAsScript(import.meta.url, main);
