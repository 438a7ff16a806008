import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { describeEachDatabase, json } from '../support/app.js';
import { acceptedAgreement, couple } from '../support/api-client.js';
import { activeTherapist, pagesAs } from '../support/live-people.js';
import { addDays, localDate } from '../../src/core/time.js';

/**
 * The weekly meeting shows the week's real agreement log (issue #20, item 4): on the meetings page
 * and in the agenda's agreement-log part of "Start this week's meeting", the occasions of the seven
 * days up to today, kept or missed, confirmed or seen differently, with each note only as its
 * visibility allows — a partner's private note never reaches the other partner or the therapist.
 * An occasion waiting for the viewer links to its row on the log page, where the answer is given.
 */
const today = () => localDate(new Date(), 'UTC');

async function setUp(app: FastifyInstance) {
  const { a, b, spaceId } = await couple(app, ['Alex', 'Sam']);
  const t = await activeTherapist(app, a, b, spaceId);
  const other = await couple(app, ['Kim', 'Lou']);
  const agreementId = await acceptedAgreement(a, b, spaceId, 'AGREEMENT-CANARY I call when I am late.', [a.id]);
  const log = async (kept: boolean, note: { text: string; visibility: 'private' | 'shared' }): Promise<string> => {
    const res = await a.api.post(`/api/v1/agreements/${agreementId}/log`, { occurredOn: today(), kept, note });
    assert.equal(res.statusCode, 201, res.body);
    return json(res).logEntry.id;
  };
  return { a, b, t, spaceId, stranger: other.a, log };
}

describeEachDatabase('the weekly meeting’s agreement log', (get) => {
  test('the week’s occasions, each note only as its visibility allows; the dispute is answered from the meeting page’s link', async () => {
    const { app } = get();
    const { a, b, t, spaceId, stranger, log } = await setUp(app);
    const kept = await log(true, { text: 'PRIVATE-LOG-CANARY', visibility: 'private' });
    const missed = await log(false, { text: 'SHARED-LOG-CANARY', visibility: 'shared' });
    assert.equal(
      (await b.api.post(`/api/v1/agreement-log/${missed}/dispute`, { note: { text: 'DISPUTE-CANARY', visibility: 'shared' } })).statusCode,
      200,
    );

    const [pa, pb, pt, ps] = await Promise.all([pagesAs(app, a), pagesAs(app, b), pagesAs(app, t), pagesAs(app, stranger)]);
    const meetings = `/spaces/${spaceId}/meetings`;
    const fresh = `/spaces/${spaceId}/meetings/new`;

    // Alex, who logged: both occasions, his own private note, the dispute, and a link to answer it.
    for (const path of [meetings, fresh]) {
      const page = await pa.get(path);
      assert.equal(page.statusCode, 200, path);
      assert.match(page.body, /id="week-log-heading"/);
      assert.ok(page.body.includes('AGREEMENT-CANARY'), path);
      if (path === meetings) assert.ok(page.body.includes('PRIVATE-LOG-CANARY'), 'the author reads their own private note');
      else {
        // The new meeting's page is for sitting together at one screen: the private note is named, not shown.
        assert.ok(!page.body.includes('PRIVATE-LOG-CANARY'), 'not on the page read together');
        assert.match(page.body, /Your note, kept private, is not shown here, since you may be reading this together\./);
      }
      assert.ok(page.body.includes('SHARED-LOG-CANARY'));
      assert.ok(page.body.includes('DISPUTE-CANARY'));
      assert.match(page.body, /<strong>kept<\/strong> · not yet confirmed/);
      assert.match(page.body, /<strong>missed<\/strong> · seen differently by Sam/);
      assert.ok(
        page.body.includes(
          `href="/spaces/${spaceId}/agreement-log?month=${today().slice(0, 7)}#occasion-${missed}">Answer how Sam saw it</a>`,
        ),
      );
      assert.ok(page.body.includes(`href="/spaces/${spaceId}/agreement-log"`), 'a link to the whole log');
    }
    // The agenda's box is still there, after the log, in the same part.
    const agenda = (await pa.get(fresh)).body;
    assert.ok(agenda.indexOf('week-log-heading') < agenda.indexOf('name="agreementLog"'));

    // Sam: never Alex's private note; a link to confirm the occasion Sam has not reviewed.
    for (const path of [meetings, fresh]) {
      const page = await pb.get(path);
      assert.equal(page.statusCode, 200);
      assert.ok(!page.body.includes('PRIVATE-LOG-CANARY'), `the partner never reads a private note (${path})`);
      assert.ok(page.body.includes('SHARED-LOG-CANARY'));
      assert.match(page.body, /seen differently by you/);
      assert.ok(
        page.body.includes(
          `href="/spaces/${spaceId}/agreement-log?month=${today().slice(0, 7)}#occasion-${kept}">Confirm it, or say you saw it differently</a>`,
        ),
      );
      assert.ok(!page.body.includes('Answer how'), 'the partner who disputed does not answer it');
    }

    // The therapist reads the meetings page with the week's log, never the private note, and has no links to act.
    const therapist = await pt.get(meetings);
    assert.equal(therapist.statusCode, 200);
    assert.ok(therapist.body.includes('SHARED-LOG-CANARY') && therapist.body.includes('AGREEMENT-CANARY'));
    assert.ok(!therapist.body.includes('PRIVATE-LOG-CANARY'), 'a therapist never reads a private note');
    assert.ok(!therapist.body.includes('#occasion-'), 'a therapist is offered nothing to do');
    assert.notEqual((await pt.get(fresh)).statusCode, 200, 'a therapist does not start a meeting');
    // Another couple's person cannot find the meeting page at all.
    for (const path of [meetings, fresh]) {
      const res = await ps.get(path);
      assert.equal(res.statusCode, 404);
      assert.ok(!res.body.includes('CANARY'));
    }

    // The link leads to the answer form on the log page, and the answer comes back to the meeting.
    const logPage = await pa.get(`/spaces/${spaceId}/agreement-log`);
    assert.ok(logPage.body.includes(`id="occasion-${missed}"`));
    assert.ok(logPage.body.includes(`action="/spaces/${spaceId}/agreement-log/entries/${missed}/reply"`));
    const sent = await pa.post(`/spaces/${spaceId}/agreement-log/entries/${missed}/reply`, { reply: 'REPLY-CANARY' });
    assert.equal(sent.statusCode, 303, sent.body);
    const after = (await pb.get(meetings)).body;
    assert.ok(after.includes('REPLY-CANARY'), 'Sam reads the answer in the meeting');
    assert.ok(!(await pa.get(meetings)).body.includes('Answer how'), 'answered once: no more link');
    assert.ok((await pt.get(meetings)).body.includes('REPLY-CANARY'));
  });

  test('seven days up to today: an older occasion is not the week’s; an empty week says so', async () => {
    const { app } = get();
    const { a, b, spaceId, log } = await setUp(app);
    const empty = await (await pagesAs(app, b)).get(`/spaces/${spaceId}/meetings`);
    assert.match(empty.body, /Nothing was logged in these seven days\./);
    const id = await log(true, { text: 'SHARED-WEEK-CANARY', visibility: 'shared' });
    const account = { id: a.id, timezone: 'UTC' };
    const on = (day: string) => app.mend.rhythm.agreementLog.week(account.id, spaceId, day);
    assert.deepEqual(
      (await on(today())).entries.map((e) => e.id),
      [id],
    );
    assert.deepEqual(
      (await on(addDays(today(), 6))).entries.map((e) => e.id),
      [id],
      'the seventh day still holds it',
    );
    assert.deepEqual((await on(addDays(today(), 7))).entries, [], 'a week later it is last week’s');
    const week = await on(today());
    assert.equal(week.from, addDays(today(), -6));
    assert.equal(week.to, today());
  });
});
