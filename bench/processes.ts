/** Process control the benchmarks share: a free loopback port, waiting for exit, stopping a server. */
import type { ChildProcess } from 'node:child_process';
import net from 'node:net';

export const HOST = '127.0.0.1';

/**
 * The environment a benchmark's Mend server runs with: built, on SQLite in `dataDir` unless
 * overridden, logging warnings only, and glibc's large-block threshold fixed as the service unit
 * and the container image set it (contrib/; docs/performance.md, "Memory").
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
