// Crash durability: Mend must never lose a write it acknowledged.
//
// Starts the built server (dist/server/main.js) on a fresh SQLite data folder, drives concurrent
// check-ins and journey entries from several couples over HTTP on 127.0.0.1, records every write
// that got a 2xx, and kills the server with SIGKILL at random moments. After each kill it runs
// `PRAGMA integrity_check` on the file, restarts the server, and reads every acknowledged write back
// through the API: it must be there, intact. A write whose request was cut off by the kill may or
// may not be there (nobody was told it was saved), but if it is there it must be whole.
//
//   npm run reliability                      (full run: 20 kills, 4 couples)
//   node --import tsx scripts/reliability/crash.ts --kills 3 --couples 2
//
// The fast form runs in `npm test` as test/reliability/crash.test.ts. See docs/reliability.md.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import SQLite from 'better-sqlite3';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const MAIN = path.join(ROOT, 'dist', 'server', 'main.js');

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

export const FULL: CrashOptions = { kills: 20, couples: 4, minRoundMs: 300, maxRoundMs: 4000, maxRequestsPerWorkerRound: 400, seed: Date.now() };
export const FAST: CrashOptions = { kills: 3, couples: 2, minRoundMs: 300, maxRoundMs: 1200, maxRequestsPerWorkerRound: 150, seed: Date.now() };

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

/** A small seeded generator, so a failing run can be repeated with --seed. */
function random(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 2 ** 32;
  };
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const utcDate = (offsetDays: number): string => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

class Server {
  child: ChildProcess | null = null;
  stderr = '';
  constructor(
    readonly port: number,
    readonly dataDir: string,
  ) {}

  get base(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<number> {
    const started = Date.now();
    const child = spawn(process.execPath, [MAIN], {
      env: { ...process.env, PORT: String(this.port), HOST: '127.0.0.1', MEND_DATA_DIR: this.dataDir, LOG_LEVEL: 'warn', NODE_ENV: 'production' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    this.child = child;
    child.stderr?.on('data', (chunk) => {
      this.stderr = (this.stderr + String(chunk)).slice(-4000);
    });
    for (let i = 0; i < 600; i++) {
      if (child.exitCode !== null) throw new Error(`Mend exited with ${child.exitCode} while starting: ${this.stderr}`);
      try {
        const res = await fetch(`${this.base}/readyz`);
        if (res.ok) return Date.now() - started;
      } catch {
        // not listening yet
      }
      await sleep(25);
    }
    throw new Error(`Mend did not become ready: ${this.stderr}`);
  }

  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill(signal);
    await exited;
  }
}

class NetworkError extends Error {}

interface Answer {
  status: number;
  body: any;
}

async function call(base: string, token: string | null, method: string, url: string, body?: unknown): Promise<Answer> {
  let res: Response;
  try {
    res = await fetch(base + url, {
      method,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
  } catch (error) {
    throw new NetworkError(String(error));
  }
  let text: string;
  try {
    text = await res.text();
  } catch (error) {
    // The status arrived but the body was cut off: not an acknowledgement we can rely on.
    throw new NetworkError(String(error));
  }
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

interface Person {
  name: string;
  id: string;
  token: string;
  spaceId: string;
  journeyId: string;
  role: 'hurt' | 'broke_trust';
}

interface CheckinValue {
  safety: number;
  trust: number;
  closeness: number;
  day: 'good' | 'mixed' | 'hard';
  note: { text: string; visibility: 'private' | 'shared' };
}

interface EntryValue {
  journeyId: string;
  author: string;
  prompt: string;
  text: string;
  visibility: string;
}

/** Everything the run was told was saved, and everything cut off mid-request. */
class Ledger {
  /** key `${spaceId}|${accountId}|${date}` → the last acknowledged value, and values cut off after it. */
  checkins = new Map<string, { acked: CheckinValue | null; cutOff: CheckinValue[] }>();
  entries = new Map<string, EntryValue>();
  cutOffEntries: EntryValue[] = [];
  /** Question ids (acknowledged) per journey, for the other partner's answers. */
  questions = new Map<string, string[]>();
  ackedCheckins = 0;
  cutOff = 0;
  unexpected: string[] = [];

  checkinKey(p: Person, date: string): string {
    return `${p.spaceId}|${p.id}|${date}`;
  }
}

async function setUp(base: string, couples: number): Promise<Person[]> {
  const people: Person[] = [];
  const stamp = `${process.pid}-${Date.now()}`;
  for (let c = 0; c < couples; c++) {
    const make = async (name: string) => {
      const res = await call(base, null, 'POST', '/api/v1/accounts', {
        email: `${name.toLowerCase()}.${c}.${stamp}@example.org`,
        password: `quiet harbour lantern ${c} meadow ${name}`,
        displayName: `${name} ${c}`,
      });
      if (res.status !== 201) throw new Error(`sign-up: ${res.status} ${JSON.stringify(res.body)}`);
      return { id: res.body.account.id as string, token: res.body.token as string };
    };
    const a = await make('Alex');
    const b = await make('Sam');
    const space = await call(base, a.token, 'POST', '/api/v1/spaces', { name: `Couple ${c}` });
    const spaceId = space.body.space.id as string;
    const invitation = await call(base, a.token, 'POST', `/api/v1/spaces/${spaceId}/invitations`, {});
    const accepted = await call(base, b.token, 'POST', `/api/v1/invitations/${invitation.body.invitation.code}/accept`);
    if (accepted.status !== 200) throw new Error(`accept: ${accepted.status}`);
    const breach = await call(base, b.token, 'POST', `/api/v1/spaces/${spaceId}/breaches`, { kind: 'infidelity', brokeTrust: [a.id] });
    if (breach.status !== 201) throw new Error(`breach: ${breach.status} ${JSON.stringify(breach.body)}`);
    const journeyId = breach.body.journey.id as string;
    people.push({ name: `Alex ${c}`, ...a, spaceId, journeyId, role: 'broke_trust' });
    people.push({ name: `Sam ${c}`, ...b, spaceId, journeyId, role: 'hurt' });
  }
  return people;
}

/** One person's check-ins, one after another (so "the last acknowledged value" is well defined). */
async function checkinWorker(base: string, p: Person, ledger: Ledger, rng: () => number, max: number, stop: { now: boolean }): Promise<void> {
  for (let i = 0; i < max && !stop.now; i++) {
    // Today or yesterday (UTC accounts): still allowed if the date turns over mid-run.
    const date = utcDate(-Math.floor(rng() * 2));
    const value: CheckinValue = {
      safety: Math.floor(rng() * 11),
      trust: Math.floor(rng() * 11),
      closeness: Math.floor(rng() * 11),
      day: (['good', 'mixed', 'hard'] as const)[Math.floor(rng() * 3)]!,
      note: { text: `check-in ${p.name} #${i} ${rng().toString(36).slice(2)} — “still here” ✓`, visibility: rng() < 0.5 ? 'private' : 'shared' },
    };
    const key = ledger.checkinKey(p, date);
    const slot = ledger.checkins.get(key) ?? { acked: null, cutOff: [] };
    ledger.checkins.set(key, slot);
    let answer: Answer;
    try {
      answer = await call(base, p.token, 'PUT', `/api/v1/spaces/${p.spaceId}/checkins/${date}`, value);
    } catch (error) {
      if (!(error instanceof NetworkError)) throw error;
      slot.cutOff.push(value);
      ledger.cutOff += 1;
      return;
    }
    if (answer.status === 200 || answer.status === 201) {
      slot.acked = value;
      slot.cutOff = [];
      ledger.ackedCheckins += 1;
    } else {
      ledger.unexpected.push(`PUT check-in ${p.name} ${date}: ${answer.status} ${JSON.stringify(answer.body)}`);
    }
  }
}

/** One person's journey entries: the hurt partner asks questions and logs triggers; the other answers. */
async function entryWorker(base: string, p: Person, ledger: Ledger, rng: () => number, max: number, stop: { now: boolean }): Promise<void> {
  for (let i = 0; i < max && !stop.now; i++) {
    let body: { prompt: string; text: string; visibility: string; replyTo?: string };
    if (p.role === 'hurt') {
      body = { prompt: rng() < 0.7 ? 'question' : 'trigger', text: `entry ${p.name} #${i} ${rng().toString(36).slice(2)} — why? ¿por qué?`, visibility: 'shared' };
    } else {
      const questions = ledger.questions.get(p.journeyId) ?? [];
      if (questions.length === 0) {
        await sleep(20);
        continue;
      }
      body = { prompt: 'answer', text: `answer ${p.name} #${i} ${rng().toString(36).slice(2)}: the truth is…`, visibility: 'shared', replyTo: questions[Math.floor(rng() * questions.length)]! };
    }
    const value: EntryValue = { journeyId: p.journeyId, author: p.id, prompt: body.prompt, text: body.text, visibility: body.visibility };
    let answer: Answer;
    try {
      answer = await call(base, p.token, 'POST', `/api/v1/journeys/${p.journeyId}/entries`, body);
    } catch (error) {
      if (!(error instanceof NetworkError)) throw error;
      ledger.cutOffEntries.push(value);
      ledger.cutOff += 1;
      return;
    }
    if (answer.status === 201) {
      ledger.entries.set(answer.body.entry.id, value);
      if (body.prompt === 'question') ledger.questions.set(p.journeyId, [...(ledger.questions.get(p.journeyId) ?? []), answer.body.entry.id]);
    } else {
      ledger.unexpected.push(`POST entry ${p.name}: ${answer.status} ${JSON.stringify(answer.body)}`);
    }
  }
}

const sameCheckin = (got: any, want: CheckinValue): boolean =>
  got.safety === want.safety &&
  got.trust === want.trust &&
  got.closeness === want.closeness &&
  got.day === want.day &&
  got.note?.text === want.note.text &&
  got.note?.visibility === want.note.visibility;

/** Reads every acknowledged write back through the API, as its author. */
async function verify(base: string, people: Person[], ledger: Ledger): Promise<{ lost: string[]; corrupted: string[]; cutOffFound: number }> {
  const lost: string[] = [];
  const corrupted: string[] = [];
  let cutOffFound = 0;
  const from = utcDate(-3);
  const to = utcDate(1);
  for (const p of people) {
    const res = await call(base, p.token, 'GET', `/api/v1/spaces/${p.spaceId}/checkins?from=${from}&to=${to}`);
    if (res.status !== 200) {
      lost.push(`check-ins of ${p.name}: GET answered ${res.status}`);
      continue;
    }
    const stored = new Map<string, any>();
    for (const c of res.body.checkins as any[]) if (c.accountId === p.id) stored.set(c.date, c);
    for (const [key, slot] of ledger.checkins) {
      const [spaceId, accountId, date] = key.split('|');
      if (spaceId !== p.spaceId || accountId !== p.id) continue;
      const got = stored.get(date!);
      if (!got) {
        if (slot.acked) lost.push(`check-in ${p.name} ${date}`);
        continue;
      }
      if (slot.acked && sameCheckin(got, slot.acked)) continue;
      if (slot.cutOff.some((v) => sameCheckin(got, v))) {
        cutOffFound += 1;
        continue;
      }
      // Present but neither the acknowledged value nor one cut off after it.
      if (slot.acked) lost.push(`check-in ${p.name} ${date}: the acknowledged value was replaced by something never sent`);
      else corrupted.push(`check-in ${p.name} ${date}: holds a value never sent`);
    }
  }
  const journeys = new Map<string, Person>();
  for (const p of people) journeys.set(p.journeyId, p);
  for (const [journeyId, p] of journeys) {
    const res = await call(base, p.token, 'GET', `/api/v1/journeys/${journeyId}/entries`);
    if (res.status !== 200) {
      lost.push(`entries of journey ${journeyId}: GET answered ${res.status}`);
      continue;
    }
    const stored = new Map<string, any>((res.body.entries as any[]).map((e) => [e.id, e]));
    for (const [id, want] of ledger.entries) {
      if (want.journeyId !== journeyId) continue;
      const got = stored.get(id);
      if (!got) lost.push(`entry ${id}`);
      else if (got.text !== want.text || got.prompt !== want.prompt || got.authorId !== want.author || got.visibility !== want.visibility) corrupted.push(`entry ${id}: read back differently`);
      stored.delete(id);
    }
    // Whatever is left was never acknowledged: it must be one of the cut-off writes, whole.
    for (const [id, got] of stored) {
      if (ledger.cutOffEntries.some((v) => v.journeyId === journeyId && v.text === got.text && v.author === got.authorId)) cutOffFound += 1;
      else corrupted.push(`entry ${id}: never sent, or not whole`);
    }
  }
  return { lost, corrupted, cutOffFound };
}

function integrityCheck(dataDir: string): string {
  const db = new SQLite(path.join(dataDir, 'mend.db'));
  try {
    return String(db.pragma('integrity_check', { simple: true }));
  } finally {
    db.close();
  }
}

export async function runCrash(options: CrashOptions): Promise<CrashReport> {
  if (!fs.existsSync(MAIN)) throw new Error(`${MAIN} is missing: run \`npm run build\` first.`);
  const log = options.log ?? (() => {});
  const started = Date.now();
  const rng = random(options.seed);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mend-crash-'));
  const server = new Server(await freePort(), dataDir);
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
    const people = await setUp(server.base, options.couples);
    for (let round = 1; round <= options.kills; round++) {
      const stop = { now: false };
      const workers = people.flatMap((p) => [
        checkinWorker(server.base, p, ledger, rng, options.maxRequestsPerWorkerRound, stop),
        entryWorker(server.base, p, ledger, rng, options.maxRequestsPerWorkerRound, stop),
      ]);
      await sleep(options.minRoundMs + rng() * (options.maxRoundMs - options.minRoundMs));
      await server.kill('SIGKILL');
      report.kills += 1;
      stop.now = true;
      await Promise.all(workers);
      const integrity = integrityCheck(dataDir);
      report.integrityChecks.push(integrity);
      report.restartMs.push(await server.start());
      const check = await verify(server.base, people, ledger);
      report.lost.push(...check.lost.map((l) => `after kill ${round}: ${l}`));
      report.corrupted.push(...check.corrupted.map((c) => `after kill ${round}: ${c}`));
      report.cutOff.foundAfterRestart = check.cutOffFound;
      log(`kill ${round}/${options.kills}: ${ledger.ackedCheckins} check-ins and ${ledger.entries.size} entries acknowledged so far, ${ledger.cutOff} cut off; integrity ${integrity}; lost ${check.lost.length}, corrupted ${check.corrupted.length}`);
    }
    await server.kill('SIGTERM');
    report.integrityChecks.push(integrityCheck(dataDir));
  } finally {
    await server.kill('SIGKILL');
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  report.acknowledged = { checkins: ledger.ackedCheckins, entries: ledger.entries.size, total: ledger.ackedCheckins + ledger.entries.size };
  report.cutOff.total = ledger.cutOff;
  report.durationMs = Date.now() - started;
  return report;
}

export function passed(report: CrashReport): boolean {
  return report.lost.length === 0 && report.corrupted.length === 0 && report.unexpected.length === 0 && report.integrityChecks.every((r) => r === 'ok');
}

function argValue(name: string): number | undefined {
  const i = process.argv.indexOf(`--${name}`);
  if (i === -1) return undefined;
  const n = Number(process.argv[i + 1]);
  if (!Number.isFinite(n)) throw new Error(`--${name} needs a number`);
  return n;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const options: CrashOptions = {
    ...FULL,
    kills: argValue('kills') ?? FULL.kills,
    couples: argValue('couples') ?? FULL.couples,
    seed: argValue('seed') ?? FULL.seed,
    log: (line) => process.stdout.write(`${line}\n`),
  };
  process.stdout.write(`Crash durability: ${options.kills} kills, ${options.couples} couples, seed ${options.seed}\n`);
  runCrash(options)
    .then((report) => {
      process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
      process.stdout.write(passed(report) ? 'PASS: every acknowledged write survived every kill.\n' : 'FAIL: see lost / corrupted / unexpected above.\n');
      process.exit(passed(report) ? 0 : 1);
    })
    .catch((error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
      process.exit(1);
    });
}
