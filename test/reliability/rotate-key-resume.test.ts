// The fast form of the rotate-key run (scripts/reliability/rotate-key-resume.ts): `mend rotate-key`
// SIGKILLed, then its resume SIGKILLed, then resumed to the end. After every kill the database is
// whole and every acknowledged write reads back; at the end every value is under the newest key.
// `npm run reliability -- rotate-key` runs the full form.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { MAIN } from '../../scripts/reliability/mend-server.js';
import { FAST_ROTATE, runRotateKeyResume } from '../../scripts/reliability/rotate-key-resume.js';

test(
  'an interrupted mend rotate-key leaves everything readable and a resume finishes it (2 SIGKILLs, SQLite)',
  { skip: !fs.existsSync(MAIN) && 'run `npm run build` first (npm test does)', timeout: 240_000 },
  async () => {
    const report = await runRotateKeyResume({ ...FAST_ROTATE, seed: Date.now() });
    const context = `seed ${report.seed}: ${JSON.stringify({ lost: report.lost, corrupted: report.corrupted, unexpected: report.unexpected.slice(0, 5), interruptions: report.interruptions })}`;
    assert.equal(report.kills, FAST_ROTATE.kills);
    assert.ok(report.values.total > 0);
    assert.equal(report.values.onNewest, report.values.total, `every value ends under the newest key: ${context}`);
    assert.ok(
      report.integrityChecks.every((r) => r === 'ok'),
      context,
    );
    assert.ok(report.acknowledged.total > 0, 'the load wrote something');
    assert.deepEqual(report.unexpected, [], context);
    assert.deepEqual(report.lost, [], context);
    assert.deepEqual(report.corrupted, [], context);
  },
);
