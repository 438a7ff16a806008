/**
 * The mixed load and the burst of check-ins (issue #24), on the built server over a seeded SQLite
 * data dir (one-year couples by default):
 *
 * 1. **Mixed load** for `--seconds` (default 60): every connection cycles through the progress API,
 *    the progress page, check-in PUTs (so progress is cold again after each), the journey page,
 *    `/healthz` and, once in every 50 requests, a sign-in (argon2id). Then the server's RSS, and its
 *    V8 heap and external memory from its own `/metrics` (turned on with a token for this run).
 * 2. **Burst of check-ins**: for `--burst-seconds` (default 10), readers GET the progress of the
 *    twenty signed-in people at a steady 100 requests a second while writers send a burst of 400
 *    check-ins for the same people as fast as they can; the readers' p50/p99 (most GETs during the
 *    burst are cold: a PUT has just changed the space); the same with the readers on new
 *    connections; then the same 400 arriving one after another at 200 a second ("steady").
 *
 * Run at the log level given (`--log-level warn|info`, default both, one after the other).
 * `node --import tsx bench/mixed.ts [--couples 200] [--days 365] [--seconds 60] [--burst-seconds 10]`
 * (after `npm run build`); `MEND_BENCH_ROOT=<another built checkout>` measures that build's server. Figures are printed, never asserted.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import autocannon from 'autocannon';
import { readSeedRecord } from '../src/cli/commands/seed-record.js';
import { seededEmails } from '../src/cli/commands/seed-rows.js';
import { collect, cpuSeconds, firstAnswer, rssMiB } from './http.js';
import { exited, freePort, HOST, serverEnv, stop } from './processes.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** The build measured: this checkout, or another built one (`MEND_BENCH_ROOT`) for a before/after. */
const SERVER_ROOT = process.env.MEND_BENCH_ROOT ? path.resolve(process.env.MEND_BENCH_ROOT) : ROOT;
const METRICS_TOKEN = 'bench-mixed-metrics-token-0123456789abcdef';

export interface MixedOptions {
  couples: number;
  days: number;
  seconds: number;
  burstSeconds: number;
  connections: number;
  logLevels: string[];
}

export interface MixedRow {
  'log level': string;
  what: string;
  'requests/s': number;
  'p50 ms': number;
  'p99 ms': number;
  'server CPU µs/req': number | null;
  'RSS MiB': number | null;
  'heap used MiB': number | null;
  'external MiB': number | null;
  other: string;
}

export function parseMixedArgs(argv: string[]): MixedOptions {
  const options: MixedOptions = { couples: 200, days: 365, seconds: 60, burstSeconds: 10, connections: 50, logLevels: ['warn', 'info'] };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[i + 1];
    if (flag === '--log-level' && value) options.logLevels = [value];
    else if (flag === '--couples') options.couples = Number(value);
    else if (flag === '--days') options.days = Number(value);
    else if (flag === '--seconds') options.seconds = Number(value);
    else if (flag === '--burst-seconds') options.burstSeconds = Number(value);
    else if (flag === '--connections') options.connections = Number(value);
    else continue;
    i++;
  }
  return options;
}

interface ReadersResult {
  total: number;
  non2xx: number;
  errors: number;
  /** Each answer's start (ms since the epoch) and latency (ms). */
  samples: Array<[number, number]>;
}

const round = (ms: number): number => Math.round(ms * 10) / 10;

const readerCodes = (r: ReadersResult): string =>
  [r.non2xx ? `${r.non2xx} not 2xx` : '', r.errors ? `${r.errors} errors` : ''].filter(Boolean).join(', ') || '—';

/** p50 and p99 of the answers that started within [from, to) (ms since the epoch). */
export function latencyWithin(samples: Array<[number, number]>, from: number, to: number): { n: number; p50: number; p99: number } {
  const within = samples
    .filter(([start]) => start >= from && start < to)
    .map(([, ms]) => ms)
    .sort((a, b) => a - b);
  const at = (q: number) => within[Math.min(within.length - 1, Math.ceil(q * within.length) - 1)] ?? NaN;
  return { n: within.length, p50: at(0.5), p99: at(0.99) };
}

/** When timed requests began: the first start and just after the last (ms since the epoch). */
export function spanOf(samples: Array<[number, number]>): { from: number; to: number } {
  const starts = samples.map(([start]) => start);
  return { from: Math.min(...starts), to: Math.max(...starts) + 1 };
}

/**
 * The burst's readers in a process of their own (bench/burst-readers.ts): its latency is the
 * server's. With `kind` 'write', check-in PUTs at the same steady pace instead.
 */
export function readersApart(
  base: string,
  seconds: number,
  connections: number,
  rate: number,
  people: Array<{ spaceId: string; token: string }>,
  connect: 'warm' | 'cold' = 'warm',
  kind: 'read' | 'write' = 'read',
): { underWay: Promise<void>; result: Promise<ReadersResult> } {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(ROOT, 'bench/burst-readers.ts'), base, String(seconds), String(connections), String(rate), connect, kind],
    { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] },
  );
  child.stdin!.end(JSON.stringify(people.map(({ spaceId, token }) => ({ spaceId, token }))));
  let out = '';
  child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const underWay = new Promise<void>((resolve) => {
    let err = '';
    child.stderr!.on('data', (chunk: Buffer) => {
      err += chunk.toString();
      if (err.includes('readers under way')) resolve();
    });
    void exited(child).then(() => resolve());
  });
  const result = exited(child).then((code) => {
    if (code !== 0) throw new Error(`bench/burst-readers.ts exited with ${code}`);
    return JSON.parse(out) as ReadersResult;
  });
  return { underWay, result };
}

async function seed(dataDir: string, couples: number, days: number): Promise<void> {
  const child = spawn(
    process.execPath,
    [path.join(ROOT, 'bin/mend.js'), 'seed', '--couples', String(couples), '--days', String(days), '--json'],
    {
      cwd: ROOT,
      env: { ...process.env, MEND_DATA_DIR: dataDir, LOG_LEVEL: 'silent', DATABASE_URL: '' },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  if ((await exited(child)) !== 0) throw new Error('mend seed failed.');
}

/** The server's own V8 heap and external memory, from its Prometheus page (prom-client's default metrics). */
async function memoryOf(base: string, pid?: number): Promise<{ heap: number | null; external: number | null }> {
  const res = await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
  if (res.status !== 200) return { heap: null, external: null };
  const text = await res.text();
  const metric = (name: string) => {
    const m = new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)$`, 'm').exec(text);
    return m ? Math.round(Number(m[1]) / 104_857.6) / 10 : null;
  };
  if (process.env.MEND_BENCH_MEMORY_DETAIL && pid) {
    // Where the resident memory is: V8's spaces, then the largest anonymous mappings.
    for (const line of text.split('\n'))
      if (/^mend_nodejs_heap_(size_total|space_size_(committed|used)_bytes)/.test(line)) process.stderr.write(`${line}\n`);
    const smaps = fs.readFileSync(`/proc/${pid}/smaps`, 'utf8').split(/\n(?=[0-9a-f]+-[0-9a-f]+ )/);
    const regions = smaps
      .map((r) => ({ head: r.split('\n')[0]!, rss: Number(/\nRss:\s+(\d+)/.exec(r)?.[1] ?? 0) }))
      .sort((a, b) => b.rss - a.rss)
      .slice(0, 25);
    for (const r of regions) process.stderr.write(`${String(Math.round(r.rss / 1024)).padStart(6)} MiB ${r.head}\n`);
  }
  return { heap: metric('mend_nodejs_heap_size_used_bytes'), external: metric('mend_nodejs_external_memory_bytes') };
}

const codesOf = (r: autocannon.Result): string => {
  const codes = Object.entries((r as autocannon.Result & { statusCodeStats?: Record<string, { count: number }> }).statusCodeStats ?? {})
    .filter(([code]) => !code.startsWith('2'))
    .map(([code, s]) => `${s.count}×${code}`);
  if (r.errors) codes.push(`${r.errors} errors`);
  if (r.timeouts) codes.push(`${r.timeouts} timeouts`);
  return codes.join(', ') || '—';
};

async function runAt(dataDir: string, logLevel: string, options: MixedOptions, log: (l: string) => void): Promise<MixedRow[]> {
  const record = readSeedRecord(dataDir)!;
  const port = await freePort();
  const base = `http://${HOST}:${port}`;
  const started = performance.now();
  const mend: ChildProcess = spawn(process.execPath, [path.join(SERVER_ROOT, 'dist/main.js')], {
    cwd: SERVER_ROOT,
    env: serverEnv(port, dataDir, {
      LOG_LEVEL: logLevel,
      MEND_METRICS_TOKEN: METRICS_TOKEN,
      // Node flags for the server alone, for an experiment (the load generator keeps its own).
      ...(process.env.MEND_BENCH_SERVER_NODE_OPTIONS ? { NODE_OPTIONS: process.env.MEND_BENCH_SERVER_NODE_OPTIONS } : {}),
    }),
    // The log lines at `info` go to a pipe that is read, as a service manager would.
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  collect(mend);
  try {
    await firstAnswer(`${base}/readyz`, started, mend);
    const people: Array<{ token: string; spaceId: string; journeyId: string }> = [];
    const chosen = Array.from({ length: Math.min(10, record.done) }, (_, i) =>
      Math.floor(((i + 0.5) * record.done) / Math.min(10, record.done)),
    );
    for (const index of chosen)
      for (const email of seededEmails(record, index)) {
        const res = await fetch(`${base}/api/v1/sessions`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email, password: record.password }),
        });
        if (res.status !== 201) throw new Error(`signing in answered ${res.status}`);
        const { token } = (await res.json()) as { token: string };
        const me = (await (await fetch(`${base}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } })).json()) as {
          spaces: Array<{ id: string }>;
        };
        const spaceId = me.spaces[0]!.id;
        const list = (await (
          await fetch(`${base}/api/v1/spaces/${spaceId}/journeys`, { headers: { authorization: `Bearer ${token}` } })
        ).json()) as {
          journeys: Array<{ id: string }>;
        };
        people.push({ token, spaceId, journeyId: list.journeys[0]!.id });
      }
    const pick = () => people[Math.floor(Math.random() * people.length)]!;
    const today = Date.now();
    const dates = [0, 1].map((back) => new Date(today - back * 86_400_000).toISOString().slice(0, 10));
    const score = () => Math.floor(Math.random() * 11);
    const logins = Array.from({ length: Math.min(50, record.done) }, (_, i) =>
      seededEmails(record, Math.floor((i * record.done) / Math.min(50, record.done))),
    ).flat();
    let login = 0;
    const progressApi = (): autocannon.Request => ({
      method: 'GET',
      setupRequest: (req) => {
        const p = pick();
        return {
          ...req,
          path: `/api/v1/spaces/${p.spaceId}/progress`,
          headers: { authorization: `Bearer ${p.token}`, 'accept-encoding': 'gzip' },
        };
      },
    });
    const put = (): autocannon.Request => ({
      method: 'PUT',
      setupRequest: (req) => {
        const p = pick();
        return {
          ...req,
          path: `/api/v1/spaces/${p.spaceId}/checkins/${dates[Math.floor(Math.random() * dates.length)]}`,
          headers: { authorization: `Bearer ${p.token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ safety: score(), trust: score(), closeness: score(), day: 'mixed', note: null }),
        };
      },
    });
    const page = (which: 'progress' | 'journey'): autocannon.Request => ({
      method: 'GET',
      setupRequest: (req) => {
        const p = pick();
        return {
          ...req,
          path: which === 'progress' ? `/spaces/${p.spaceId}/progress` : `/journeys/${p.journeyId}`,
          headers: { cookie: `mend_session=${p.token}` },
        };
      },
    });
    const signIn: autocannon.Request = {
      method: 'POST',
      setupRequest: (req) => ({
        ...req,
        path: '/api/v1/sessions',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: logins[login++ % logins.length], password: record.password }),
      }),
    };
    // 50 requests a cycle: 20 progress API, 10 progress pages, 10 check-ins, 5 journey pages, 4 /healthz, 1 sign-in.
    const cycle: autocannon.Request[] = [];
    for (let i = 0; i < 5; i++)
      cycle.push(
        progressApi(),
        put(),
        page('progress'),
        progressApi(),
        progressApi(),
        put(),
        page('progress'),
        progressApi(),
        page('journey'),
        {
          method: 'GET',
          path: '/healthz',
        },
      );
    cycle[cycle.length - 1] = signIn;

    const rows: MixedRow[] = [];
    log(`Mixed load at log level ${logLevel}: ${options.seconds} s at ${options.connections} connections …`);
    let cpu = cpuSeconds(mend.pid!);
    const mixed = await autocannon({
      url: base,
      connections: options.connections,
      duration: options.seconds,
      requests: cycle,
      timeout: 10,
    });
    let used = cpuSeconds(mend.pid!);
    const memory = await memoryOf(base, mend.pid);
    rows.push({
      'log level': logLevel,
      what: `mixed load, ${options.seconds} s (all requests)`,
      'requests/s': Math.round(mixed.requests.average),
      'p50 ms': mixed.latency.p50,
      'p99 ms': mixed.latency.p99,
      'server CPU µs/req': cpu === null || used === null ? null : Math.round(((used - cpu) / mixed.requests.total) * 1e6),
      'RSS MiB': rssMiB(mend.pid!),
      'heap used MiB': memory.heap,
      'external MiB': memory.external,
      other: codesOf(mixed),
    });
    // What the process keeps, without what was still running when the load stopped (a sign-in's
    // argon2id holds 19 MiB while it runs): read again 2 s later, nothing sent in between.
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const settled = await memoryOf(base);
    rows.push({
      'log level': logLevel,
      what: 'mixed load: 2 s after it stopped',
      'requests/s': NaN,
      'p50 ms': NaN,
      'p99 ms': NaN,
      'server CPU µs/req': null,
      'RSS MiB': rssMiB(mend.pid!),
      'heap used MiB': settled.heap,
      'external MiB': settled.external,
      other: '—',
    });

    log(`Burst of check-ins with progress read alongside, ${options.burstSeconds} s …`);
    // Readers at a steady, modest rate (as people open the page), so their latency is the server's
    // and not a queue of their own, from a process of their own (not this one, busy sending
    // writes). The writers send a burst of check-ins, two per person per day for the twenty people,
    // as fast as they can, a second after the readers began, and stop. The readers go on for the
    // rest of the time; their answers are also split into those begun during the writes and after.
    const writers = Math.max(1, Math.round(options.connections * 0.6));
    const readers = Math.max(1, options.connections - writers);
    cpu = cpuSeconds(mend.pid!);
    const readersDone = readersApart(base, options.burstSeconds, readers, 100, people);
    await readersDone.underWay;
    const writesFrom = Date.now();
    const writes = await autocannon({ url: base, connections: writers, amount: people.length * 20, requests: [put()], timeout: 10 });
    const writesTo = Date.now();
    const reads = await readersDone.result;
    const { samples } = reads;
    const whole = latencyWithin(samples, 0, Infinity);
    used = cpuSeconds(mend.pid!);
    const after = await memoryOf(base);
    const burstCpu = cpu === null || used === null ? null : Math.round(((used - cpu) / (writes.requests.total + reads.total)) * 1e6);
    const readersRow = (what: string, l: { n: number; p50: number; p99: number }, rate: number): MixedRow => ({
      'log level': logLevel,
      what,
      'requests/s': rate,
      'p50 ms': round(l.p50),
      'p99 ms': round(l.p99),
      'server CPU µs/req': null,
      'RSS MiB': null,
      'heap used MiB': null,
      'external MiB': null,
      other: `${l.n} reads`,
    });
    rows.push({
      'log level': logLevel,
      what: `burst: progress API at 100 req/s while ${writes.requests.total} check-ins are written`,
      'requests/s': Math.round(reads.total / options.burstSeconds),
      'p50 ms': round(whole.p50),
      'p99 ms': round(whole.p99),
      'server CPU µs/req': burstCpu,
      'RSS MiB': rssMiB(mend.pid!),
      'heap used MiB': after.heap,
      'external MiB': after.external,
      other: readerCodes(reads),
    });
    rows.push(
      readersRow('burst: of those, the reads begun while the writes ran', latencyWithin(samples, writesFrom, writesTo), 100),
      readersRow('burst: of those, the reads begun in the 5 s after', latencyWithin(samples, writesTo, writesTo + 5000), 100),
    );
    rows.push({
      'log level': logLevel,
      what: `burst: the check-in PUTs (${writers} writers, as fast as they can)`,
      'requests/s': Math.round(writes.requests.average),
      'p50 ms': writes.latency.p50,
      'p99 ms': writes.latency.p99,
      'server CPU µs/req': burstCpu,
      'RSS MiB': null,
      'heap used MiB': null,
      'external MiB': null,
      other: codesOf(writes),
    });

    // The same burst, the readers opening their connections as they need them (a person who just
    // opened Mend): a new connection waits to be accepted while the loop is saturated.
    log(`The same burst, readers on new connections, ${options.burstSeconds} s …`);
    const cold = readersApart(base, options.burstSeconds, readers, 100, people, 'cold');
    await cold.underWay;
    const coldFrom = Date.now();
    await autocannon({ url: base, connections: writers, amount: people.length * 20, requests: [put()], timeout: 10 });
    const coldTo = Date.now();
    rows.push(
      readersRow(
        'burst: the reads begun while the writes ran, on new connections',
        latencyWithin((await cold.result).samples, coldFrom, coldTo),
        100,
      ),
    );

    // The same 400 check-ins arriving one after another at 200 a second (as many people's evenings,
    // not one client as fast as it can), from a process of their own: the readers during those
    // two seconds. Not autocannon's overallRate, which sends each second's share at its start.
    log(`Check-ins arriving at a steady 200 a second with progress read alongside, ${options.burstSeconds} s …`);
    const paced = readersApart(base, options.burstSeconds, readers, 100, people);
    await paced.underWay;
    const steadySeconds = (people.length * 20) / 200;
    const steady = readersApart(base, steadySeconds, writers, 200, people, 'warm', 'write');
    const pacedWrites = await steady.result;
    // The writes' own first and last start: the writer's process starts and warms its connections first.
    const writing = spanOf(pacedWrites.samples);
    const pacedReads = await paced.result;
    rows.push(
      readersRow(
        `steady: progress API while ${pacedWrites.total} check-ins arrive at 200/s`,
        latencyWithin(pacedReads.samples, writing.from, writing.to),
        100,
      ),
    );
    const putLatency = latencyWithin(pacedWrites.samples, 0, Infinity);
    rows.push({
      'log level': logLevel,
      what: 'steady: the check-in PUTs',
      'requests/s': Math.round(pacedWrites.total / steadySeconds),
      'p50 ms': round(putLatency.p50),
      'p99 ms': round(putLatency.p99),
      'server CPU µs/req': null,
      'RSS MiB': null,
      'heap used MiB': null,
      'external MiB': null,
      other: readerCodes(pacedWrites),
    });
    return rows;
  } finally {
    await stop(mend);
  }
}

export async function runMixedBench(
  options: MixedOptions,
  log: (line: string) => void = (l) => process.stderr.write(`${l}\n`),
): Promise<MixedRow[]> {
  for (const built of ['dist/main.js', 'dist/cli/main.js'])
    if (!fs.existsSync(path.join(ROOT, built))) throw new Error(`${built} is missing: run \`npm run build\` first.`);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mend-bench-mixed-'));
  try {
    log(`Seeding ${options.couples} couples with ${options.days} days of data …`);
    await seed(dataDir, options.couples, options.days);
    const rows: MixedRow[] = [];
    for (const level of options.logLevels) rows.push(...(await runAt(dataDir, level, options, log)));
    return rows;
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const options = parseMixedArgs(process.argv.slice(2));
  const rows = await runMixedBench(options);
  console.log(
    `Mixed load and a burst of check-ins (SQLite, ${options.couples} couples with ${options.days} days of data, ${options.connections} connections):`,
  );
  console.table(rows);
}
