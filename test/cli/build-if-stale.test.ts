// `npm start`'s prestart (scripts/build-if-stale.mjs) must cost nothing on a built checkout and
// never try to build where it cannot (issue #21). Each case runs the real script from a copy of
// it in a throwaway "checkout" whose file times are set by hand.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { projectRoot } from '../../src/platform/http/paths.js';

function checkout(options: { built: boolean; sourcesNewer: boolean }): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'mend-stale-'));
  fs.mkdirSync(path.join(root, 'scripts'));
  fs.copyFileSync(path.join(projectRoot(), 'scripts', 'build-if-stale.mjs'), path.join(root, 'scripts', 'build-if-stale.mjs'));
  fs.writeFileSync(path.join(root, 'package.json'), '{}');
  fs.mkdirSync(path.join(root, 'src'));
  fs.writeFileSync(path.join(root, 'src', 'main.ts'), '');
  const old = new Date('2026-01-01T00:00:00Z');
  const recent = new Date('2026-06-01T00:00:00Z');
  for (const file of ['package.json', 'src/main.ts', 'src', 'scripts/build-if-stale.mjs', 'scripts']) {
    fs.utimesSync(path.join(root, file), old, old);
  }
  if (options.built) {
    fs.mkdirSync(path.join(root, 'dist'));
    fs.writeFileSync(path.join(root, 'dist', 'main.js'), '');
    fs.utimesSync(path.join(root, 'dist', 'main.js'), recent, recent);
  }
  if (options.sourcesNewer) fs.utimesSync(path.join(root, 'src', 'main.ts'), new Date(), new Date());
  return root;
}

function run(root: string) {
  // No npm_execpath: were it to build, it would run `npm run build`, which this checkout has not.
  const env = { ...process.env };
  delete env.npm_execpath;
  return spawnSync(process.execPath, [path.join(root, 'scripts', 'build-if-stale.mjs')], { cwd: root, env, encoding: 'utf8' });
}

test('a built checkout whose sources are older than dist starts at once: nothing said, nothing built', () => {
  const root = checkout({ built: true, sourcesNewer: false });
  try {
    const result = run(root);
    assert.equal(result.status, 0, result.stderr);
    assert.equal(result.stderr, '');
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});

test('sources newer than dist without the build tools: it says so and starts what is built', () => {
  const root = checkout({ built: true, sourcesNewer: true });
  try {
    const result = run(root);
    assert.equal(result.status, 0, result.stderr);
    assert.match(
      result.stderr,
      /the sources are newer than dist\/, but the build tools \(dev dependencies\) are not installed; starting the built server as it is/,
    );
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});

test('not built and nothing to build with: a clear refusal, exit 1', () => {
  const root = checkout({ built: false, sourcesNewer: false });
  try {
    const result = run(root);
    assert.equal(result.status, 1);
    assert.match(result.stderr, /^Mend is not built and cannot be built here: .*Run `npm ci` \(it builds\)/);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});
