// The fast form of the PostgreSQL crash-durability run (scripts/reliability/crash-postgres.ts):
// a private cluster (never the shared server) is killed with SIGKILL 3 times under write load;
// Mend must stay up, answer 5xx (never a false success) while the database is gone, come back
// by itself, and every acknowledged write must be read back intact. `npm run reliability` runs
// the full form (20 kills).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../../src/platform/http/paths.js';
import { FAST_PG, runPostgresCrash } from '../../scripts/reliability/crash-postgres.js';
import { privateClusterUnavailable } from '../../scripts/reliability/postgres-cluster.js';

const built = fs.existsSync(path.join(projectRoot(), 'dist', 'main.js'));
const required = process.env.CI === 'true' || process.env.MEND_REQUIRE_POSTGRES === '1';
const unavailable = privateClusterUnavailable();
if (unavailable && !required) process.stderr.write(`SKIPPED: PostgreSQL crash run: ${unavailable}\n`);

test(
  'no acknowledged write is lost when the PostgreSQL server is killed, and Mend survives the outage (3 SIGKILLs)',
  { skip: (!built && 'run `npm run build` first (npm test does)') || (unavailable && !required && unavailable) || false, timeout: 120_000 },
  async () => {
    assert.equal(unavailable, null, `PostgreSQL is required here (CI or MEND_REQUIRE_POSTGRES=1): ${unavailable}`);
    const report = await runPostgresCrash({ ...FAST_PG, seed: Date.now() });
    const context = `seed ${report.seed}: ${JSON.stringify({ lost: report.lost, corrupted: report.corrupted, unexpected: report.unexpected.slice(0, 5), mendExits: report.mendExits, amcheck: report.amcheck })}`;
    assert.deepEqual(report.mendExits, [], context);
    assert.equal(report.kills, 3, context);
    assert.ok(
      report.processesKilled.every((n) => n >= 2),
      `the postmaster and its backends were killed: ${report.processesKilled}`,
    );
    assert.ok(
      report.acknowledged.checkins > 0 && report.acknowledged.entries > 0,
      `the load wrote something: ${JSON.stringify(report.acknowledged)}`,
    );
    assert.deepEqual(report.lost, [], context);
    assert.deepEqual(report.corrupted, [], context);
    assert.deepEqual(report.unexpected, [], context);
    assert.deepEqual(report.amcheck, ['ok', 'ok', 'ok'], context);
    // While the database was down Mend answered, and never with a success: only 5xx or a cut-off.
    assert.ok(
      Object.keys(report.outageAnswers).every((k) => /^(5\d\d|no answer|\/readyz 503)$/.test(k)),
      JSON.stringify(report.outageAnswers),
    );
    assert.equal(report.outageAnswers['/readyz 503'], 3, `readiness reports the outage: ${JSON.stringify(report.outageAnswers)}`);
  },
);
