// The fast form of the crash-durability run (scripts/reliability/crash.ts): 3 SIGKILLs of the built
// server under a small concurrent load; every acknowledged write must be read back intact and
// the SQLite file must pass `PRAGMA integrity_check`. `npm run reliability` runs the full form.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../../src/platform/http/paths.js';
import { FAST, runCrash } from '../../scripts/reliability/crash.js';

const main = path.join(projectRoot(), 'dist', 'main.js');

test(
  'no acknowledged check-in or journey entry is lost when the server is killed (3 SIGKILLs, SQLite)',
  { skip: !fs.existsSync(main) && 'run `npm run build` first (npm test does)', timeout: 60_000 },
  async () => {
    const report = await runCrash({ ...FAST, seed: Date.now() });
    const context = `seed ${report.seed}: ${JSON.stringify({ lost: report.lost, corrupted: report.corrupted, unexpected: report.unexpected.slice(0, 5) })}`;
    assert.equal(report.kills, 3);
    assert.ok(
      report.acknowledged.checkins > 0 && report.acknowledged.entries > 0,
      `the load wrote something: ${JSON.stringify(report.acknowledged)}`,
    );
    assert.deepEqual(report.lost, [], context);
    assert.deepEqual(report.corrupted, [], context);
    assert.deepEqual(report.unexpected, [], context);
    assert.deepEqual(report.integrityChecks, ['ok', 'ok', 'ok', 'ok'], context);
    assert.ok(report.durationMs < 60_000, `took ${report.durationMs} ms`);
  },
);
