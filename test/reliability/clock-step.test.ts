// The fast form of the clock run (scripts/reliability/clock-step.ts): the built server's wall clock
// steps backwards three times under a small write load; every request must answer as usual and
// every acknowledged write be read back intact, also after the clock is put right and a restart.
// `npm run reliability -- clock` runs the full form.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { FAST_CLOCK, runClockStep } from '../../scripts/reliability/clock-step.js';
import { MAIN } from '../../scripts/reliability/mend-server.js';

test(
  'a wall clock stepping backwards under load changes nothing for the couples (3 steps, SQLite)',
  { skip: !fs.existsSync(MAIN) && 'run `npm run build` first (npm test does)', timeout: 180_000 },
  async () => {
    const report = await runClockStep({ ...FAST_CLOCK, seed: Date.now() });
    const context = `seed ${report.seed}: ${JSON.stringify({ lost: report.lost, corrupted: report.corrupted, unexpected: report.unexpected.slice(0, 5) })}`;
    assert.equal(report.rounds, FAST_CLOCK.rounds);
    assert.equal(report.steps.length, FAST_CLOCK.rounds);
    // The server really ran behind: each step's reported time is earlier than the run's clock.
    for (const step of report.steps) assert.ok(step.offsetMinutes < 0 && Date.parse(step.serverTime) < Date.now(), JSON.stringify(step));
    assert.ok(report.afterStep.answers > 0, 'requests were answered after the steps');
    assert.ok(
      report.acknowledged.checkins > 0 && report.acknowledged.entries > 0,
      `the load wrote something: ${JSON.stringify(report.acknowledged)}`,
    );
    assert.deepEqual(report.unexpected, [], context);
    assert.deepEqual(report.lost, [], context);
    assert.deepEqual(report.corrupted, [], context);
  },
);
