// The fast form of the hostile-input run (scripts/reliability/fuzz.ts runs ≥ 10,000 requests per
// database with `npm run reliability`): requests generated from the OpenAPI document, as eight
// callers, against a world of three couples with canary texts. No 5xx, no canary reaching anyone
// the visibility rules forbid, no success with another couple's ids, couple C untouched.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDatabase } from '../support/app.js';
import { leaksIn, runFuzz, summarise } from '../support/openapi-fuzz-run.js';
import { buildWorld } from '../support/openapi-fuzz-world.js';

const REQUESTS = Number(process.env.MEND_FUZZ_REQUESTS ?? 1500);

describeEachDatabase('hostile input from the OpenAPI document (fuzzer)', (get) => {
  test(`${REQUESTS} generated requests: no 5xx, no leak, nothing of another couple's`, { timeout: 600_000 }, async (t) => {
    const seed = Number(process.env.MEND_FUZZ_SEED ?? Date.now() % 2 ** 31);
    const report = await runFuzz(get().app, { requests: REQUESTS, seed });
    const summary = summarise(report);
    for (const line of summary.split('\n').slice(0, 5)) t.diagnostic(line);
    assert.deepEqual(report.failures, [], summary);
    assert.equal(report.requests, REQUESTS, summary);
    // Not blind: the run reached real data, and most operations answered with success at least once.
    assert.ok(report.responsesWithCanaries >= REQUESTS / 100, summary);
    assert.ok(report.canaries.seenByAuthor >= 5 && report.canaries.seenByOthersAllowed >= 5, summary);
    assert.ok(report.crossIdRequests > REQUESTS / 10, summary);
    const succeeded = Object.values(report.perRoute).filter((statuses) => Object.keys(statuses).some((s) => s.startsWith('2'))).length;
    assert.ok(succeeded >= report.operations / 2, `only ${succeeded} of ${report.operations} operations ever succeeded\n${summary}`);
    assert.ok(report.healthChecks >= REQUESTS / 250, summary);
    assert.ok(report.vaultRoutesCompared >= 20, summary);
  });

  test('the leak check names a private canary shown to the partner, and stays quiet for its author', async () => {
    const world = await buildWorld(get().app);
    const privateNote = world.canaries.find(
      (c) => c.group === 'A' && c.author === 'a1' && c.visibility === 'private' && c.kind === 'checkin-note',
    )!;
    const sealed = world.canaries.find((c) => c.group === 'A' && c.kind === 'entry:trust_looks_like')!;
    const body = `{"note":"${privateNote.text}","other":"${sealed.text}"}`;
    const expected = [privateNote.text, sealed.text].sort();
    assert.deepEqual(
      leaksIn(world, 'a2', body)
        .map((c) => c.text)
        .sort(),
      expected,
    );
    assert.deepEqual(
      leaksIn(world, 'therapist', body)
        .map((c) => c.text)
        .sort(),
      expected,
    );
    assert.deepEqual(leaksIn(world, 'a1', body), []);
    assert.equal(leaksIn(world, 'b1', `${world.canaries.find((c) => c.group === 'A' && c.kind === 'space-name')!.text}`).length, 1);
  });
});
