import { afterEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { localDate } from '../../src/core/time.js';
import { parseLiveEvent } from '../../src/platform/live/live-events.js';
import { describeEachDatabase, json } from '../support/app.js';
import { couple, signUp, type Person } from '../support/api-client.js';
import type { PageClient } from '../support/browser-less.js';
import { closeOpenStreams, listening } from '../support/sse.js';
import { activeTherapist, apiEvents, journeyAndAgreement, pageEvents, pagesAs } from '../support/live-people.js';
import {
  expectCannotSubscribe,
  expectEndsUnheard,
  expectFragmentsRefused,
  expectOnAll,
  expectReadOnlyFragment,
} from '../support/live-privacy.js';

// A test that fails half-way leaves its streams open; they would keep this file running.
afterEach(closeOpenStreams);

/**
 * Issue #7's remaining live updates: reassurance, weekly meetings, the agreement log, apologies
 * and monthly reviews, and the progress and journey pages' live sections. Every text written here
 * holds the canary, which must never reach a stream.
 */

const CANARY = 'CANARY-7f3';
const today = () => localDate(new Date(), 'UTC');
const month = () => today().slice(0, 7);
const ALL_PARTS = {
  regret: 'regret',
  responsibility: 'responsibility',
  impact: 'impact',
  change: 'change',
  repair: 'repair',
  forgiveness: 'forgiveness',
};

/**
 * An active agreement a committed to (so a may log it), made before any journey (in a journey
 * it would wait for step 3), then a journey where a broke trust with step 1 done by both (so a
 * may apologise). Done before any stream opens.
 */
async function journeyWithAgreement(a: Person, b: Person, spaceId: string): Promise<{ journeyId: string; agreementId: string }> {
  const { journeyId, agreementId } = await journeyAndAgreement(a, b, spaceId, `${CANARY} I tell you where I am.`);
  for (const p of [a, b]) {
    assert.equal(
      (
        await p.api.post(`/api/v1/journeys/${journeyId}/entries`, {
          prompt: 'what_happened',
          text: `${CANARY} what happened`,
          visibility: 'sealed',
        })
      ).statusCode,
      201,
    );
    assert.equal((await p.api.post(`/api/v1/journeys/${journeyId}/acknowledgements`)).statusCode, 201);
  }
  return { journeyId, agreementId };
}

describe('parseLiveEvent', () => {
  test('accepts each new kind with exactly its fields, and drops anything else', () => {
    const id = 'abc_DEF-123';
    const good = [
      { kind: 'reassurance_requested', id },
      { kind: 'reassurance_answered', id },
      { kind: 'meeting', id, date: '2026-03-14' },
      { kind: 'agreement_log', agreementId: id, id },
      { kind: 'apology', journeyId: id, id },
      { kind: 'monthly_review', accountId: id, month: '2026-03' },
    ];
    for (const event of good) {
      assert.deepEqual(parseLiveEvent(event), event);
      // A field too many (a note, a name) never survives.
      assert.deepEqual(parseLiveEvent({ ...event, note: `${CANARY} note` }), event);
    }
    for (const bad of [
      { kind: 'reassurance_requested' },
      { kind: 'reassurance_answered', id: 'has space' },
      { kind: 'meeting', id },
      { kind: 'meeting', id, date: '14/03/2026' },
      { kind: 'agreement_log', id },
      { kind: 'apology', id },
      { kind: 'apology', journeyId: id, id: 42 },
      { kind: 'monthly_review', accountId: id, month: '2026-13' },
      { kind: 'monthly_review', accountId: id, month: '2026-03-01' },
      { kind: 'apology_draft', journeyId: id, id },
    ]) {
      assert.equal(parseLiveEvent(bad), null, JSON.stringify(bad));
    }
  });
});

describeEachDatabase('live updates: reassurance, meetings, the agreement log, apologies, monthly reviews', (get) => {
  test('through the API: the partner and an active therapist hear each kind — ids and dates only; private things send nothing', async () => {
    const { app } = get();
    const base = await listening(app);
    const { a, b, spaceId } = await couple(app);
    const therapist = await activeTherapist(app, a, b, spaceId);
    const { journeyId, agreementId } = await journeyWithAgreement(a, b, spaceId);
    const streams = {
      partner: await apiEvents(base, b, spaceId),
      therapist: await apiEvents(base, therapist, spaceId),
      author: await apiEvents(base, a, spaceId),
    };

    // Private things first: none of them may produce an event (the first event proves it).
    assert.equal(
      (
        await b.api.post(`/api/v1/journeys/${journeyId}/entries`, {
          prompt: 'what_hurts',
          text: `${CANARY} private hurt`,
          visibility: 'private',
        })
      ).statusCode,
      201,
    );
    assert.equal((await b.api.post(`/api/v1/journeys/${journeyId}/forgiveness/open`)).statusCode, 200);
    assert.equal(
      (
        await a.api.put(`/api/v1/spaces/${spaceId}/checkins/${today()}`, {
          safety: 5,
          trust: 5,
          closeness: 5,
          note: { text: `${CANARY} check-in`, visibility: 'private' },
        })
      ).statusCode,
      201,
    );
    // (That check-in is news: its scores are space records.)

    const asked = await a.api.post(`/api/v1/spaces/${spaceId}/reassurance-requests`, {
      note: { text: `${CANARY} hold me`, visibility: 'private' },
    });
    assert.equal(asked.statusCode, 201, asked.body);
    const requestId = json(asked).reassuranceRequest.id as string;
    assert.equal((await b.api.post(`/api/v1/reassurance-requests/${requestId}/answer`, { text: `${CANARY} I am here` })).statusCode, 200);

    const meeting = await a.api.post(`/api/v1/spaces/${spaceId}/meetings`, {
      heldOn: today(),
      appreciations: `${CANARY} thank you`,
      concern: `${CANARY} one thing`,
    });
    assert.equal(meeting.statusCode, 201, meeting.body);
    const meetingId = json(meeting).meeting.id as string;

    const logged = await a.api.post(`/api/v1/agreements/${agreementId}/log`, {
      occurredOn: today(),
      kept: false,
      note: { text: `${CANARY} I forgot`, visibility: 'private' },
    });
    assert.equal(logged.statusCode, 201, logged.body);
    const logId = json(logged).logEntry.id as string;
    assert.equal(
      (await b.api.post(`/api/v1/agreement-log/${logId}/dispute`, { note: { text: `${CANARY} I saw it otherwise`, visibility: 'shared' } }))
        .statusCode,
      200,
    );

    const apology = await a.api.post(`/api/v1/journeys/${journeyId}/apologies`, {
      parts: Object.fromEntries(Object.entries(ALL_PARTS).map(([k, v]) => [k, `${CANARY} ${v}`])),
    });
    assert.equal(apology.statusCode, 201, apology.body);
    const apologyId = json(apology).apology.id as string;
    assert.equal(
      (await b.api.post(`/api/v1/apologies/${apologyId}/responses`, { received: true, sincere: false, missing: ['repair'] })).statusCode,
      201,
    );

    assert.equal(
      (await b.api.put(`/api/v1/spaces/${spaceId}/monthly-reviews/${month()}`, { communicate: 3, closer: 4, respect: 5 })).statusCode,
      201,
    );
    // Replacing it changes what everyone's progress page shows: news again.
    assert.equal(
      (await b.api.put(`/api/v1/spaces/${spaceId}/monthly-reviews/${month()}`, { communicate: 4, closer: 4, respect: 5 })).statusCode,
      200,
    );

    await expectOnAll(
      streams,
      [
        { kind: 'checkin', accountId: a.id, date: today() },
        { kind: 'reassurance_requested', id: requestId },
        { kind: 'reassurance_answered', id: requestId },
        { kind: 'meeting', id: meetingId, date: today() },
        { kind: 'agreement_log', agreementId, id: logId },
        { kind: 'agreement_log', agreementId, id: logId },
        { kind: 'apology', journeyId, id: apologyId },
        { kind: 'apology', journeyId, id: apologyId },
        { kind: 'monthly_review', accountId: b.id, month: month() },
        { kind: 'monthly_review', accountId: b.id, month: month() },
      ],
      b,
      spaceId,
      [CANARY],
    );
    for (const s of Object.values(streams)) s.close();
  });

  test('through the pages: each form that writes them tells the space; checking a draft apology sends nothing', async () => {
    const { app } = get();
    const base = await listening(app);
    const { a, b, spaceId } = await couple(app);
    const therapist = await activeTherapist(app, a, b, spaceId);
    const { journeyId, agreementId } = await journeyWithAgreement(a, b, spaceId);
    const tPages = await pagesAs(app, therapist);
    const streams = {
      partner: await apiEvents(base, b, spaceId),
      therapist: await pageEvents(base, tPages, spaceId),
    };
    assert.equal(streams.therapist.status, 200);
    const aPages = await pagesAs(app, a);
    const bPages = await pagesAs(app, b);
    const post = async (client: PageClient, page: string, url: string, fields: Record<string, string>) => {
      await client.get(page);
      const res = await client.post(url, fields);
      assert.equal(res.statusCode, 303, `${url}: ${res.body.slice(0, 400)}`);
    };

    // A draft apology, only checked (which keeps it as a draft), and drafts kept by "Save draft":
    // their author's alone, so no event — not even that they exist (issue #18).
    await aPages.get(`/journeys/${journeyId}/apology`);
    const checked = await aPages.post(`/journeys/${journeyId}/apology`, {
      action: 'check',
      ...Object.fromEntries(Object.entries(ALL_PARTS).map(([k, v]) => [`parts.${k}`, `${CANARY} draft ${v}`])),
    });
    assert.equal(checked.statusCode, 303);
    await bPages.get(`/spaces/${spaceId}/check-in`);
    for (const [place, box] of [
      [`checkin-note:${spaceId}`, 'note'],
      [`meeting:${spaceId}`, 'appreciations'],
      [`log:${agreementId}`, 'note'],
      [`entry:${journeyId}:what_hurts`, 'text'],
    ] as const) {
      const kept = await bPages.post('/drafts/save', { _draft: place, _back: '/', [box]: `${CANARY} draft` });
      assert.equal(kept.statusCode, 303, `${place}: ${kept.body.slice(0, 200)}`);
    }

    await post(aPages, `/spaces/${spaceId}/reassurance`, `/spaces/${spaceId}/reassurance`, {
      note: `${CANARY} please`,
      visibility: 'private',
    });
    const requestId = json(await a.api.get(`/api/v1/spaces/${spaceId}/reassurance-requests`)).reassuranceRequests[0].id as string;
    await post(bPages, `/spaces/${spaceId}/reassurance`, `/spaces/${spaceId}/reassurance/${requestId}/answer`, {
      answer: `${CANARY} always`,
    });
    await post(bPages, `/spaces/${spaceId}/meetings/new`, `/spaces/${spaceId}/meetings`, {
      heldOn: today(),
      appreciations: `${CANARY} thanks`,
      wentWell: '',
      agreementLog: '',
      concern: '',
      requests: '',
    });
    const meetingId = json(await a.api.get(`/api/v1/spaces/${spaceId}/meetings`)).meetings[0].id as string;
    await post(aPages, `/spaces/${spaceId}/agreement-log`, `/spaces/${spaceId}/agreement-log/${agreementId}`, {
      occurredOn: today(),
      kept: 'yes',
      note: `${CANARY} kept`,
      visibility: 'private',
    });
    const logId = json(await a.api.get(`/api/v1/spaces/${spaceId}/agreement-log`)).logEntries[0].id as string;
    await post(bPages, `/spaces/${spaceId}/agreement-log`, `/spaces/${spaceId}/agreement-log/entries/${logId}/review`, {
      review: 'confirmed',
      note: `${CANARY} yes`,
    });
    await post(aPages, `/journeys/${journeyId}/apology`, `/journeys/${journeyId}/apology`, {
      action: 'deliver',
      ...Object.fromEntries(Object.entries(ALL_PARTS).map(([k, v]) => [`parts.${k}`, `${CANARY} ${v}`])),
    });
    const apologyId = json(await b.api.get(`/api/v1/journeys/${journeyId}/apologies`)).apologies[0].id as string;
    await post(bPages, `/journeys/${journeyId}/apologies/${apologyId}/answer`, `/journeys/${journeyId}/apologies/${apologyId}/answer`, {
      sincere: 'yes',
    });
    await post(aPages, `/spaces/${spaceId}/monthly-review`, `/spaces/${spaceId}/monthly-review`, {
      month: month(),
      communicate: '2',
      closer: '3',
      respect: '4',
    });

    await expectOnAll(
      streams,
      [
        { kind: 'reassurance_requested', id: requestId },
        { kind: 'reassurance_answered', id: requestId },
        { kind: 'meeting', id: meetingId, date: today() },
        { kind: 'agreement_log', agreementId, id: logId },
        { kind: 'agreement_log', agreementId, id: logId },
        { kind: 'apology', journeyId, id: apologyId },
        { kind: 'apology', journeyId, id: apologyId },
        { kind: 'monthly_review', accountId: a.id, month: month() },
      ],
      b,
      spaceId,
      [CANARY],
    );
    for (const s of Object.values(streams)) s.close();
  });

  test('a stranger, a signed-out caller and a revoked therapist cannot subscribe, and hear none of the new kinds', async () => {
    const { app } = get();
    const base = await listening(app);
    const { a, b, spaceId } = await couple(app);
    const stranger = await signUp(app, 'Stranger');
    const former = await activeTherapist(app, a, b, spaceId, 'Dr Former');
    const formerStream = await apiEvents(base, former, spaceId);
    assert.equal(formerStream.status, 200);
    assert.equal((await a.api.delete(`/api/v1/spaces/${spaceId}/therapists/${former.id}`)).statusCode, 204);

    await expectCannotSubscribe(app, base, spaceId, [stranger, former]);

    // The stream the therapist held ends before any of the new kinds reaches it.
    const partner = await apiEvents(base, b, spaceId);
    assert.equal((await a.api.post(`/api/v1/spaces/${spaceId}/reassurance-requests`, {})).statusCode, 201);
    assert.equal(
      (await a.api.put(`/api/v1/spaces/${spaceId}/monthly-reviews/${month()}`, { communicate: 3, closer: 3, respect: 3 })).statusCode,
      201,
    );
    await partner.waitForEvents(2);
    await expectEndsUnheard(formerStream, 'the revoked therapist hears nothing');
    partner.close();
  });
});

describeEachDatabase('live sections of the progress and journey pages', (get) => {
  test('the pages mark their live sections and load the island; the fragments are those same sections', async () => {
    const { app } = get();
    const { a, b, spaceId } = await couple(app);
    const { journeyId } = await journeyWithAgreement(a, b, spaceId);
    const aPages = await pagesAs(app, a);

    const progress = await aPages.get(`/spaces/${spaceId}/progress`);
    assert.equal(progress.statusCode, 200);
    assert.match(progress.body, /<script type="module" src="\/static\/live\.[0-9a-f]{12}\.js"><\/script>/);
    assert.match(
      progress.body,
      new RegExp(
        `<div id="progress-live" data-live-space="${spaceId}" data-live-fragment="/spaces/${spaceId}/live/progress"[^>]* data-live-on="[^"]*\\bcheckin\\b[^"]*\\bagreement_log\\b[^"]*\\bmonthly_review\\b`,
      ),
    );
    const journey = await aPages.get(`/journeys/${journeyId}`);
    assert.match(journey.body, /<script type="module" src="\/static\/live\.[0-9a-f]{12}\.js"><\/script>/);
    assert.match(
      journey.body,
      new RegExp(
        `<section aria-labelledby="steps-heading" id="journey-steps" data-live-space="${spaceId}" data-live-fragment="/journeys/${journeyId}/live/steps" data-live-journey="${journeyId}"`,
      ),
    );

    // A's check-in shows in B's progress fragment, as it would on the page after a reload.
    const bPages = await pagesAs(app, b);
    const before = await bPages.get(`/spaces/${spaceId}/live/progress`);
    assert.equal(before.statusCode, 200);
    assert.match(String(before.headers['content-type']), /^text\/html/);
    assert.match(before.body, /^<div id="progress-live"/);
    assert.doesNotMatch(before.body, /A first check-in/);
    assert.equal(
      (
        await a.api.put(`/api/v1/spaces/${spaceId}/checkins/${today()}`, {
          safety: 6,
          trust: 6,
          closeness: 6,
          note: { text: `${CANARY} private`, visibility: 'private' },
        })
      ).statusCode,
      201,
    );
    const after = await bPages.get(`/spaces/${spaceId}/live/progress`);
    assert.match(after.body, /A first check-in/);
    assert.ok(!after.body.includes(CANARY));
    const page = await bPages.get(`/spaces/${spaceId}/progress`);
    assert.ok(page.body.includes(after.body), 'the page holds exactly the fragment');

    const steps = await aPages.get(`/journeys/${journeyId}/live/steps`);
    assert.equal(steps.statusCode, 200);
    assert.match(steps.body, /^<section aria-labelledby="steps-heading"/);
    assert.ok((await aPages.get(`/journeys/${journeyId}`)).body.includes(steps.body), 'the journey page holds exactly the fragment');
    assert.ok(!steps.body.includes(CANARY), 'no entry text in the steps');
  });

  test('an active therapist gets the read-only sections; the other couple, a stranger, a revoked therapist and a signed-out caller get nothing', async () => {
    const { app } = get();
    const { a, b, spaceId } = await couple(app);
    const { journeyId } = await journeyWithAgreement(a, b, spaceId);
    const therapist = await activeTherapist(app, a, b, spaceId);
    const former = await activeTherapist(app, a, b, spaceId, 'Dr Former');
    assert.equal((await a.api.delete(`/api/v1/spaces/${spaceId}/therapists/${former.id}`)).statusCode, 204);
    const other = await couple(app, ['Robin', 'Kim']);
    const urls = [`/spaces/${spaceId}/live/progress`, `/journeys/${journeyId}/live/steps`, `/spaces/${spaceId}/live/partner-today`];

    const tPages = await pagesAs(app, therapist);
    for (const url of urls) await expectReadOnlyFragment(tPages, url, [CANARY]);
    await expectFragmentsRefused(app, [other.a, other.b, await signUp(app, 'Stranger'), former], urls, [
      'steps-heading',
      'progress-live',
      'partner-today',
      'data-live-fragment',
      CANARY,
    ]);
    // The other couple's own journey is theirs: A cannot read its steps either.
    const theirs = json(await other.a.api.post(`/api/v1/spaces/${other.spaceId}/breaches`, { kind: 'lying', brokeTrust: [other.a.id] }))
      .journey.id as string;
    assert.equal((await (await pagesAs(app, a)).get(`/journeys/${theirs}/live/steps`)).statusCode, 404);
  });
});
