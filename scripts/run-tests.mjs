// Runs every *.test.ts under the given folders (default: src and test), or the given test files,
// with Node's test runner.
// Node 20's runner does not expand globs itself, so the files are found here.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const roots = process.argv.slice(2).length ? process.argv.slice(2) : ['src', 'test'];
const files = [];
function walk(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory() && entry.name !== 'node_modules') walk(full);
    else if (entry.isFile() && entry.name.endsWith('.test.ts')) files.push(full);
  }
}
for (const root of roots) {
  if (!fs.existsSync(root)) continue;
  if (fs.statSync(root).isFile()) files.push(root);
  else walk(root);
}
files.sort();
if (files.length === 0) {
  console.error('No test files found.');
  process.exit(1);
}
/**
 * Temporary files go to memory (/dev/shm) when it has room and no TMPDIR was chosen: every SQLite
 * test database, data folder and Chromium profile lives there. On disk each SQLite commit waited
 * for an fsync (synchronous=FULL), a few milliseconds each, tens of thousands of times a run; what
 * a test sees is the same (only a power cut would tell the two apart).
 */
function memoryTmpdir() {
  if (process.env.TMPDIR) return null;
  try {
    const stats = fs.statfsSync('/dev/shm');
    fs.accessSync('/dev/shm', fs.constants.W_OK);
    return stats.bavail * stats.bsize >= 2 * 1024 ** 3 ? '/dev/shm' : null;
  } catch {
    return null;
  }
}
const tmpdir = memoryTmpdir();
const result = spawnSync(
  process.execPath,
  // A test that fails with a connection still open (a live stream) would otherwise hold its file,
  // and the whole run, until CI's own limit; the slowest test takes about 2.5 minutes.
  ['--import', 'tsx', '--test', '--test-concurrency=2', '--test-timeout=600000', '--test-reporter=spec', ...files],
  { stdio: 'inherit', env: tmpdir ? { ...process.env, TMPDIR: tmpdir } : process.env },
);
process.exit(result.status ?? 1);
