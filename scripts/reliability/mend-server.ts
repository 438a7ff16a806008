// Starts and stops the built Mend server (dist/main.js) as a child process, for the scripted
// reliability runs. All traffic stays on 127.0.0.1.
import { fork, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sleep } from './random.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const MAIN = path.join(ROOT, 'dist', 'main.js');
export const MEND_CLI = path.join(ROOT, 'bin', 'mend.js');
const WITH_GC = path.join(ROOT, 'scripts', 'reliability', 'mend-with-gc.mjs');
const WITH_CLOCK = path.join(ROOT, 'scripts', 'reliability', 'mend-with-clock.mjs');

export function requireBuild(): void {
  if (!fs.existsSync(MAIN)) throw new Error(`${MAIN} is missing: run \`npm run build\` first.`);
}

export async function freePort(): Promise<number> {
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

export interface MemoryFigures {
  heapUsed: number;
  heapTotal: number;
  rss: number;
  external: number;
}

export interface MendServerOptions {
  port: number;
  dataDir: string;
  databaseUrl?: string | null;
  /** Start through scripts/reliability/mend-with-gc.mjs (node --expose-gc) to read memory after a forced GC. */
  withGc?: boolean;
  /** Start through scripts/reliability/mend-with-clock.mjs, whose wall clock `stepClock` moves. */
  steppedClock?: boolean;
  /** More environment variables for the server. */
  env?: Record<string, string>;
}

/** The environment Mend runs with: everything of ours, minus a DATABASE_URL we did not choose. */
export function mendEnv(dataDir: string, databaseUrl: string | null | undefined, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    MEND_DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    NODE_ENV: 'production',
    MEND_SIGN_UP_PER_HOUR: '1000000',
    ...extra,
  };
  delete env.DATABASE_URL;
  if (databaseUrl) env.DATABASE_URL = databaseUrl;
  return env;
}

export class MendServer {
  child: ChildProcess | null = null;
  stderr = '';
  /** The last "request failed" log lines (warn level and up are logged), for a run's report. */
  failures: string[] = [];
  constructor(readonly options: MendServerOptions) {}

  get base(): string {
    return `http://127.0.0.1:${this.options.port}`;
  }

  get running(): boolean {
    const child = this.child;
    return child !== null && child.exitCode === null && child.signalCode === null;
  }

  /** Starts the server and resolves with the milliseconds from spawn to the first 200 from /readyz. */
  async start(): Promise<number> {
    const started = Date.now();
    const env = mendEnv(this.options.dataDir, this.options.databaseUrl, {
      PORT: String(this.options.port),
      HOST: '127.0.0.1',
      ...this.options.env,
    });
    const child = this.options.withGc
      ? fork(WITH_GC, [], { env, execArgv: ['--expose-gc'], stdio: ['ignore', 'pipe', 'pipe', 'ipc'] })
      : this.options.steppedClock
        ? fork(WITH_CLOCK, [], { env, stdio: ['ignore', 'pipe', 'pipe', 'ipc'] })
        : spawn(process.execPath, [MAIN], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    this.stderr = '';
    child.stderr?.on('data', (chunk) => {
      this.stderr = (this.stderr + String(chunk)).slice(-4000);
    });
    child.stdout?.on('data', (chunk) => {
      for (const line of String(chunk).split('\n'))
        if (line.includes('"request failed"')) this.failures = [...this.failures.slice(-19), line];
    });
    // Generous: on a machine shared with other suites start-up has taken over 30 s.
    await this.waitReady(90_000, started);
    return Date.now() - started;
  }

  /** Waits until /readyz answers 200 (after a start, or after the database came back). */
  async waitReady(timeoutMs: number, since = Date.now()): Promise<number> {
    while (Date.now() - since < timeoutMs) {
      if (!this.running) throw new Error(`Mend exited (${this.child?.exitCode ?? this.child?.signalCode}): ${this.stderr}`);
      try {
        const res = await fetch(`${this.base}/readyz`);
        await res.arrayBuffer();
        if (res.ok) return Date.now() - since;
      } catch {
        // not listening yet
      }
      await sleep(25);
    }
    throw new Error(`Mend did not become ready in ${timeoutMs} ms: ${this.stderr}`);
  }

  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const child = this.child;
    if (!child || !this.running) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill(signal);
    await exited;
  }

  /** Heap and RSS after a forced GC in the server (only with `withGc`). */
  async memory(): Promise<MemoryFigures> {
    if (!this.options.withGc) throw new Error('memory() needs a server started withGc');
    const answer = await this.ask({ type: 'memory' }, 'memory');
    return answer.usage as MemoryFigures;
  }

  /** Sets the server's wall clock to the real one plus `offsetMs` (only with `steppedClock`); resolves with its new time. */
  async stepClock(offsetMs: number): Promise<string> {
    if (!this.options.steppedClock) throw new Error('stepClock() needs a server started with steppedClock');
    const answer = await this.ask({ type: 'clock', offsetMs }, 'clock-set');
    return String(answer.now);
  }

  private ask(message: { type: string } & Record<string, unknown>, answerType: string): Promise<any> {
    const child = this.child;
    if (!child?.send) throw new Error('the server has no IPC channel');
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the server did not answer ${message.type}`)), 30_000);
      const onMessage = (answer: any) => {
        if (answer?.type !== answerType) return;
        clearTimeout(timer);
        child.off('message', onMessage);
        resolve(answer);
      };
      child.on('message', onMessage);
      child.send(message);
    });
  }
}

/** Runs `mend <args>` (the built CLI) against a data dir and database; resolves with its output. */
export async function runMendCli(
  args: string[],
  dataDir: string,
  databaseUrl?: string | null,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [MEND_CLI, ...args], { env: mendEnv(dataDir, databaseUrl), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += String(c)));
    child.stderr.on('data', (c) => (stderr += String(c)));
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}
