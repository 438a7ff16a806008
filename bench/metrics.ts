/**
 * What monitoring costs a request (issue #21): the built server (`node dist/main.js`) on a fresh
 * SQLite data folder, started with metrics off, with metrics on (MEND_METRICS_TOKEN), and with the
 * one-line-per-request log at info (written to a pipe nobody reads, as under systemd) — loaded in
 * turns with autocannon on the cheapest route (/healthz, where any overhead shows most) and on a
 * real page (/sign-in). The figure is the server process's own CPU time per request (from /proc,
 * Linux), which a busy shared machine moves much less than throughput; req/s is shown beside it.
 * Each setting runs `rounds` times, alternating, and the median is reported, with what it adds over
 * "off". Plus the CPU cost of one `metrics.request()` call in-process. Nothing is asserted. Builds
 * nothing: run `npm run build` first.
 *
 * Alone: `node --import tsx bench/metrics.ts [--requests 2000] [--rounds 3] [--connections 10]`
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { createMetrics } from '../src/platform/metrics/metrics.js';
import { freePort, HOST, stop, serverEnv } from './processes.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface MetricsBenchOptions {
  /** Requests per route and setting in each round. */
  requests: number;
  rounds: number;
  connections: number;
}

export interface MetricsBenchRow {
  route: string;
  setting: string;
  'server CPU µs/req': number;
  'CPU µs/req over off': number | string;
  'req/s': number;
}

const SETTINGS = [
  { name: 'metrics off, log at warn', env: { LOG_LEVEL: 'warn' } },
  { name: 'metrics on, log at warn', env: { LOG_LEVEL: 'warn', MEND_METRICS_TOKEN: 'bench-metrics-token-0123456789' } },
  { name: 'metrics off, log at info', env: { LOG_LEVEL: 'info' } },
  { name: 'metrics on, log at info', env: { LOG_LEVEL: 'info', MEND_METRICS_TOKEN: 'bench-metrics-token-0123456789' } },
] as const;
const ROUTES = ['/healthz', '/sign-in'];

export function parseMetricsBenchArgs(argv: string[]): MetricsBenchOptions {
  const value = (name: string, fallback: number) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 && argv[i + 1] ? Number(argv[i + 1]) : fallback;
  };
  return { requests: value('requests', 2000), rounds: value('rounds', 3), connections: value('connections', 10) };
}

async function start(dataDir: string, env: Record<string, string>): Promise<{ child: ChildProcess; base: string }> {
  const port = await freePort();
  const base = `http://${HOST}:${port}`;
  const child = spawn(process.execPath, [path.join(ROOT, 'dist/main.js')], {
    cwd: ROOT,
    env: serverEnv(port, dataDir, { LOG_LEVEL: process.env.LOG_LEVEL ?? 'info', ...env }),
    // The log goes to a pipe that is read and thrown away, as a service manager's journal would take it.
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  child.stdout?.resume();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server stopped while starting (exit ${child.exitCode}).`);
    try {
      if ((await fetch(`${base}/readyz`)).status === 200) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  // Warm up: first requests compile schemas and load templates; a second after start the server
  // compiles the remaining schemas and loads the password dictionaries (main.ts). Measured only
  // once it is idle: under 20 ms of CPU in half a second.
  await autocannon({ url: `${base}/sign-in`, connections: 4, amount: 200 });
  let last = cpuMs(child.pid);
  for (let quiet = 0; quiet < 2;) {
    await new Promise((r) => setTimeout(r, 500));
    const now = cpuMs(child.pid);
    quiet = now - last < 20 ? quiet + 1 : 0;
    last = now;
  }
  return { child, base };
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** User + system CPU time the process has used so far, in ms (Linux /proc; clock ticks of 10 ms). */
function cpuMs(pid: number | undefined): number {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return NaN;
  }
}

/** ns per `metrics.request()` call: a counter and a histogram with labels, as every request does. */
async function perCallNs(): Promise<number> {
  const metrics = await createMetrics();
  const n = 200_000;
  for (let i = 0; i < 10_000; i++) metrics.request('GET', '/spaces/:spaceId', 200, 0.004);
  // CPU time, not wall time: on a shared machine the wall clock also counts other processes' turns.
  const t0 = process.cpuUsage();
  for (let i = 0; i < n; i++) metrics.request('GET', i % 2 ? '/spaces/:spaceId' : '/healthz', 200, 0.004);
  const used = process.cpuUsage(t0);
  return ((used.user + used.system) * 1000) / n;
}

export async function runMetricsBench(options: MetricsBenchOptions): Promise<{ rows: MetricsBenchRow[]; perCallNs: number }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mend-bench-metrics-'));
  const cpu = new Map<string, number[]>();
  const rps = new Map<string, number[]>();
  const keep = (map: Map<string, number[]>, key: string, value: number) => map.set(key, [...(map.get(key) ?? []), value]);
  try {
    for (let round = 0; round < options.rounds; round++) {
      for (const setting of SETTINGS) {
        const server = await start(dataDir, setting.env);
        try {
          for (const route of ROUTES) {
            const before = cpuMs(server.child.pid);
            const r = await autocannon({ url: `${server.base}${route}`, connections: options.connections, amount: options.requests });
            const key = `${route}\u0000${setting.name}`;
            keep(cpu, key, ((cpuMs(server.child.pid) - before) * 1000) / (r.requests.total || 1));
            keep(rps, key, r.requests.average);
          }
        } finally {
          await stop(server.child);
        }
      }
    }
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  const rows: MetricsBenchRow[] = [];
  for (const route of ROUTES) {
    const off = median(cpu.get(`${route}\u0000${SETTINGS[0].name}`)!);
    for (const setting of SETTINGS) {
      const key = `${route}\u0000${setting.name}`;
      const us = median(cpu.get(key)!);
      rows.push({
        route,
        setting: setting.name,
        'server CPU µs/req': Math.round(us),
        'CPU µs/req over off': setting === SETTINGS[0] ? '—' : Math.round(us - off),
        'req/s': Math.round(median(rps.get(key)!)),
      });
    }
  }
  return { rows, perCallNs: await perCallNs() };
}

export function printMetricsBench(result: { rows: MetricsBenchRow[]; perCallNs: number }, options: MetricsBenchOptions): void {
  console.log(
    `\nMonitoring's cost (built server, SQLite, ${options.connections} connections, ${options.requests} requests per route, median of ${options.rounds} alternating rounds; the server's own CPU time per request, from /proc):`,
  );
  console.table(result.rows);
  console.log(`One metrics.request() call in-process (a labelled counter and histogram): ${Math.round(result.perCallNs)} ns of CPU`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const options = parseMetricsBenchArgs(process.argv.slice(2));
  printMetricsBench(await runMetricsBench(options), options);
}
