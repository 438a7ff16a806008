/** Process control the benchmarks share: a free loopback port, waiting for exit, stopping a server. */
import type { ChildProcess } from 'node:child_process';
import net from 'node:net';

export const HOST = '127.0.0.1';

/**
 * The environment a benchmark's Mend server runs with: built, on SQLite in `dataDir` unless
 * overridden, logging warnings only, and glibc's large-block threshold and V8's young generation set
 * as the service unit and the container image set them (contrib/; docs/performance.md, "Memory").
 */
export function serverEnv(port: number, dataDir: string, overrides: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NODE_ENV: 'production',
    PORT: String(port),
    HOST,
    MEND_BASE_URL: `http://${HOST}:${port}`,
    MEND_DATA_DIR: dataDir,
    DATABASE_URL: '',
    LOG_LEVEL: 'warn',
    MALLOC_MMAP_THRESHOLD_: '131072',
    NODE_OPTIONS: '--max-semi-space-size=8',
    ...overrides,
  };
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, HOST, () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve(child.exitCode);
    else child.once('exit', (code) => resolve(code));
  });
}

/** SIGTERM, then SIGKILL if the process has not exited within 5 s. */
export async function stop(child: ChildProcess | null): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const done = exited(child);
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await done;
  clearTimeout(timer);
}

/** The seeded couples' sign-in details `mend seed --json` prints. */
export interface SeededCouples {
  password: string;
  sample: Array<{ spaceId: string; journeyId: string; emails: [string, string] }>;
}

/** `mend seed` of the build at `root` into `dataDir` (SQLite): `couples` couples with `days` days of history. */
export async function seedCouples(root: string, dataDir: string, couples: number, days: number): Promise<SeededCouples> {
  const { spawn } = await import('node:child_process');
  const path = await import('node:path');
  const child = spawn(
    process.execPath,
    [path.join(root, 'bin/mend.js'), 'seed', '--couples', String(couples), '--days', String(days), '--json'],
    {
      cwd: root,
      env: { ...process.env, MEND_DATA_DIR: dataDir, LOG_LEVEL: 'silent', DATABASE_URL: '' },
      stdio: ['ignore', 'pipe', 'ignore'],
    },
  );
  let out = '';
  child.stdout?.on('data', (c) => (out += String(c)));
  const code = await exited(child);
  if (code !== 0) throw new Error(`mend seed failed (exit ${code}).`);
  return JSON.parse(out) as SeededCouples;
}

export async function waitReady(base: string, child: ChildProcess): Promise<void> {
  const since = Date.now();
  while (Date.now() - since < 30_000) {
    if (child.exitCode !== null) throw new Error(`the server stopped while starting (exit ${child.exitCode}).`);
    const ok = await fetch(`${base}/readyz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('Mend did not become ready within 30 s.');
}

/** A session token of `email`, through the API. */
export async function signInToken(base: string, email: string, password: string): Promise<string> {
  const res = await fetch(`${base}/api/v1/sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (res.status !== 201) throw new Error(`signing in answered ${res.status}`);
  return ((await res.json()) as { token: string }).token;
}

/** The CPU time a process has run, in milliseconds (Linux: /proc/<pid>/schedstat, in nanoseconds). */
export async function cpuMsOf(pid: number): Promise<number> {
  const { readFile } = await import('node:fs/promises');
  const [ns] = (await readFile(`/proc/${pid}/schedstat`, 'utf8')).split(' ');
  return Number(ns) / 1e6;
}
