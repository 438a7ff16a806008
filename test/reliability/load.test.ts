// The fast form of the load run (scripts/reliability/load.ts): 20 seeded couples using Mend at
// once for 10 s, twice, against one server process — every request answered as expected, the
// server still up. Memory after a forced GC is printed, not asserted (on a shared 2-core
// machine it is not steady enough for CI); `npm run reliability` runs 200 couples × 60 s × 3
// and judges memory growth there.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../../src/platform/http/paths.js';
import { FAST_LOAD, runLoad } from '../../scripts/reliability/load.js';

const built = fs.existsSync(path.join(projectRoot(), 'dist', 'main.js'));
const MiB = 1024 * 1024;

test(
  '20 couples × 10 s, twice, against one server: no errors',
  { skip: !built && 'run `npm run build` first (npm test does)', timeout: 120_000 },
  async () => {
    const report = await runLoad({ ...FAST_LOAD, seed: Date.now() });
    const memory = report.runs.map(
      (r, i) => `run ${i + 1}: heap ${(r.memoryAfter.heapUsed / MiB).toFixed(1)} MiB, RSS ${(r.memoryAfter.rss / MiB).toFixed(1)} MiB`,
    );
    process.stderr.write(`load (fast form): ${report.totalRequests} requests, ${report.totalErrors} errors; ${memory.join('; ')}\n`);
    assert.equal(report.runs.length, 2);
    assert.deepEqual(
      report.runs.map((r) => r.errorSamples),
      [[], []],
    );
    assert.equal(report.totalErrors, 0);
    for (const run of report.runs) {
      for (const action of ['check-in PUT', 'progress GET', 'entries GET', 'entry POST'])
        assert.ok((run.byAction[action] ?? 0) > 0, `every kind of request was made: ${JSON.stringify(run.byAction)}`);
    }
  },
);
