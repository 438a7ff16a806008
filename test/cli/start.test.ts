import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { projectRoot } from '../../src/platform/http/paths.js';

const main = path.join(projectRoot(), 'dist', 'main.js');

async function waitForReady(url: string, child: { exitCode: number | null }): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (child.exitCode !== null) throw new Error(`Mend exited with ${child.exitCode}`);
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

test(
  'the built server honours PORT and MEND_DATA_DIR, answers /readyz, and exits 0 on SIGTERM',
  { skip: !fs.existsSync(main) && 'run `npm run build` first (npm test does)' },
  async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mend-start-'));
    const port = 30000 + Math.floor(Math.random() * 20000);
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
      const port = 30000 + Math.floor(Math.random() * 20000);
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
