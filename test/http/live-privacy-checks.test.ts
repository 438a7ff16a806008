import { after, afterEach, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../support/app.js';
import { couple } from '../support/api-client.js';
import { closeOpenStreams, listening } from '../support/sse.js';
import { activeTherapist, apiEvents, pagesAs } from '../support/live-people.js';
import { expectCannotSubscribe, expectFragmentsRefused, expectOnAll, expectReadOnlyFragment } from '../support/live-privacy.js';

afterEach(closeOpenStreams);

/**
 * The live tests' privacy checks (test/support/live-privacy.ts) are shared by every live test
 * file; each one is shown here to fail when given what it must refuse — a stream or a section
 * that does leak — so that a check which stopped checking cannot pass unnoticed.
 */
describe('the live privacy checks fail when something leaks [sqlite]', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp('sqlite');
  });
  after(() => t.close());

  test('each check refuses a leak, a member taken for an outsider and a section with forms', async () => {
    const { app } = t;
    const base = await listening(app);
    const { a, b, spaceId } = await couple(app);
    const today = new Date().toISOString().slice(0, 10);

    // A stream that carries a text, and one event the list does not expect.
    const streams = { partner: await apiEvents(base, b, spaceId) };
    const put = await a.api.put(`/api/v1/spaces/${spaceId}/checkins/${today}`, { safety: 5, trust: 5, closeness: 5 });
    assert.equal(put.statusCode, 201, put.body);
    await assert.rejects(expectOnAll(streams, [{ kind: 'checkin', accountId: a.id, date: today }], b, spaceId, [a.id]), /no written text/);
    await assert.rejects(expectOnAll(streams, [], b, spaceId, []), /hears every member's news/);

    // A member is no outsider: the stream opens and the section is there.
    await assert.rejects(expectCannotSubscribe(app, base, spaceId, [b]), /the API stream/);
    const url = `/spaces/${spaceId}/live/progress`;
    await assert.rejects(expectFragmentsRefused(app, [b], [url], []), (e: Error) => e.message.includes(`${b.email} ${url}`));
    // A refused answer that did hold one of the traces.
    const outsider = (await couple(app, ['Robin', 'Kim'])).a;
    const refused = await (await pagesAs(app, outsider)).get(url);
    assert.equal(refused.statusCode, 404);
    assert.ok(refused.body.length > 20);
    await assert.rejects(expectFragmentsRefused(app, [outsider], [url], [refused.body.slice(0, 20)]), /nothing of the section/);

    // A partner's copy has a form to submit; a therapist's copy must not hold what it is asked about.
    assert.equal((await a.api.post(`/api/v1/spaces/${spaceId}/reassurance-requests`, {})).statusCode, 201);
    await assert.rejects(expectReadOnlyFragment(await pagesAs(app, b), `/spaces/${spaceId}/live/reassurance`, []), /nothing to submit/);
    const tPages = await pagesAs(app, await activeTherapist(app, a, b, spaceId));
    assert.match(await expectReadOnlyFragment(tPages, url, []), /progress-live/);
    await assert.rejects(expectReadOnlyFragment(tPages, url, ['progress-live']), /no written text/);
  });
});
