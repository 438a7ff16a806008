/**
 * HTTP benchmark (issue #7): seeds a temporary data dir, starts the built server
 * (`node dist/main.js`) on a free 127.0.0.1 port, times start-up to the first answered
 * /readyz, then loads a few real routes with autocannon — and, in the same run, a bare Fastify
 * app with one JSON route as the reference for this machine, measured again right before each
 * route and compared with it. `--only progress` runs only the routes whose name holds the word.
 * Builds nothing: run `npm run build` first. Figures are printed, never asserted; record them in
 * docs/performance.md by hand.
 *
 * PostgreSQL: `--database-url postgres://…/db --data-dir DIR --no-seed` runs the same routes
 * against a database seeded earlier by `mend seed` with MEND_DATA_DIR=DIR (its key and its
 * `seed-run.json`, which holds the run's password); the people signed in are drawn from the
 * whole run, not only its first couples. Without `--no-seed` it seeds `--couples` first.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import type { SeedSummary } from '../src/cli/commands/seed.js';
import { readSeedRecord } from '../src/cli/commands/seed-record.js';
import { seededEmails } from '../src/cli/commands/seed-rows.js';
import { exited, freePort, HOST, stop, serverEnv } from './processes.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface HttpBenchOptions {
  couples: number;
  /** Seconds of load per route. */
  seconds: number;
  connections: number;
  /** PostgreSQL to run against; null for a temporary SQLite data dir. */
  databaseUrl: string | null;
  /** An existing data dir (key, SQLite file, seed record); null for a temporary one. */
  dataDir: string | null;
  /** false: use what an earlier `mend seed` wrote into `dataDir`. */
  seed: boolean;
  /** Only the routes whose name contains this (e.g. `progress`); null for all. */
  only: string | null;
  /**
   * Seconds of unmeasured load on each route (on whichever server serves it) before its measured
   * run: V8 optimises a route's code over its first seconds of traffic (a fresh server's kept
   * progress read about 800 µs of CPU a request in its first 4 s, 310–390 after 12 s), and what the
   * targets mean is a server that has been running.
   */
  warmupSeconds: number;
}

export interface HttpBenchRow {
  route: string;
  'requests/s': number;
  'p50 ms': number;
  'p99 ms': number;
  'req/s vs bare': string;
  'p99 vs bare': string;
  '2xx': number;
  /** The serving process's CPU (user + system) per request, from /proc: what the ratio is made of. */
  'server CPU µs/req': number | null;
  other: string;
}

export interface HttpBenchResult {
  /** "SQLite" or "PostgreSQL <host>/<db>", and how many couples it holds. */
  database: string;
  couples: number;
  /** null when the data was seeded earlier (`--no-seed`). */
  seedSeconds: number | null;
  checkins: number;
  startupMs: number;
  rssMiBAfterLoad: number;
  /**
   * The cached progress API (gzip) against the floor server (issue #24's target: ≥ 0.6×), each as
   * its ratio to the bare route measured right before it, so the machine's drift between the two
   * runs cancels; null when either was not run.
   */
  progressVsFloor: string | null;
  rows: HttpBenchRow[];
}

export function parseHttpBenchArgs(argv: string[]): HttpBenchOptions {
  const options: HttpBenchOptions = {
    couples: 200,
    seconds: 5,
    connections: 50,
    databaseUrl: null,
    dataDir: null,
    seed: true,
    only: null,
    warmupSeconds: 10,
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    if (flag === '--no-seed') {
      options.seed = false;
      continue;
    }
    if (flag === '--only') {
      const value = argv[++i];
      if (!value) throw new Error('--only needs part of a route name, e.g. progress.');
      options.only = value;
      continue;
    }
    if (flag === '--database-url' || flag === '--data-dir') {
      const value = argv[++i];
      if (!value) throw new Error(`${flag} needs a value.`);
      if (flag === '--database-url') {
        if (!/^postgres(ql)?:\/\//.test(value)) throw new Error('--database-url takes a postgres:// URL.');
        options.databaseUrl = value;
      } else options.dataDir = path.resolve(value);
      continue;
    }
    const value = Number(argv[i + 1]);
    const set = (key: 'couples' | 'seconds' | 'connections' | 'warmupSeconds', max: number) => {
      if (!Number.isInteger(value) || value < (key === 'warmupSeconds' ? 0 : 1) || value > max)
        throw new Error(`${flag} takes a whole number from 1 to ${max}.`);
      options[key] = value;
      i++;
    };
    if (flag === '--couples') set('couples', 100_000);
    else if (flag === '--seconds') set('seconds', 60);
    else if (flag === '--connections') set('connections', 500);
    else if (flag === '--warmup') set('warmupSeconds', 120);
  }
  if (!options.seed && !options.dataDir)
    throw new Error('--no-seed needs --data-dir: the data dir the database was seeded with (its key and seed-run.json).');
  return options;
}

export function collect(child: ChildProcess): { out: () => string; err: () => string } {
  let out = '';
  let err = '';
  child.stdout?.on('data', (c) => (out += String(c)));
  child.stderr?.on('data', (c) => (err += String(c)));
  return { out: () => out, err: () => err };
}

/** Polls `url` until it answers 200; returns the milliseconds since `since`. */
export async function firstAnswer(url: string, since: number, child: ChildProcess, limitMs = 30_000): Promise<number> {
  while (performance.now() - since < limitMs) {
    if (child.exitCode !== null) throw new Error(`the server stopped while starting (exit ${child.exitCode}).`);
    try {
      const res = await fetch(url);
      if (res.status === 200) return performance.now() - since;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error(`${url} did not answer within ${limitMs / 1000} s.`);
}

/**
 * Waits until a server has done the work it defers after starting (it compiles the route schemas
 * it did not need yet a second after it listens, about 3 s of CPU here: main.ts), so that work is
 * not counted against the first route measured: until the process has used no CPU for half a
 * second, at least `afterMs` after it began listening. Returns the seconds waited; null off Linux.
 */
export async function startupWorkDone(pid: number, afterMs = 1500, limitMs = 30_000): Promise<number | null> {
  const started = performance.now();
  await new Promise((r) => setTimeout(r, afterMs));
  let last = cpuSeconds(pid);
  if (last === null) return null;
  while (performance.now() - started < limitMs) {
    await new Promise((r) => setTimeout(r, 500));
    const now = cpuSeconds(pid);
    if (now === null) return null;
    // One clock tick of slack: timers and the health of an idle server.
    if (now - last <= 0.01) break;
    last = now;
  }
  return Math.round((performance.now() - started) / 100) / 10;
}

/** CPU seconds (user + system) a process has used so far; null off Linux. */
export function cpuSeconds(pid: number): number | null {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    // utime and stime, in clock ticks (100 per second on Linux).
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}

const FLOOR_ROUTE = 'progress API floor, gzip: hand-written minimum, not Mend (bench/progress-floor-server.ts)';

export function rssMiB(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = Number(/VmRSS:\s+(\d+)\s+kB/.exec(status)?.[1] ?? NaN);
  return Math.round(kib / 102.4) / 10;
}

export async function seedInto(dataDir: string, databaseUrl: string | null, couples: number): Promise<SeedSummary> {
  const child = spawn(process.execPath, [path.join(ROOT, 'bin/mend.js'), 'seed', '--couples', String(couples), '--json'], {
    cwd: ROOT,
    env: { ...process.env, MEND_DATA_DIR: dataDir, LOG_LEVEL: 'silent', DATABASE_URL: databaseUrl ?? '' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const { out } = collect(child);
  const code = await exited(child);
  if (code !== 0) throw new Error(`mend seed failed (exit ${code}).`);
  return JSON.parse(out()) as SeedSummary;
}

const BARE_SERVER = `
import Fastify from 'fastify';
const app = Fastify({ logger: false });
app.get('/', async () => ({ hello: 'world' }));
await app.listen({ port: Number(process.env.PORT), host: '${HOST}' });
process.once('SIGTERM', () => app.close().then(() => process.exit(0)));
`;

interface Load {
  route: string;
  requests: autocannon.Request[];
  /** false: measured cold (sign-ins: argon2id's time, and more of them would meet the rate limits). */
  warmup?: false;
  /** Another server than Mend (the progress floor), and its process. */
  port?: number;
  server?: ChildProcess;
}

/** A GET as it comes off the wire: the gzipped bytes, not decoded as fetch() would. */
function rawGet(
  port: number,
  pathname: string,
  headers: Record<string, string>,
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: HOST, port, path: pathname, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      })
      .on('error', reject);
  });
}

/** What bench/progress-floor-server.ts needs from Mend: its response headers, and each viewer's kept gzipped progress and ETag. */
async function keptForFloor(port: number, people: Array<{ token: string; spaceId: string; accountId: string }>): Promise<object> {
  const perRequest = new Set([
    'date',
    'connection',
    'keep-alive',
    'content-length',
    'transfer-encoding',
    'etag',
    'vary',
    'content-encoding',
    'content-type',
  ]);
  let headers: Record<string, string> = {};
  const bodies: Record<string, { body: string; etag: string }> = {};
  for (const p of people) {
    const res = await rawGet(port, `/api/v1/spaces/${p.spaceId}/progress`, {
      authorization: `Bearer ${p.token}`,
      'accept-encoding': 'gzip',
    });
    if (res.status !== 200 || res.headers['content-encoding'] !== 'gzip')
      throw new Error(`progress for the floor answered ${res.status} ${res.headers['content-encoding'] ?? 'uncompressed'}`);
    headers = Object.fromEntries(
      Object.entries(res.headers).filter(([name, value]) => !perRequest.has(name) && typeof value === 'string'),
    ) as Record<string, string>;
    bodies[`${p.spaceId} ${p.accountId}`] = { body: res.body.toString('base64'), etag: String(res.headers.etag) };
  }
  return { headers, bodies };
}

async function load(port: number, l: Load, options: HttpBenchOptions): Promise<autocannon.Result> {
  return autocannon({
    url: `http://${HOST}:${port}`,
    connections: options.connections,
    duration: options.seconds,
    requests: l.requests,
    timeout: 10,
  });
}

const round = (n: number) => Math.round(n * 10) / 10;

/** Runs the whole HTTP benchmark; everything it starts is stopped and its temp dir removed. */
export async function runHttpBench(
  options: HttpBenchOptions,
  log: (line: string) => void = (l) => process.stderr.write(`${l}\n`),
): Promise<HttpBenchResult> {
  for (const built of ['dist/main.js', 'dist/cli/main.js']) {
    if (!fs.existsSync(path.join(ROOT, built))) throw new Error(`${built} is missing: run \`npm run build\` first.`);
  }
  const temporary = options.dataDir === null;
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'mend-bench-'));
  const database = options.databaseUrl
    ? `PostgreSQL ${new URL(options.databaseUrl).host}${new URL(options.databaseUrl).pathname}`
    : 'SQLite';
  let mend: ChildProcess | null = null;
  let bare: ChildProcess | null = null;
  let floor: ChildProcess | null = null;
  try {
    let seedSeconds: number | null = null;
    if (options.seed) {
      log(`Seeding ${options.couples} couples with a year of data into ${database} (data dir ${dataDir}) …`);
      seedSeconds = (await seedInto(dataDir, options.databaseUrl, options.couples)).seconds;
    }
    const record = readSeedRecord(dataDir);
    if (!record || record.done === 0) throw new Error(`${dataDir} holds no seed run (seed-run.json); seed it with \`mend seed\` first.`);
    log(`Using the seed run ${record.tag}: ${record.done} couples in ${record.where}.`);

    const [mendPort, barePort] = [await freePort(), await freePort()];
    const startedAt = performance.now();
    mend = spawn(process.execPath, [path.join(ROOT, 'dist/main.js')], {
      cwd: ROOT,
      env: serverEnv(mendPort, dataDir, { DATABASE_URL: options.databaseUrl ?? '' }),
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    const mendOutput = collect(mend);
    const startupMs = await firstAnswer(`http://${HOST}:${mendPort}/readyz`, startedAt, mend).catch((error: Error) => {
      throw new Error(`${error.message}\n${mendOutput.err()}`);
    });
    log(`Mend answered /readyz ${Math.round(startupMs)} ms after it was started.`);

    bare = spawn(process.execPath, ['--input-type=module', '-e', BARE_SERVER], {
      cwd: ROOT,
      env: { ...process.env, PORT: String(barePort) },
      stdio: 'ignore',
    });
    await firstAnswer(`http://${HOST}:${barePort}/`, performance.now(), bare);

    // Sign in ten couples spread over the whole run (both partners): bearer tokens for the API,
    // the same token as the page session cookie. Seeded emails follow the couple's number, so
    // any couple of the run can be reached; its space and journey come from the API.
    const base = `http://${HOST}:${mendPort}`;
    const people: Array<{ token: string; spaceId: string; journeyId: string; accountId: string }> = [];
    const chosen = Array.from({ length: Math.min(10, record.done) }, (_, i) =>
      Math.floor(((i + 0.5) * record.done) / Math.min(10, record.done)),
    );
    for (const index of chosen) {
      for (const email of seededEmails(record, index)) {
        const res = await fetch(`${base}/api/v1/sessions`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email, password: record.password }),
        });
        if (res.status !== 201) throw new Error(`signing in ${email} answered ${res.status}: ${await res.text()}`);
        const { token } = (await res.json()) as { token: string };
        const authorization = { authorization: `Bearer ${token}` };
        const me = (await (await fetch(`${base}/api/v1/me`, { headers: authorization })).json()) as {
          account: { id: string };
          spaces: Array<{ id: string }>;
        };
        const spaceId = me.spaces[0]!.id;
        const list = (await (await fetch(`${base}/api/v1/spaces/${spaceId}/journeys`, { headers: authorization })).json()) as {
          journeys: Array<{ id: string }>;
        };
        people.push({ token, spaceId, journeyId: list.journeys[0]!.id, accountId: me.account.id });
      }
    }
    const pick = () => people[Math.floor(Math.random() * people.length)]!;
    const today = new Date();
    const dates = [0, 1, 2].map((back) => new Date(today.getTime() - back * 86_400_000).toISOString().slice(0, 10));
    const score = () => Math.floor(Math.random() * 11);
    const logins = Array.from({ length: Math.min(50, record.done) }, (_, i) =>
      seededEmails(record, Math.floor((i * record.done) / Math.min(50, record.done))),
    ).flat();
    let login = 0;

    // SQLite only: the hand-written floor under the progress API, to show how much of the bare
    // route's throughput any server doing the same work reaches here (progress-floor-server.ts).
    let floorPort: number | null = null;
    if (!options.databaseUrl && (options.only === null || FLOOR_ROUTE.includes(options.only))) {
      const keptFile = path.join(dataDir, 'progress-floor-kept.json');
      fs.writeFileSync(keptFile, JSON.stringify(await keptForFloor(mendPort, people)));
      floorPort = await freePort();
      floor = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'bench/progress-floor-server.ts')], {
        cwd: ROOT,
        env: { ...process.env, PORT: String(floorPort), MEND_DATA_DIR: dataDir, FLOOR_KEPT: keptFile },
        stdio: ['ignore', 'ignore', 'inherit'],
      });
      await firstAnswer(`http://${HOST}:${floorPort}/ready`, performance.now(), floor);
    }

    const waited = await startupWorkDone(mend.pid!);
    if (waited !== null) log(`Mend's deferred start-up work was done ${waited} s after the sign-ins.`);

    const loads: Load[] = [
      // Not a target: Mend's request pipeline alone (security headers, cookies, hooks, routing,
      // logging) with no session and no database, to show what the routes below start from.
      { route: 'GET /healthz (pipeline only, no session or database)', requests: [{ method: 'GET', path: '/healthz' }] },
      // As browsers and fetch() ask for it: with Accept-Encoding, so the kept gzip form is sent.
      {
        route: 'GET /api/v1/spaces/:id/progress (gzip)',
        requests: [
          {
            method: 'GET',
            setupRequest: (req) => {
              const p = pick();
              return {
                ...req,
                path: `/api/v1/spaces/${p.spaceId}/progress`,
                headers: { authorization: `Bearer ${p.token}`, 'accept-encoding': 'gzip, deflate, br' },
              };
            },
          },
        ],
      },
      ...(floorPort === null
        ? []
        : [
            {
              route: FLOOR_ROUTE,
              port: floorPort,
              server: floor!,
              requests: [
                {
                  method: 'GET',
                  setupRequest: (req: autocannon.Request) => {
                    const p = pick();
                    return {
                      ...req,
                      path: `/api/v1/spaces/${p.spaceId}/progress`,
                      headers: { authorization: `Bearer ${p.token}`, 'accept-encoding': 'gzip, deflate, br' },
                    };
                  },
                },
              ],
            } satisfies Load,
          ]),
      {
        route: 'GET /api/v1/spaces/:id/progress (uncompressed)',
        requests: [
          {
            method: 'GET',
            setupRequest: (req) => {
              const p = pick();
              return { ...req, path: `/api/v1/spaces/${p.spaceId}/progress`, headers: { authorization: `Bearer ${p.token}` } };
            },
          },
        ],
      },
      {
        route: 'GET /spaces/:id/progress (page)',
        requests: [
          {
            method: 'GET',
            setupRequest: (req) => {
              const p = pick();
              return { ...req, path: `/spaces/${p.spaceId}/progress`, headers: { cookie: `mend_session=${p.token}` } };
            },
          },
        ],
      },
      {
        route: 'PUT /api/v1/spaces/:id/checkins/:date',
        requests: [
          {
            method: 'PUT',
            setupRequest: (req) => {
              const p = pick();
              const date = dates[Math.floor(Math.random() * dates.length)]!;
              return {
                ...req,
                path: `/api/v1/spaces/${p.spaceId}/checkins/${date}`,
                headers: { authorization: `Bearer ${p.token}`, 'content-type': 'application/json' },
                body: JSON.stringify({ safety: score(), trust: score(), closeness: score(), day: 'mixed', note: null }),
              };
            },
          },
        ],
      },
      {
        route: 'GET /journeys/:id (page)',
        requests: [
          {
            method: 'GET',
            setupRequest: (req) => {
              const p = pick();
              return { ...req, path: `/journeys/${p.journeyId}`, headers: { cookie: `mend_session=${p.token}` } };
            },
          },
        ],
      },
      {
        route: 'POST /api/v1/sessions (sign-in)',
        warmup: false,
        requests: [
          {
            method: 'POST',
            setupRequest: (req) => ({
              ...req,
              path: '/api/v1/sessions',
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify({ email: logins[login++ % logins.length], password: record.password }),
            }),
          },
        ],
      },
    ];

    // The reference is measured again just before each route, and each route is compared with the
    // run right before it: on a shared or virtual machine the speed of the machine itself drifts
    // over minutes, and a ratio across minutes would measure that drift.
    const measured = async (
      server: ChildProcess,
      run: () => Promise<autocannon.Result>,
    ): Promise<{ r: autocannon.Result; cpu: number | null }> => {
      const before = cpuSeconds(server.pid!);
      const r = await run();
      const after = cpuSeconds(server.pid!);
      return {
        r,
        cpu: before === null || after === null || r.requests.total === 0 ? null : Math.round(((after - before) / r.requests.total) * 1e6),
      };
    };
    const measureBare = async () => {
      log(`Bare Fastify JSON route (reference), ${options.seconds} s at ${options.connections} connections …`);
      return measured(bare!, () => load(barePort, { route: 'bare', requests: [{ method: 'GET', path: '/' }] }, options));
    };
    const row = (
      route: string,
      { r, cpu }: { r: autocannon.Result; cpu: number | null },
      { r: reference }: { r: autocannon.Result },
    ): HttpBenchRow => {
      const codes = Object.entries((r as autocannon.Result & { statusCodeStats?: Record<string, { count: number }> }).statusCodeStats ?? {})
        .filter(([code]) => !code.startsWith('2'))
        .map(([code, s]) => `${s.count}×${code}`);
      if (r.errors) codes.push(`${r.errors} errors`);
      if (r.timeouts) codes.push(`${r.timeouts} timeouts`);
      return {
        route,
        'requests/s': round(r.requests.average),
        'p50 ms': r.latency.p50,
        'p99 ms': r.latency.p99,
        'req/s vs bare': `${(r.requests.average / reference.requests.average).toFixed(3)}×`,
        'p99 vs bare': `${(r.latency.p99 / Math.max(reference.latency.p99, 1)).toFixed(1)}×`,
        '2xx': r['2xx'],
        'server CPU µs/req': cpu,
        other: codes.join(', ') || '—',
      };
    };
    const rows: HttpBenchRow[] = [];
    const chosenLoads = loads.filter((x) => options.only === null || x.route.includes(options.only));
    if (chosenLoads.length === 0)
      throw new Error(`--only ${options.only} matches no route; the routes are: ${loads.map((x) => x.route).join('; ')}.`);
    for (const l of chosenLoads) {
      if (options.warmupSeconds > 0 && l.warmup !== false) {
        log(`${l.route}: ${options.warmupSeconds} s of load first, not measured …`);
        await load(l.port ?? mendPort, l, { ...options, seconds: options.warmupSeconds });
      }
      const reference = await measureBare();
      rows.push(row('bare Fastify GET / (reference)', reference, reference));
      log(`${l.route}, ${options.seconds} s at ${options.connections} connections …`);
      rows.push(row(l.route, await measured(l.server ?? mend, () => load(l.port ?? mendPort, l, options)), reference));
    }
    const rss = rssMiB(mend.pid!);
    return {
      database,
      couples: record.done,
      seedSeconds,
      checkins: record.checkins,
      startupMs: Math.round(startupMs),
      rssMiBAfterLoad: rss,
      progressVsFloor: progressVsFloor(rows),
      rows,
    };
  } finally {
    await stop(floor);
    await stop(bare);
    await stop(mend);
    // Only a temporary data dir is removed; a given one (and any database) is left as it was.
    if (temporary) fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

function progressVsFloor(rows: HttpBenchRow[]): string | null {
  const ratio = (route: string) => {
    const row = rows.find((r) => r.route === route);
    return row ? Number.parseFloat(row['req/s vs bare']) : null;
  };
  const mend = ratio('GET /api/v1/spaces/:id/progress (gzip)');
  const floor = ratio(FLOOR_ROUTE);
  return mend === null || floor === null || floor === 0 ? null : `${(mend / floor).toFixed(2)}×`;
}

export function describeMachine(): string {
  const cpus = os.cpus();
  return `${cpus.length} × ${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}`;
}
