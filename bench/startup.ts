/**
 * Start-up benchmark (issue #7, target under 1 s on an existing database): seeds a small data dir
 * once, then starts the built server (`node dist/main.js`) several times on it and times
 * spawn → first 200 from /readyz and spawn → first 200 from a real page (the sign-in page, which
 * renders the layout, reads the session cookie and sets the CSRF cookie), and `npm start` →
 * first 200 from /healthz (issue #21). A bare `node -e` start
 * in the same run is the floor for this machine. Medians of the runs are reported; nothing is
 * asserted. Builds nothing: run `npm run build` first.
 *
 * The server's own CPU time up to each answer (from /proc, Linux only) is reported too: on a busy
 * shared machine it moves much less than the wall-clock time does.
 *
 * Alone: `node --import tsx bench/startup.ts [--runs 5] [--root /path/to/another/built/checkout]`
 * (`--root` compares an older build, seeded and started with its own code).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { exited, freePort, HOST, stop, serverEnv } from './processes.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface StartupRow {
  what: string;
  'median ms': number;
  'min ms': number;
  'max ms': number;
  runs: number;
}

/** Polls `url` every 2 ms until it answers 200; returns the milliseconds since `since`. */
async function firstOk(url: string, since: number, child: ChildProcess, limitMs = 30_000): Promise<number> {
  while (performance.now() - since < limitMs) {
    if (child.exitCode !== null) throw new Error(`the server stopped while starting (exit ${child.exitCode}).`);
    try {
      const res = await fetch(url);
      await res.arrayBuffer();
      if (res.status === 200) return performance.now() - since;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 2));
  }
  throw new Error(`${url} did not answer within ${limitMs / 1000} s.`);
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

function row(what: string, xs: number[]): StartupRow {
  return {
    what,
    'median ms': Math.round(median(xs)),
    'min ms': Math.round(Math.min(...xs)),
    'max ms': Math.round(Math.max(...xs)),
    runs: xs.length,
  };
}

/** User + system CPU time the process has used so far, in ms (Linux /proc; clock ticks of 10 ms). */
function cpuMs(pid: number | undefined): number {
  if (pid === undefined) return NaN;
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return NaN;
  }
}

async function seed(root: string, dataDir: string): Promise<void> {
  const child = spawn(process.execPath, [path.join(root, 'bin/mend.js'), 'seed', '--couples', '5', '--days', '60'], {
    cwd: root,
    env: { ...process.env, MEND_DATA_DIR: dataDir, LOG_LEVEL: 'silent', DATABASE_URL: '' },
    stdio: 'ignore',
  });
  const code = await exited(child);
  if (code !== 0) throw new Error(`mend seed failed (exit ${code}).`);
}

/** One start of the real server on `dataDir`: both times, measured from the same spawn. */
async function startOnce(
  root: string,
  dataDir: string,
  page: string,
): Promise<{ readyz: number; page: number; readyzCpu: number; pageCpu: number }> {
  const port = await freePort();
  const base = `http://${HOST}:${port}`;
  const startedAt = performance.now();
  const child = spawn(process.execPath, [path.join(root, 'dist/main.js')], {
    cwd: root,
    env: serverEnv(port, dataDir),
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let err = '';
  child.stderr?.on('data', (c) => (err += String(c)));
  try {
    const readyz = await firstOk(`${base}/readyz`, startedAt, child);
    const readyzCpu = cpuMs(child.pid);
    const pageMs = await firstOk(`${base}${page}`, startedAt, child);
    return { readyz, page: pageMs, readyzCpu, pageCpu: cpuMs(child.pid) };
  } catch (error) {
    throw new Error(`${(error as Error).message}\n${err}`, { cause: error });
  } finally {
    await stop(child);
  }
}

/**
 * `npm start` on the built checkout, spawn → first 200 from /healthz (issue #21: under 1 s). It
 * includes npm itself and the prestart check that the build is current (scripts/build-if-stale.mjs),
 * which builds nothing here. npm runs the server as a grandchild, so the whole group is stopped.
 */
async function npmStartOnce(root: string, dataDir: string): Promise<number> {
  const port = await freePort();
  const base = `http://${HOST}:${port}`;
  const startedAt = performance.now();
  const npm = process.env.npm_execpath;
  const [command, args] = npm ? [process.execPath, [npm, 'start']] : ['npm', ['start']];
  const child = spawn(command, args, {
    cwd: root,
    detached: true,
    env: serverEnv(port, dataDir),
    stdio: 'ignore',
  });
  try {
    return await firstOk(`${base}/healthz`, startedAt, child);
  } finally {
    const done = exited(child);
    if (child.pid !== undefined && child.exitCode === null) process.kill(-child.pid, 'SIGTERM');
    await done;
  }
}

/** `node -e` that only opens a port: what starting any Node server costs on this machine. */
async function bareNodeOnce(): Promise<number> {
  const port = await freePort();
  const startedAt = performance.now();
  const script = `require('node:http').createServer((q, s) => s.end('ok')).listen(${port}, '${HOST}'); process.on('SIGTERM', () => process.exit(0));`;
  const child = spawn(process.execPath, ['-e', script], { stdio: 'ignore' });
  try {
    return await firstOk(`http://${HOST}:${port}/`, startedAt, child);
  } finally {
    await stop(child);
  }
}

/** Seeds a temporary data dir, starts Mend `runs` times (after one unmeasured warm-up start). */
export async function runStartupBench(
  runs = 5,
  log: (line: string) => void = (l) => process.stderr.write(`${l}\n`),
  root = ROOT,
): Promise<StartupRow[]> {
  if (!fs.existsSync(path.join(root, 'dist/main.js'))) throw new Error('dist/main.js is missing: run `npm run build` first.');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mend-startup-'));
  try {
    log(`Seeding 5 couples into ${dataDir} for the start-up benchmark …`);
    await seed(root, dataDir);
    // `npm start` below must not build while it is timed: bring dist/ up to date first, unmeasured.
    const stale = path.join(root, 'scripts/build-if-stale.mjs');
    const check = fs.existsSync(stale) ? spawnSync(process.execPath, [stale], { cwd: root, stdio: 'inherit' }) : { status: 0 };
    if (check.status !== 0) throw new Error('dist/ is out of date and could not be built: run `npm run build`.');
    // The first start after seeding pays for cold file caches; it is not what a restart costs.
    await startOnce(root, dataDir, '/sign-in');
    const t = { readyz: [] as number[], page: [] as number[], readyzCpu: [] as number[], pageCpu: [] as number[] };
    const bare: number[] = [];
    const npmStart: number[] = [];
    for (let i = 0; i < runs; i++) {
      bare.push(await bareNodeOnce());
      const one = await startOnce(root, dataDir, '/sign-in');
      for (const key of Object.keys(t) as Array<keyof typeof t>) t[key].push(one[key]);
      npmStart.push(await npmStartOnce(root, dataDir));
    }
    return [
      row('bare `node -e` HTTP server → first 200', bare),
      row('Mend → first 200 from /readyz', t.readyz),
      row('Mend → first 200 from /sign-in (page)', t.page),
      row('`npm start` → first 200 from /healthz', npmStart),
      row('  server CPU time up to /readyz', t.readyzCpu),
      row('  server CPU time up to /sign-in', t.pageCpu),
    ];
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const arg = (flag: string) => {
    const i = process.argv.indexOf(flag);
    return i > 0 ? process.argv[i + 1] : undefined;
  };
  const runs = Number(arg('--runs') ?? 5);
  if (!Number.isInteger(runs) || runs < 1 || runs > 50) throw new Error('--runs takes a whole number from 1 to 50.');
  const root = path.resolve(arg('--root') ?? ROOT);
  console.log(`Start-up of ${root} on an existing SQLite database (5 seeded couples), median of ${runs} starts:`);
  console.table(await runStartupBench(runs, undefined, root));
}
