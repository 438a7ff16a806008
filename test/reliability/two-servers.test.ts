// The fast form of the two-servers run (scripts/reliability/two-servers.ts): two built servers on
// one private PostgreSQL cluster (never the shared server), one of them SIGKILLed twice under write
// load. The other must answer every request as usual, and every acknowledged write must be read
// back intact through both. `npm run reliability -- two-servers` runs the full form.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { MAIN } from '../../scripts/reliability/mend-server.js';
import { privateClusterUnavailable } from '../../scripts/reliability/postgres-cluster.js';
import { FAST_TWO, runTwoServers } from '../../scripts/reliability/two-servers.js';

const required = process.env.CI === 'true' || process.env.MEND_REQUIRE_POSTGRES === '1';
const unavailable = privateClusterUnavailable();
if (unavailable && !required) process.stderr.write(`SKIPPED: two-servers run: ${unavailable}\n`);

test(
  'with one of two servers killed, the other answers as usual and no acknowledged write is lost (2 SIGKILLs, PostgreSQL)',
  {
    skip: (!fs.existsSync(MAIN) && 'run `npm run build` first (npm test does)') || (unavailable && !required && unavailable) || false,
    timeout: 180_000,
  },
  async () => {
    assert.equal(unavailable, null, `PostgreSQL is required here (CI or MEND_REQUIRE_POSTGRES=1): ${unavailable}`);
    const report = await runTwoServers({ ...FAST_TWO, seed: Date.now() });
    const context = `seed ${report.seed}: ${JSON.stringify({ lost: report.lost, corrupted: report.corrupted, unexpected: report.unexpected.slice(0, 5) })}`;
    assert.equal(report.kills, FAST_TWO.kills);
    assert.ok(report.survivorDuringOutage.answers > 0, 'the surviving server answered during the outage');
    assert.ok(
      report.acknowledged.checkins > 0 && report.acknowledged.entries > 0,
      `the load wrote something: ${JSON.stringify(report.acknowledged)}`,
    );
    assert.deepEqual(report.unexpected, [], context);
    assert.deepEqual(report.lost, [], context);
    assert.deepEqual(report.corrupted, [], context);
  },
);
