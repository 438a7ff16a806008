/**
 * What monitoring costs a request (issue #21): the built server (`node dist/main.js`) on a fresh
 * SQLite data folder, started with metrics off, with metrics on (MEND_METRICS_TOKEN), and with the
 * one-line-per-request log at info (written to a pipe nobody reads, as under systemd) — loaded in
 * turns with autocannon on the cheapest route (/healthz, where any overhead shows most) and on a
 * real page (/sign-in). Each setting runs `rounds` times, alternating, and the median is reported,
 * with the microseconds per request it adds over "off" at the same concurrency. Plus the cost of
 * one `metrics.request()` call in-process, which moves far less on a busy machine. Nothing is
 * asserted. Builds nothing: run `npm run build` first.
 *
 * Alone: `node --import tsx bench/metrics.ts [--seconds 3] [--rounds 3] [--connections 10]`
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { createMetrics } from '../src/platform/metrics/metrics.js';
import { freePort, HOST, stop } from './processes.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface MetricsBenchOptions {
  seconds: number;
  rounds: number;
  connections: number;
}

export interface MetricsBenchRow {
  route: string;
  setting: string;
  'req/s (median)': number;
  'µs/req': number;
  'µs/req over off': number | string;
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
  return { seconds: value('seconds', 3), rounds: value('rounds', 3), connections: value('connections', 10) };
}

async function start(dataDir: string, env: Record<string, string>): Promise<{ child: ChildProcess; base: string }> {
  const port = await freePort();
  const base = `http://${HOST}:${port}`;
  const child = spawn(process.execPath, [path.join(ROOT, 'dist/main.js')], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(port),
      HOST,
      MEND_BASE_URL: base,
      MEND_DATA_DIR: dataDir,
      DATABASE_URL: '',
      ...env,
    },
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
  // Warm up: first requests compile schemas and load templates.
  await autocannon({ url: `${base}/sign-in`, connections: 4, duration: 1 });
  return { child, base };
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** ns per `metrics.request()` call: a counter and a histogram with labels, as every request does. */
async function perCallNs(): Promise<number> {
  const metrics = await createMetrics();
  const n = 200_000;
  for (let i = 0; i < 10_000; i++) metrics.request('GET', '/spaces/:spaceId', 200, 0.004);
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < n; i++) metrics.request('GET', i % 2 ? '/spaces/:spaceId' : '/healthz', 200, 0.004);
  return Number(process.hrtime.bigint() - t0) / n;
}

export async function runMetricsBench(options: MetricsBenchOptions): Promise<{ rows: MetricsBenchRow[]; perCallNs: number }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mend-bench-metrics-'));
  const results = new Map<string, number[]>();
  try {
    for (let round = 0; round < options.rounds; round++) {
      for (const setting of SETTINGS) {
        const server = await start(dataDir, setting.env);
        try {
          for (const route of ROUTES) {
            const r = await autocannon({ url: `${server.base}${route}`, connections: options.connections, duration: options.seconds });
            const key = `${route}\u0000${setting.name}`;
            results.set(key, [...(results.get(key) ?? []), r.requests.average]);
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
    const off = median(results.get(`${route}\u0000${SETTINGS[0].name}`)!);
    for (const setting of SETTINGS) {
      const rps = median(results.get(`${route}\u0000${setting.name}`)!);
      const us = 1e6 / rps;
      rows.push({
        route,
        setting: setting.name,
        'req/s (median)': Math.round(rps),
        'µs/req': Math.round(us),
        'µs/req over off': setting === SETTINGS[0] ? '—' : Math.round(us - 1e6 / off),
      });
    }
  }
  return { rows, perCallNs: await perCallNs() };
}

export function printMetricsBench(result: { rows: MetricsBenchRow[]; perCallNs: number }, options: MetricsBenchOptions): void {
  console.log(
    `\nMonitoring's cost (built server, SQLite, ${options.connections} connections, ${options.seconds} s per route, median of ${options.rounds} alternating rounds; µs/req is 1/throughput):`,
  );
  console.table(result.rows);
  console.log(`One metrics.request() call in-process (a labelled counter and histogram): ${Math.round(result.perCallNs)} ns`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const options = parseMetricsBenchArgs(process.argv.slice(2));
  printMetricsBench(await runMetricsBench(options), options);
}
