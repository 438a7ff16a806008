import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDatabase, json } from '../support/app.js';
import { couple } from '../support/api-client.js';

/**
 * What a saved change caused is told in one place (src/features/act.ts). A live update that fails
 * must not cost the partner their notification, must not turn the saved change into an error, and
 * is reported to the operator by kind only — never with what anyone wrote.
 */
describeEachDatabase('telling people after a saved change', (get) => {
  test('a live update that fails: the change is saved, the partner is still notified, the operator is told which kind', async () => {
    const { app } = get();
    const { a, b, spaceId } = await couple(app);
    const reported: Array<{ what: string; error: unknown }> = [];
    const publishLive = app.mend.live.publish;
    const reportUntold = app.mend.reportUntold;
    app.mend.live.publish = async () => {
      throw new Error('the live channel is down');
    };
    app.mend.reportUntold = (what, error) => reported.push({ what, error });
    try {
      const asked = await b.api.post(`/api/v1/spaces/${spaceId}/reassurance-requests`, {
        note: { text: 'Only for me: I keep checking your phone.', visibility: 'private' },
      });
      assert.equal(asked.statusCode, 201, asked.body);
    } finally {
      app.mend.live.publish = publishLive;
      app.mend.reportUntold = reportUntold;
    }
    const told = json(await a.api.get('/api/v1/me/notifications')).notifications.map((n: { message: string }) => n.message);
    assert.ok(told.includes('Your partner asked for reassurance.'), JSON.stringify(told));
    assert.deepEqual(
      reported.map((r) => r.what),
      ['live:reassurance_requested'],
    );
    assert.ok(!JSON.stringify(reported).includes('checking your phone'));
  });
});
