import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDatabase, json } from '../support/app.js';
import { couple } from '../support/api-client.js';
import { activeTherapist, journeyAndAgreement, pagesAs } from '../support/live-people.js';

/**
 * A therapist reads the agreement log and is shown no forms. One who sends a log or review form
 * anyway gets the error page — not the log redrawn around the refusal, which would be a view the
 * access log (it records reads) does not hold — and nothing is written.
 */
describeEachDatabase('a therapist sending an agreement-log or reassurance form', (get) => {
  test('gets the refusal on the error page, without the log; nothing is logged or reviewed', async () => {
    const app = get().app;
    const { a, b, spaceId } = await couple(app);
    const canary = `canary-therapist-post-${Date.now()}`;
    const { agreementId } = await journeyAndAgreement(a, b, spaceId, `${canary} we call when late`);
    const today = new Date().toISOString().slice(0, 10);
    const logged = await a.api.post(`/api/v1/agreements/${agreementId}/log`, {
      occurredOn: today,
      kept: true,
      note: { text: `${canary} shared note`, visibility: 'shared' },
    });
    assert.equal(logged.statusCode, 201, logged.body);
    const entryId = json(logged).logEntry.id as string;
    const t = await activeTherapist(app, a, b, spaceId);
    const pages = await pagesAs(app, t);
    const page = await pages.get(`/spaces/${spaceId}/agreement-log`);
    assert.equal(page.statusCode, 200);
    assert.ok(page.body.includes(canary), 'the therapist reads the shared log (so the checks below can fail)');
    assert.ok(!page.body.includes('name="kept"'), 'and is shown no log form');
    const before = json(await a.api.get(`/api/v1/spaces/${spaceId}/agreement-log`));

    // A call of Alex's the therapist could see on the reassurance page.
    const call = await a.api.post(`/api/v1/spaces/${spaceId}/reassurance-requests`, {
      note: { text: `${canary} call`, visibility: 'shared' },
    });
    assert.equal(call.statusCode, 201, call.body);
    const callId = json(call).reassuranceRequest.id as string;
    const sends = [
      () => pages.post(`/spaces/${spaceId}/agreement-log/${agreementId}`, { occurredOn: today, kept: 'yes', note: '' }),
      () => pages.post(`/spaces/${spaceId}/agreement-log/entries/${entryId}/review`, { review: 'confirmed', note: '' }),
      () => pages.post(`/spaces/${spaceId}/reassurance/${callId}/answer`, { answer: 'I am here' }),
    ];
    for (const send of sends) {
      await pages.get(`/spaces/${spaceId}/agreement-log`); // a page with a CSRF token, as a browser would have
      const res = await send();
      assert.ok([403, 404].includes(res.statusCode), `${res.statusCode} ${res.body.slice(0, 300)}`);
      assert.ok(!res.body.includes(canary), 'the refusal does not redraw the log');
      assert.ok(!res.body.includes('data-live-fragment'), 'no live section of the log page either');
    }
    assert.deepEqual(json(await a.api.get(`/api/v1/spaces/${spaceId}/agreement-log`)), before, 'nothing was logged or reviewed');
    const calls = json(await a.api.get(`/api/v1/spaces/${spaceId}/reassurance-requests`));
    assert.equal(JSON.stringify(calls).includes('I am here'), false, 'nothing was answered');
  });
});
