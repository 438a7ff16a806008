import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDatabase } from '../support/app.js';
import { couple } from '../support/api-client.js';
import { pagesAs } from '../support/live-people.js';
import { AUTOMATIC } from '../../src/platform/web/automatic.js';

/**
 * What a page's scripts ask by themselves — a live section fetched again, a live stream's address
 * asked before reopening it — never extends the session; a person's own request does. An
 * unattended tab must reach the 30-day idle limit however long the partner keeps checking in.
 */
describeEachDatabase('requests a page makes by itself', (get) => {
  test('a live section and the stream address asked plainly leave the session as it was; a page opened by the person extends it', async () => {
    const app = get().app;
    const { a, b, spaceId } = await couple(app);
    const canary = `canary-automatic-${Date.now()}`;
    const today = new Date().toISOString().slice(0, 10);
    assert.equal(
      (
        await a.api.put(`/api/v1/spaces/${spaceId}/checkins/${today}`, {
          safety: 6,
          closeness: 5,
          trust: 4,
          note: { text: canary, visibility: 'private' },
        })
      ).statusCode,
      201,
    );
    const pages = await pagesAs(app, b);
    const db = app.mend.store.db;
    // Seen an hour ago: a person's request now would extend the session.
    const lastSeenAt = new Date(Date.now() - 60 * 60 * 1000).toISOString();
    const expiresAt = new Date(Date.now() + 24 * 60 * 60 * 1000).toISOString();
    const age = () =>
      db.updateTable('sessions').set({ last_seen_at: lastSeenAt, expires_at: expiresAt }).where('account_id', '=', b.id).execute();
    const seen = async () =>
      (await db.selectFrom('sessions').select(['last_seen_at', 'expires_at']).where('account_id', '=', b.id).execute()).map((r) => [
        String(r.last_seen_at),
        String(r.expires_at),
      ]);
    await age();
    const cookies = pages.cookies;
    const automatic = { [AUTOMATIC]: '1' };

    for (const fragment of ['partner-today', 'progress', 'reassurance', 'agreement-log']) {
      const res = await app.inject({
        method: 'GET',
        url: `/spaces/${spaceId}/live/${fragment}`,
        cookies,
        headers: { accept: 'text/html', ...automatic },
      });
      assert.equal(res.statusCode, 200, `${fragment}: ${res.body.slice(0, 200)}`);
      assert.ok(!res.body.includes(canary), `${fragment}: the partner's private note is not in it`);
    }
    const asked = await app.inject({
      method: 'GET',
      url: `/spaces/${spaceId}/live`,
      cookies,
      headers: { accept: 'application/json', ...automatic },
    });
    assert.equal(asked.statusCode, 400, 'the plain ask is told to ask for an event stream: it would be let in');
    const api = await app.inject({
      method: 'GET',
      url: `/api/v1/spaces/${spaceId}/progress`,
      headers: { authorization: `Bearer ${b.api.token}`, ...automatic },
    });
    assert.equal(api.statusCode, 200);
    assert.deepEqual(
      await seen(),
      [
        [lastSeenAt, expiresAt],
        [lastSeenAt, expiresAt],
      ],
      'neither session was extended',
    );

    // The same section asked by the person (no header): the session is used, and extended.
    assert.equal((await pages.get(`/spaces/${spaceId}/live/progress`)).statusCode, 200);
    const after = await seen();
    assert.ok(
      after.some(([seenAt, expires]) => seenAt! > lastSeenAt && expires! > expiresAt),
      JSON.stringify(after),
    );
  });
});
