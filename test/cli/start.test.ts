import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { projectRoot } from '../../src/platform/http/paths.js';
import { createTestDatabase, skipReason } from '../support/databases.js';
import { databaseProxy, throughPort } from '../support/database-proxy.js';
import { serverPort } from '../support/ports.js';

const main = path.join(projectRoot(), 'dist', 'main.js');

/**
 * Waits for the server to answer `url`. A minute, not ten seconds: on a shared, loaded 2-core
 * machine a start that migrates a fresh PostgreSQL database took longer than ten; a server that
 * exits still fails at once.
 */
async function waitForReady(url: string, child: ChildProcess): Promise<void> {
  // What the server said is kept, so a start that fails says why (a port taken, a database refused).
  let said = '';
  child.stderr?.on('data', (chunk: Buffer) => (said = (said + chunk.toString('utf8')).slice(-4000)));
  child.stdout?.on('data', (chunk: Buffer) => (said = (said + chunk.toString('utf8')).slice(-4000)));
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`Mend exited with ${child.exitCode}: ${said}`);
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('Mend did not become ready');
}

/**
 * Stops a server the test started. One that has already exited is not waited for: its 'exit' has
 * been emitted, and waiting for it again held the file until the run's ten-minute limit.
 */
async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

test(
  'the built server honours PORT and MEND_DATA_DIR, answers /readyz, and exits 0 on SIGTERM',
  { skip: !fs.existsSync(main) && 'run `npm run build` first (npm test does)' },
  async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mend-start-'));
    const port = serverPort();
    const child = spawn(process.execPath, [main], {
      env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', MEND_DATA_DIR: dir, LOG_LEVEL: 'warn' },
      stdio: 'pipe',
    });
    try {
      await waitForReady(`http://127.0.0.1:${port}/readyz`, child);
      assert.ok(fs.existsSync(path.join(dir, 'mend.db')), 'the database is created in MEND_DATA_DIR');
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      child.kill('SIGTERM');
      assert.equal(await exited, 0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
);

test(
  'invalid configuration stops start-up with a clear message',
  { skip: !fs.existsSync(main) && 'run `npm run build` first' },
  async () => {
    const child = spawn(process.execPath, [main], { env: { ...process.env, PORT: 'not-a-port' }, stdio: 'pipe' });
    let stderr = '';
    child.stderr.on('data', (c) => (stderr += String(c)));
    const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    assert.equal(code, 2);
    assert.match(stderr, /Mend cannot start: PORT must be a whole number/);
  },
);

test('the bundled server keeps the names of classes and functions', { skip: !fs.existsSync(main) && 'run `npm run build` first' }, () => {
  // Bundling renames clashing identifiers (Error → Error2); libraries that read constructor.name
  // then misbehave. esbuild's keepNames restores each name through its __name helper.
  const source = fs.readFileSync(main, 'utf8');
  assert.match(source, /__name\((?:this|MendError\d*),\s*"MendError"\)/);
});

test(
  'the bundle’s name helper still names a renamed function, and leaves alone one that has its name',
  { skip: !fs.existsSync(main) && 'run `npm run build` first' },
  () => {
    // scripts/bundle-server.mjs rewrites esbuild's helper so that a function made on every request
    // costs no Object.defineProperty; what it does to a name must not change.
    const source = fs.readFileSync(main, 'utf8');
    const helper = /(__name=\(target,value\)=>.*?configurable:!0}\))/.exec(source)?.[1];
    assert.ok(helper, 'the __name helper is in the bundle');
    const defined: string[] = [];
    const defineProperty = (target: object, key: string, descriptor: PropertyDescriptor) => {
      defined.push(String(descriptor.value));
      return Object.defineProperty(target, key, descriptor);
    };
    const __name = new Function('__defProp', `const ${helper}; return __name;`)(defineProperty) as <T>(f: T, name: string) => T;
    const Error2 = class Error2 extends Error {};
    assert.equal(__name(Error2, 'Error').name, 'Error');
    const anonymous = [() => 1][0]!;
    assert.equal(__name(anonymous, 'answer').name, 'answer');
    function next(): void {}
    assert.equal(__name(next, 'next'), next);
    assert.equal(next.name, 'next');
    // Only the two names that differed were set.
    assert.deepEqual(defined, ['Error', 'answer']);
    assert.deepEqual(Object.getOwnPropertyDescriptor(Error2, 'name'), {
      value: 'Error',
      writable: false,
      enumerable: false,
      configurable: true,
    });
  },
);

test(
  'with data in the database and its key file gone, Mend refuses to start, names the key and where it looked, and is never ready',
  { skip: !fs.existsSync(main) && 'run `npm run build` first' },
  async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mend-start-key-'));
    const env = (port: number) => ({
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      MEND_DATA_DIR: dir,
      LOG_LEVEL: 'warn',
      MEND_ENCRYPTION_KEY: '',
      DATABASE_URL: '',
    });
    try {
      const port = serverPort();
      const first = spawn(process.execPath, [main], { env: env(port), stdio: 'pipe' });
      let firstLog = '';
      first.stdout.on('data', (c) => (firstLog += String(c)));
      try {
        await waitForReady(`http://127.0.0.1:${port}/readyz`, first);
        const made = await fetch(`http://127.0.0.1:${port}/api/v1/accounts`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email: 'alex@example.org', password: 'quiet harbour lantern meadow', displayName: 'Alex' }),
        });
        assert.equal(made.status, 201);
        const exited = new Promise((resolve) => first.on('exit', resolve));
        first.kill('SIGTERM');
        await exited;
      } finally {
        if (first.exitCode === null) first.kill('SIGKILL');
      }
      assert.match(firstLog, /Created a new encryption key in .*mend\.key\. Back this file up now/);
      const keyId = (JSON.parse(fs.readFileSync(path.join(dir, 'mend.key'), 'utf8')) as { current: string }).current;
      fs.rmSync(path.join(dir, 'mend.key'));

      const second = spawn(process.execPath, [main], { env: env(port), stdio: 'pipe' });
      let stderr = '';
      second.stderr.on('data', (c) => (stderr += String(c)));
      const code = new Promise<number | null>((resolve) => second.on('exit', resolve));
      // Until it exits, /readyz never says ready.
      while (second.exitCode === null) {
        const res = await fetch(`http://127.0.0.1:${port}/readyz`).catch(() => null);
        assert.ok(res === null || !res.ok, '/readyz said ready');
        await new Promise((r) => setTimeout(r, 50));
      }
      assert.equal(await code, 2);
      assert.match(stderr, /Mend cannot start: The database holds text encrypted with key /);
      assert.ok(stderr.includes(keyId), stderr);
      assert.ok(stderr.includes(path.join(dir, 'mend.key')), stderr);
      assert.ok(!fs.existsSync(path.join(dir, 'mend.key')), 'no new key file was made');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
);

/** Runs dist/main.js with `env` until it exits; its exit code, stdout and stderr. */
async function runToExit(
  env: Record<string, string>,
  options: { uid?: number; gid?: number; limitMs?: number } = {},
): Promise<{ code: number | null; signal: string | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [main], {
    env: { ...process.env, HOST: '127.0.0.1', LOG_LEVEL: 'warn', MEND_ENCRYPTION_KEY: '', DATABASE_URL: '', ...env },
    stdio: 'pipe',
    ...(options.uid !== undefined ? { uid: options.uid, gid: options.gid } : {}),
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c) => (stdout += String(c)));
  child.stderr.on('data', (c) => (stderr += String(c)));
  // A start that hangs is a failure too: it is stopped so the test can say so.
  const timer = setTimeout(() => child.kill('SIGKILL'), options.limitMs ?? 30_000);
  const [code, signal] = await new Promise<[number | null, string | null]>((resolve) => child.on('exit', (c, s) => resolve([c, s])));
  clearTimeout(timer);
  return { code, signal, stdout, stderr };
}

const built = { skip: !fs.existsSync(main) && 'run `npm run build` first' };
const freshPort = () => String(serverPort());

test('the incremental build cache lives inside dist, so `npm run build` after deleting dist compiles everything again', () => {
  const options = JSON.parse(fs.readFileSync(path.join(projectRoot(), 'tsconfig.build.json'), 'utf8')).compilerOptions;
  assert.equal(options.outDir, 'dist');
  assert.ok(String(options.tsBuildInfoFile).startsWith('dist/'), options.tsBuildInfoFile);
});

test('a malformed DATABASE_URL stops start-up in one line that never shows its password', built, async () => {
  for (const value of ['postgres://mend:canary-pw-81@db.example:notaport/mend', 'mysql://mend:canary-pw-81@db.example/mend']) {
    const run = await runToExit({ PORT: freshPort(), DATABASE_URL: value });
    assert.equal(run.code, 2, run.stderr);
    assert.equal(run.stderr.trim().split('\n').length, 1, run.stderr);
    assert.match(run.stderr, /^Mend cannot start: DATABASE_URL must look like postgres:\/\/user:password@host:5432\/database/);
    assert.ok(!`${run.stdout}${run.stderr}`.includes('canary-pw-81'), 'the password was shown');
  }
});

test('MEND_DATA_DIR under /proc fails at once in one line (no spinning, no hang)', built, async () => {
  const run = await runToExit({ PORT: freshPort(), MEND_DATA_DIR: '/proc/x/mend' }, { limitMs: 15_000 });
  assert.equal(run.code, 2, `${run.signal} ${run.stderr}`);
  assert.equal(run.stderr.trim().split('\n').length, 1, run.stderr);
  assert.match(run.stderr, /^Mend cannot start: The data folder \/proc\/x\/mend cannot be used .*set MEND_DATA_DIR/);
});

test('a data folder path through a file says so', built, async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mend-start-file-'));
  try {
    fs.writeFileSync(path.join(dir, 'a-file'), '');
    const run = await runToExit({ PORT: freshPort(), MEND_DATA_DIR: path.join(dir, 'a-file', 'data') });
    assert.equal(run.code, 2, run.stderr);
    assert.match(
      run.stderr,
      /^Mend cannot start: The data folder .*a-file\/data cannot be used: a part of that path is a file, not a folder/,
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

// As root, permissions do not stop anything: the server is then started as nobody (65534).
const asRoot = process.getuid?.() === 0;
const unprivileged = asRoot ? { uid: 65534, gid: 65534 } : {};

test('an unwritable data folder names the folder and what to do, not a raw EACCES', built, async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mend-start-ro-'));
  try {
    fs.chmodSync(dir, 0o755);
    fs.mkdirSync(path.join(dir, 'data'), { mode: 0o555 });
    const existing = await runToExit({ PORT: freshPort(), MEND_DATA_DIR: path.join(dir, 'data') }, unprivileged);
    assert.equal(existing.code, 2, existing.stderr);
    assert.equal(existing.stderr.trim().split('\n').length, 1, existing.stderr);
    assert.match(
      existing.stderr,
      /^Mend cannot start: The data folder .*\/data is not writable by the user Mend runs as \(uid \d+\)\. .*chown .*MEND_DATA_DIR/,
    );
    assert.ok(!existing.stderr.includes('EACCES'), existing.stderr);

    const missing = await runToExit({ PORT: freshPort(), MEND_DATA_DIR: path.join(dir, 'data', 'inner') }, unprivileged);
    assert.equal(missing.code, 2, missing.stderr);
    assert.match(
      missing.stderr,
      /^Mend cannot start: The data folder .*\/data\/inner does not exist and the user Mend runs as \(uid \d+\) may not create it/,
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test(
  'an installed, built checkout starts without writing to its code folder',
  { skip: built.skip || (!asRoot && 'starts the server as another user: needs root') },
  async () => {
    // The code folder is this checkout, owned by root: the server started as nobody cannot write to it.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mend-start-user-'));
    fs.chmodSync(dir, 0o777);
    const port = freshPort();
    const child = spawn(process.execPath, [main], {
      env: {
        ...process.env,
        PORT: port,
        HOST: '127.0.0.1',
        MEND_DATA_DIR: path.join(dir, 'data'),
        LOG_LEVEL: 'warn',
        DATABASE_URL: '',
        MEND_ENCRYPTION_KEY: '',
      },
      stdio: 'pipe',
      ...unprivileged,
    });
    try {
      await waitForReady(`http://127.0.0.1:${port}/healthz`, child);
      assert.equal((await fetch(`http://127.0.0.1:${port}/sign-in`)).status, 200);
    } finally {
      await stop(child);
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
);

test('start-up waits for PostgreSQL, saying so, and starts once it answers', async (t) => {
  const skip = built.skip || (await skipReason('postgres'));
  if (skip) return t.skip(String(skip));
  const database = await createTestDatabase('postgres');
  const proxy = await databaseProxy({ host: '127.0.0.1', port: Number(new URL(database.databaseUrl!).port || 5432) });
  await proxy.cut();
  const port = freshPort();
  const child = spawn(process.execPath, [main], {
    env: {
      ...process.env,
      PORT: port,
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      MEND_DATA_DIR: database.dataDir,
      DATABASE_URL: throughPort(database.databaseUrl!, proxy.port).replace('postgres://postgres@', 'postgres://postgres:canary-pw-82@'),
      MEND_DB_WAIT_SECONDS: '60',
    },
    stdio: 'pipe',
  });
  let stdout = '';
  child.stdout.on('data', (c) => (stdout += String(c)));
  try {
    while (!stdout.includes('Waiting for PostgreSQL')) {
      assert.equal(child.exitCode, null, 'Mend exited instead of waiting');
      await new Promise((r) => setTimeout(r, 50));
    }
    assert.match(
      stdout,
      new RegExp(`Waiting for PostgreSQL at 127\\.0\\.0\\.1:${proxy.port}/mend_test_\\w+ \\(connection refused\\); giving up in \\d+ s\\.`),
    );
    assert.equal((await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => null))?.status, undefined, 'not listening while waiting');
    await proxy.restore();
    await waitForReady(`http://127.0.0.1:${port}/readyz`, child);
    assert.match(stdout, /PostgreSQL at .* answers; starting\./);
    assert.ok(!stdout.includes('canary-pw-82'), 'the password was logged');
  } finally {
    await stop(child);
    await proxy.close();
    await database.drop();
  }
});

test('PostgreSQL that never answers: a clear line and a non-zero exit after MEND_DB_WAIT_SECONDS; SIGTERM while waiting stops it', async (t) => {
  const skip = built.skip || (await skipReason('postgres'));
  if (skip) return t.skip(String(skip));
  const proxy = await databaseProxy({ host: '127.0.0.1', port: 5432 });
  await proxy.cut();
  const url = `postgres://mend:canary-pw-83@127.0.0.1:${proxy.port}/mend`;
  try {
    const run = await runToExit({ PORT: freshPort(), DATABASE_URL: url, MEND_DB_WAIT_SECONDS: '2' });
    assert.equal(run.code, 2, run.stderr);
    assert.equal(run.stderr.trim().split('\n').length, 1, run.stderr);
    assert.match(
      run.stderr,
      /^Mend cannot start: PostgreSQL at 127\.0\.0\.1:\d+\/mend did not answer within 2 s \(connection refused\)\. Start it, or raise MEND_DB_WAIT_SECONDS\./,
    );
    assert.match(run.stdout, /Waiting for PostgreSQL/);
    assert.ok(!`${run.stdout}${run.stderr}`.includes('canary-pw-83'));

    const child = spawn(process.execPath, [main], {
      env: { ...process.env, PORT: freshPort(), HOST: '127.0.0.1', LOG_LEVEL: 'warn', DATABASE_URL: url, MEND_DB_WAIT_SECONDS: '600' },
      stdio: 'pipe',
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += String(c)));
    child.stderr.on('data', (c) => (stderr += String(c)));
    // A server that exits instead of waiting fails here at once, not at the run's ten-minute limit.
    while (!stdout.includes('Waiting for PostgreSQL')) {
      assert.ok(child.exitCode === null && child.signalCode === null, `Mend exited instead of waiting: ${stderr}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    const exited = new Promise((r) => child.on('exit', r));
    child.kill('SIGTERM');
    const stopped = await Promise.race([exited.then(() => true), new Promise((r) => setTimeout(() => r(false), 10_000))]);
    if (!stopped) child.kill('SIGKILL');
    assert.ok(stopped, 'SIGTERM did not stop a start-up waiting for PostgreSQL');
  } finally {
    await proxy.close();
  }
});

test('PostgreSQL refusing the role stops start-up at once, without waiting and without the password', async (t) => {
  const skip = built.skip || (await skipReason('postgres'));
  if (skip) return t.skip(String(skip));
  const run = await runToExit({
    PORT: freshPort(),
    DATABASE_URL: 'postgres://no_such_role_21:canary-pw-84@127.0.0.1:5432/postgres',
    MEND_DB_WAIT_SECONDS: '600',
  });
  assert.equal(run.code, 2, run.stderr);
  assert.match(
    run.stderr,
    /^Mend cannot start: PostgreSQL at 127\.0\.0\.1:5432\/postgres refused the user name or password in DATABASE_URL\.\n$/,
  );
  assert.ok(!`${run.stdout}${run.stderr}`.includes('canary-pw-84'));
});
