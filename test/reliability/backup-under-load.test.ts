// The fast form of the backup-during-write-load run (scripts/reliability/backup-under-load.ts): an
// online backup taken while couples write restores to a healthy database holding every write
// acknowledged before the backup began — `mend backup`/`mend restore` on SQLite, pg_dump/pg_restore
// against a private PostgreSQL cluster. `npm run reliability` runs the full form over 200 seeded couples.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../../src/platform/http/paths.js';
import { FAST_BACKUP, runBackupUnderLoad } from '../../scripts/reliability/backup-under-load.js';
import { privateClusterUnavailable } from '../../scripts/reliability/postgres-cluster.js';

const built = fs.existsSync(path.join(projectRoot(), 'dist', 'main.js'));
const notBuilt = !built && 'run `npm run build` first (npm test does)';
const required = process.env.CI === 'true' || process.env.MEND_REQUIRE_POSTGRES === '1';
const unavailable = privateClusterUnavailable();
if (unavailable && !required) process.stderr.write(`SKIPPED: pg_dump under load: ${unavailable}\n`);

test(
  'mend backup during write load restores to a healthy database with every write acknowledged before it began (SQLite)',
  { skip: notBuilt || false, timeout: 120_000 },
  async () => {
    const report = await runBackupUnderLoad({ ...FAST_BACKUP, database: 'sqlite', seed: Date.now() });
    const context = JSON.stringify({ ...report, unexpected: report.unexpected.slice(0, 5) });
    assert.equal(report.integrity, 'ok', context);
    assert.equal(report.restoredIntegrity, 'ok', context);
    assert.ok(report.acknowledgedBeforeBackup > 0, context);
    assert.deepEqual(report.lost, [], context);
    assert.deepEqual(report.corrupted, [], context);
    assert.deepEqual(report.unexpected, [], context);
    assert.ok(report.verified > 0, context);
  },
);

test(
  'pg_dump during write load restores to a database with every write acknowledged before it began (PostgreSQL)',
  { skip: notBuilt || (unavailable && !required && unavailable) || false, timeout: 120_000 },
  async () => {
    assert.equal(unavailable, null, `PostgreSQL is required here (CI or MEND_REQUIRE_POSTGRES=1): ${unavailable}`);
    const report = await runBackupUnderLoad({ ...FAST_BACKUP, database: 'postgres', seed: Date.now() });
    const context = JSON.stringify({ ...report, unexpected: report.unexpected.slice(0, 5) });
    assert.equal(report.restoredIntegrity, 'ok', context);
    assert.ok(report.acknowledgedBeforeBackup > 0, context);
    assert.deepEqual(report.lost, [], context);
    assert.deepEqual(report.corrupted, [], context);
    assert.deepEqual(report.unexpected, [], context);
    assert.ok(report.verified > 0, context);
  },
);
