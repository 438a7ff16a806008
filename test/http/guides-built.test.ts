import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { projectRoot } from '../../src/platform/http/paths.js';
import { serverPort } from '../support/ports.js';

/**
 * The guides ship with the build (issue #25): the built server, started from dist/ as `npm start`
 * and the container image do, serves a guide read from dist/content/guides, not from the sources.
 */

const main = path.join(projectRoot(), 'dist', 'main.js');

test(
  'the built server serves the guides from dist/',
  { skip: !fs.existsSync(main) && 'run `npm run build` first (npm test does)' },
  async () => {
    assert.ok(
      fs.existsSync(path.join(projectRoot(), 'dist', 'content', 'guides', 'affair', 'triggers.md')),
      'the build copies the guides into dist',
    );
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mend-guides-'));
    const port = serverPort();
    // Started from a copy of dist/ alone, like the image's /app/dist, so a guide read from the
    // repository's content/ folder would fail this test.
    const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'mend-dist-'));
    fs.cpSync(path.join(projectRoot(), 'dist'), path.join(copy, 'dist'), { recursive: true });
    fs.copyFileSync(path.join(projectRoot(), 'package.json'), path.join(copy, 'package.json'));
    fs.symlinkSync(path.join(projectRoot(), 'node_modules'), path.join(copy, 'node_modules'));
    const child = spawn(process.execPath, [path.join(copy, 'dist', 'main.js')], {
      env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', MEND_DATA_DIR: dir, LOG_LEVEL: 'warn' },
      stdio: 'pipe',
    });
    try {
      let ready = false;
      for (let i = 0; i < 400 && !ready; i++) {
        if (child.exitCode !== null) throw new Error(`Mend exited with ${child.exitCode}`);
        ready = await fetch(`http://127.0.0.1:${port}/readyz`).then(
          (r) => r.ok,
          () => false,
        );
        if (!ready) await new Promise((r) => setTimeout(r, 50));
      }
      assert.ok(ready, 'the built server became ready');
      const guide = await fetch(`http://127.0.0.1:${port}/guides/affair/triggers`);
      assert.equal(guide.status, 200);
      const body = await guide.text();
      assert.match(body, /<h1>After an affair: triggers, and how to answer them<\/h1>/);
      assert.match(body, /<h2>Sources<\/h2>/);
      const index = await fetch(`http://127.0.0.1:${port}/guides`);
      assert.equal(index.status, 200);
      assert.match(await index.text(), /href="\/guides\/step-7\/alone"/);
    } finally {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.on('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      fs.rmSync(dir, { recursive: true, force: true });
      fs.rmSync(copy, { recursive: true, force: true });
    }
  },
);
