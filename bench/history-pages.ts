/**
 * A couple's long history (issue #24): what the agreement log page costs the server at one and
 * three years of daily logging (the seed's three agreements, one of them daily), and how much it
 * sends. Seeds one couple per length with `mend seed`, starts the built server on it, signs in as
 * the partner who confirms occasions (so the page draws confirm forms, each named for its occasion),
 * and reads the page `READS` times one after another: server CPU per page is the server process's
 * CPU time over those reads (/proc/<pid>/schedstat) divided by their number, so it includes
 * everything the process did meanwhile (session check, queries, decryption, rendering, GC).
 * Figures are printed, never asserted; the machine may be shared, so read them as rough.
 *
 * `MEND_BENCH_ROOT` runs another build (an older checkout) for a before/after in the same run.
 * Alone: `node --import tsx bench/history-pages.ts`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import { cpuMsOf, freePort, HOST, seedCouples, serverEnv, signInToken, stop, waitReady } from './processes.js';

const ROOT = process.env.MEND_BENCH_ROOT ?? path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const READS = 40;

export interface HistoryPageRow {
  history: string;
  page: string;
  'server CPU ms/page': number;
  'median ms': number;
  'HTML KB': number;
  'HTML gz KB': number;
}

async function measure(base: string, pid: number, cookie: string, url: string): Promise<Omit<HistoryPageRow, 'history' | 'page'>> {
  const read = async () => {
    const res = await fetch(`${base}${url}`, { headers: { cookie } });
    if (res.status !== 200) throw new Error(`${url} answered ${res.status}`);
    return Buffer.from(await res.arrayBuffer());
  };
  for (let i = 0; i < 15; i++) await read(); // warm: the JIT, the statement cache, the space's keys
  const walls: number[] = [];
  let html = Buffer.alloc(0);
  const before = await cpuMsOf(pid);
  for (let i = 0; i < READS; i++) {
    const t = performance.now();
    html = await read();
    walls.push(performance.now() - t);
  }
  const cpu = (await cpuMsOf(pid)) - before;
  walls.sort((x, y) => x - y);
  const kb = (n: number) => Math.round(n / 102.4) / 10;
  return {
    'server CPU ms/page': Math.round((cpu / READS) * 100) / 100,
    'median ms': Math.round(walls[Math.floor(READS / 2)]! * 100) / 100,
    'HTML KB': kb(html.length),
    'HTML gz KB': kb(zlib.gzipSync(html, { level: 6 }).length),
  };
}

export async function runHistoryPagesBench(log: (line: string) => void = (l) => process.stderr.write(`${l}\n`)): Promise<HistoryPageRow[]> {
  if (!fs.existsSync(path.join(ROOT, 'dist/main.js'))) throw new Error(`${ROOT}/dist/main.js is missing: run \`npm run build\` first.`);
  const rows: HistoryPageRow[] = [];
  for (const [label, days] of [
    ['1 year', 365],
    ['3 years', 1095],
  ] as const) {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mend-history-'));
    let server: ChildProcess | null = null;
    try {
      log(`Seeding a couple with ${label} of history …`);
      const seeded = await seedCouples(ROOT, dataDir, 1, days);
      const couple = seeded.sample[0]!;
      const port = await freePort();
      const base = `http://${HOST}:${port}`;
      server = spawn(process.execPath, [path.join(ROOT, 'dist/main.js')], {
        cwd: ROOT,
        env: serverEnv(port, dataDir),
        stdio: ['ignore', 'ignore', 'inherit'],
      });
      await waitReady(base, server);
      const cookie = `mend_session=${await signInToken(base, couple.emails[1], seeded.password)}`;
      rows.push({
        history: label,
        page: 'agreement log',
        ...(await measure(base, server.pid!, cookie, `/spaces/${couple.spaceId}/agreement-log`)),
      });
    } finally {
      await stop(server);
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }
  return rows;
}

export async function runAndPrintHistoryPagesBench(): Promise<void> {
  const rows = await runHistoryPagesBench();
  console.log(`\nA long history: the agreement log page, ${READS} reads one after another (server CPU per page; gzip at level 6):`);
  console.table(rows);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await runAndPrintHistoryPagesBench();
}
