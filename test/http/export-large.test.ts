import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describeEachDatabase, json } from '../support/app.js';
import { couple } from '../support/api-client.js';
import { activeTherapist } from '../support/live-people.js';
import { manyThroughStores } from '../support/paging.js';
import { exportPieces } from '../../src/features/export/export.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** The most memory the export keeps alive while it is written, over what was alive before, the pieces thrown away as they come. */
async function retainedWhileExporting(pieces: AsyncGenerator<string>): Promise<number> {
  gc();
  const before = process.memoryUsage().heapUsed;
  let most = 0;
  for await (const piece of pieces) {
    void piece;
    gc();
    most = Math.max(most, process.memoryUsage().heapUsed - before);
  }
  return most;
}

describeEachDatabase('the export at 10,000 items', (get) => {
  test('holds all of them, only what the account may see, with memory as flat at 10,000 as at 1,000', async () => {
    const { app } = get();
    const { a, b, spaceId } = await couple(app);
    const t = await activeTherapist(app, a, b, spaceId);
    // Sam's private call is the canary: it must not be in Alex's export, nor the therapist's.
    await b.api.post(`/api/v1/spaces/${spaceId}/reassurance-requests`, { note: { text: 'SamPrivateLargeCanary', visibility: 'private' } });
    await manyThroughStores(app, spaceId, b.id, 1000, (i) => `words ${i}`);
    const alex = (await app.mend.accounts.authenticate(a.api.token!))!.account;
    const atThousand = await retainedWhileExporting(await exportPieces(app.mend, alex, '/api/v1/me/export'));
    await manyThroughStores(app, spaceId, b.id, 9000, (i) => `more words ${i}`);
    const atTenThousand = await retainedWhileExporting(await exportPieces(app.mend, alex, '/api/v1/me/export'));
    // Streamed, about 0.7 MB is kept alive at either size; the text of 10,000 of each alone is 6 MB.
    assert.ok(atTenThousand < atThousand + 2 * 1024 * 1024, `retained ${atThousand} bytes at 1,000 and ${atTenThousand} at 10,000`);

    for (const person of [a, t]) {
      await person.api.post('/api/v1/sessions/current/reauthenticate', { password: person.password });
      const res = await person.api.get('/api/v1/me/export');
      assert.equal(res.statusCode, 200);
      assert.ok(!res.body.includes('SamPrivateLargeCanary'), 'no private note of the partner');
      const space = json(res).spaces[0];
      assert.equal(space.reassuranceRequests.length, 10_001);
      assert.equal(space.meetings.length, 10_000);
    }
  });
});
