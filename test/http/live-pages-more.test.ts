import { afterEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { localDate } from '../../src/core/time.js';
import { parseLiveEvent } from '../../src/platform/live/live-events.js';
import { describeEachDatabase, json } from '../support/app.js';
import { couple, signUp } from '../support/api-client.js';
import { closeOpenStreams, listening } from '../support/sse.js';
import { activeTherapist, apiEvents, journeyAndAgreement, pageEvents, pagesAs } from '../support/live-people.js';
import { expectEndsUnheard, expectFragmentsRefused, expectOnAll, expectReadOnlyFragment } from '../support/live-privacy.js';

// A test that fails half-way leaves its streams open; they would keep this file running.
afterEach(closeOpenStreams);

/**
 * The last pages to refresh live (reassurance, weekly meetings, the agreement log) and the two
 * last events (a step-1 acknowledgement, the weekly meeting time). Every text written here holds
 * the canary; a private note holds its own, which only its author may ever read.
 */

const CANARY = 'CANARY-9c1';
const PRIVATE = 'PRIVATE-CANARY-4e8';
const today = () => localDate(new Date(), 'UTC');

/** The same section drawn twice differs only in its forms' CSRF tokens (each for the same secret). */
// A form's CSRF token and its idempotency key are new with every render.
const withoutTokens = (markup: string) => markup.replace(/name="(_csrf|_idempotency)" value="[^"]*"/g, 'name="$1" value=""');

/** The text of the agreement A commits to before any stream opens (journeyAndAgreement). */
const AGREEMENT = `${CANARY} I call when I am late.`;

describe('parseLiveEvent: the acknowledgement and the meeting time', () => {
  test('exactly their fields survive, and nothing else', () => {
    const journeyId = 'abc_DEF-123';
    assert.deepEqual(parseLiveEvent({ kind: 'journey_acknowledged', journeyId }), { kind: 'journey_acknowledged', journeyId });
    assert.deepEqual(parseLiveEvent({ kind: 'journey_acknowledged', journeyId, accountId: journeyId, note: CANARY }), {
      kind: 'journey_acknowledged',
      journeyId,
    });
    assert.deepEqual(parseLiveEvent({ kind: 'meeting_schedule' }), { kind: 'meeting_schedule' });
    // The time itself is not news to carry: it is read from the page or the API.
    assert.deepEqual(parseLiveEvent({ kind: 'meeting_schedule', weekday: 3, time: '19:30', spaceId: journeyId }), {
      kind: 'meeting_schedule',
    });
    for (const bad of [
      { kind: 'journey_acknowledged' },
      { kind: 'journey_acknowledged', journeyId: 'has space' },
      { kind: 'journey_acknowledged', journeyId: 7 },
      { kind: 'meeting_schedules' },
    ]) {
      assert.equal(parseLiveEvent(bad), null, JSON.stringify(bad));
    }
  });
});

describeEachDatabase('live updates: step 1 acknowledged, the weekly meeting time', (get) => {
  test('through the API and the pages the partner and an active therapist hear both — kinds and ids only; refused writes send nothing', async () => {
    const { app } = get();
    const base = await listening(app);
    const { a, b, spaceId } = await couple(app);
    const therapist = await activeTherapist(app, a, b, spaceId);
    const { journeyId } = await journeyAndAgreement(a, b, spaceId, AGREEMENT);
    const tPages = await pagesAs(app, therapist);
    const streams = {
      partner: await apiEvents(base, b, spaceId),
      therapist: await apiEvents(base, therapist, spaceId),
      therapistPage: await pageEvents(base, tPages, spaceId),
      author: await apiEvents(base, a, spaceId),
    };
    assert.equal(streams.therapistPage.status, 200);

    // Private and refused things first: none may produce an event.
    assert.equal(
      (
        await a.api.post(`/api/v1/journeys/${journeyId}/entries`, {
          prompt: 'what_happened',
          text: `${PRIVATE} sealed`,
          visibility: 'sealed',
        })
      ).statusCode,
      201,
    );
    assert.equal((await therapist.api.post(`/api/v1/journeys/${journeyId}/acknowledgements`)).statusCode, 403);
    assert.equal((await therapist.api.put(`/api/v1/spaces/${spaceId}/meeting-schedule`, { weekday: 2, time: '18:00' })).statusCode, 403);
    assert.equal((await a.api.put(`/api/v1/spaces/${spaceId}/meeting-schedule`, { weekday: 9, time: '18:00' })).statusCode, 400);

    // Through the API.
    assert.equal((await a.api.post(`/api/v1/journeys/${journeyId}/acknowledgements`)).statusCode, 201);
    assert.equal((await a.api.put(`/api/v1/spaces/${spaceId}/meeting-schedule`, { weekday: 3, time: '19:30' })).statusCode, 200);

    // Through the pages' forms.
    const bPages = await pagesAs(app, b);
    assert.equal((await bPages.get(`/journeys/${journeyId}/steps/1`)).statusCode, 200);
    const acked = await bPages.post(`/journeys/${journeyId}/acknowledge`, {});
    assert.equal(acked.statusCode, 303, acked.body.slice(0, 400));
    assert.equal((await bPages.get(`/spaces/${spaceId}/meetings`)).statusCode, 200);
    const scheduled = await bPages.post(`/spaces/${spaceId}/meetings/schedule`, { weekday: '5', time: '20:00' });
    assert.equal(scheduled.statusCode, 303, scheduled.body.slice(0, 400));

    await expectOnAll(
      streams,
      [
        { kind: 'journey_acknowledged', journeyId },
        { kind: 'meeting_schedule' },
        { kind: 'journey_acknowledged', journeyId },
        { kind: 'meeting_schedule' },
      ],
      b,
      spaceId,
      [CANARY, PRIVATE],
    );
    for (const s of Object.values(streams)) s.close();

    // What the events announced is what every member's pages show: the therapist's too.
    const steps = await tPages.get(`/journeys/${journeyId}/live/steps`);
    assert.equal(steps.statusCode, 200);
    assert.match(steps.body, /data-live-on="[^"]*\bjourney_acknowledged\b/);
    const schedule = await tPages.get(`/spaces/${spaceId}/live/meeting-schedule`);
    assert.equal(schedule.statusCode, 200);
    assert.match(schedule.body, /Every Friday at 20:00/);

    const description = json(await app.inject({ method: 'GET', url: '/api/openapi.json' })).paths['/api/v1/spaces/{spaceId}/events'].get
      .description as string;
    assert.match(description, /`journey_acknowledged` `\{kind, journeyId\}`/);
    assert.match(description, /`meeting_schedule` `\{kind\}`/);
  });

  test('a revoked therapist, a stranger and the other couple hear none of it', async () => {
    const { app } = get();
    const base = await listening(app);
    const { a, b, spaceId } = await couple(app);
    const { journeyId } = await journeyAndAgreement(a, b, spaceId, AGREEMENT);
    const former = await activeTherapist(app, a, b, spaceId, 'Dr Former');
    const formerStream = await apiEvents(base, former, spaceId);
    assert.equal(formerStream.status, 200);
    const other = await couple(app, ['Robin', 'Kim']);
    const otherStream = await apiEvents(base, other.a, other.spaceId);
    assert.equal((await a.api.delete(`/api/v1/spaces/${spaceId}/therapists/${former.id}`)).statusCode, 204);
    assert.equal((await apiEvents(base, await signUp(app, 'Stranger'), spaceId)).status, 404);

    const partner = await apiEvents(base, b, spaceId);
    assert.equal((await a.api.post(`/api/v1/journeys/${journeyId}/acknowledgements`)).statusCode, 201);
    assert.equal((await a.api.put(`/api/v1/spaces/${spaceId}/meeting-schedule`, { weekday: 1, time: '08:00' })).statusCode, 200);
    await partner.waitForEvents(2);
    await expectEndsUnheard(formerStream, 'the revoked therapist hears nothing');
    // The other couple's stream is still open: their own check-in is the only thing it hears.
    assert.equal(
      (await other.b.api.put(`/api/v1/spaces/${other.spaceId}/checkins/${today()}`, { safety: 5, trust: 5, closeness: 5 })).statusCode,
      201,
    );
    await otherStream.waitForEvents(1);
    assert.deepEqual(
      otherStream.events.map((e) => e.event),
      ['checkin'],
    );
    for (const s of [partner, otherStream]) s.close();
  });
});

describeEachDatabase('live sections of the reassurance, weekly meeting and agreement log pages', (get) => {
  /** A's private call and log entry, and shared ones besides, so each copy has something to show. */
  async function written(app: FastifyInstance) {
    const { a, b, spaceId } = await couple(app);
    const { agreementId } = await journeyAndAgreement(a, b, spaceId, AGREEMENT);
    assert.equal(
      (await a.api.post(`/api/v1/spaces/${spaceId}/reassurance-requests`, { note: { text: `${PRIVATE} hold me`, visibility: 'private' } }))
        .statusCode,
      201,
    );
    assert.equal(
      (
        await a.api.post(`/api/v1/spaces/${spaceId}/reassurance-requests`, {
          note: { text: `${CANARY} shared call`, visibility: 'shared' },
        })
      ).statusCode,
      201,
    );
    assert.equal(
      (
        await a.api.post(`/api/v1/agreements/${agreementId}/log`, {
          occurredOn: today(),
          kept: true,
          note: { text: `${PRIVATE} I nearly forgot`, visibility: 'private' },
        })
      ).statusCode,
      201,
    );
    assert.equal(
      (await a.api.post(`/api/v1/spaces/${spaceId}/meetings`, { heldOn: today(), appreciations: `${CANARY} thank you` })).statusCode,
      201,
    );
    return { a, b, spaceId, agreementId };
  }

  const sections = (spaceId: string) => [
    {
      page: `/spaces/${spaceId}/reassurance`,
      url: `/spaces/${spaceId}/live/reassurance`,
      id: 'reassurance-live',
      on: 'reassurance_requested reassurance_answered',
    },
    {
      page: `/spaces/${spaceId}/meetings`,
      url: `/spaces/${spaceId}/live/meeting-schedule`,
      id: 'meeting-schedule-live',
      on: 'meeting_schedule',
    },
    { page: `/spaces/${spaceId}/meetings`, url: `/spaces/${spaceId}/live/meetings`, id: 'meetings-live', on: 'meeting' },
    {
      page: `/spaces/${spaceId}/agreement-log`,
      url: `/spaces/${spaceId}/live/agreement-log`,
      id: 'agreement-log-live',
      on: 'agreement agreement_log',
    },
  ];

  test('the pages mark their sections and load the island; each fragment is that same section; the private note stays its author’s', async () => {
    const { app } = get();
    const { a, b, spaceId } = await written(app);
    const aPages = await pagesAs(app, a);
    const bPages = await pagesAs(app, b);
    for (const s of sections(spaceId)) {
      for (const [who, client] of [
        ['author', aPages],
        ['partner', bPages],
      ] as const) {
        const page = await client.get(s.page);
        assert.equal(page.statusCode, 200, `${who} ${s.page}`);
        assert.match(page.body, /<script type="module" src="\/static\/live\.[0-9a-f]{12}\.js"><\/script>/);
        assert.match(
          page.body,
          new RegExp(`id="${s.id}"[^>]* data-live-space="${spaceId}" data-live-fragment="${s.url}"[^>]* data-live-on="${s.on}"`),
        );
        const fragment = await client.get(s.url);
        assert.equal(fragment.statusCode, 200, `${who} ${s.url}`);
        assert.match(String(fragment.headers['content-type']), /^text\/html/);
        assert.equal(fragment.headers['cache-control'], 'private, no-store');
        assert.ok(withoutTokens(page.body).includes(withoutTokens(fragment.body)), `${who}: ${s.page} holds exactly the fragment`);
        if (who === 'partner') assert.ok(!fragment.body.includes(PRIVATE), `${s.url}: the partner's copy never holds A's private note`);
      }
    }
    // The author's own copies do hold their private notes (so the checks above can fail).
    assert.ok((await aPages.get(`/spaces/${spaceId}/live/reassurance`)).body.includes(`${PRIVATE} hold me`));
    assert.ok((await aPages.get(`/spaces/${spaceId}/live/agreement-log`)).body.includes(`${PRIVATE} I nearly forgot`));
    // The partner's copies hold the shared text, and the forms the partner may use.
    const bReassurance = (await bPages.get(`/spaces/${spaceId}/live/reassurance`)).body;
    assert.ok(bReassurance.includes(`${CANARY} shared call`));
    assert.match(bReassurance, /<form method="post" action="\/spaces\/[^"]+\/reassurance\/[^"]+\/answer"/);
    assert.match((await bPages.get(`/spaces/${spaceId}/live/agreement-log`)).body, /agreement-log\/entries\/[^"]+\/review/);

    // A fragment's form posts like the page's: its token belongs to the session.
    const answer = await bPages.post(`/spaces/${spaceId}/reassurance/${/reassurance\/([^"/]+)\/answer/.exec(bReassurance)![1]}/answer`, {
      answer: `${CANARY} I am here`,
    });
    assert.equal(answer.statusCode, 303, answer.body.slice(0, 400));
  });

  test('an active therapist gets read-only copies without private notes; the other couple, a stranger, a revoked therapist get 404, signed out 401', async () => {
    const { app } = get();
    const { a, b, spaceId } = await written(app);
    const therapist = await activeTherapist(app, a, b, spaceId);
    const former = await activeTherapist(app, a, b, spaceId, 'Dr Former');
    assert.equal((await a.api.delete(`/api/v1/spaces/${spaceId}/therapists/${former.id}`)).statusCode, 204);
    const other = await couple(app, ['Robin', 'Kim']);
    const urls = sections(spaceId).map((s) => s.url);
    // Invited and accepted, with one partner's consent of the two it needs: not a member yet.
    const pending = await signUp(app, 'Dr Pending');
    const { code } = json(await a.api.post(`/api/v1/spaces/${spaceId}/invitations`, { role: 'therapist' })).invitation;
    assert.equal((await pending.api.post(`/api/v1/invitations/${code}/accept`)).statusCode, 200);
    assert.ok((await a.api.post(`/api/v1/spaces/${spaceId}/therapists/${pending.id}/consent`, { password: a.password })).statusCode < 300);

    const tPages = await pagesAs(app, therapist);
    for (const s of sections(spaceId)) {
      const fragment = await expectReadOnlyFragment(tPages, s.url, [PRIVATE]);
      // The page the therapist reads holds that same copy.
      assert.ok((await tPages.get(s.page)).body.includes(fragment), `${s.page} holds the therapist's fragment`);
    }
    assert.ok(
      (await tPages.get(`/spaces/${spaceId}/live/reassurance`)).body.includes(`${CANARY} shared call`),
      'shared text is in the therapist’s copy',
    );

    await expectFragmentsRefused(app, [other.a, other.b, await signUp(app, 'Stranger'), former, pending], urls, [
      'data-live-fragment',
      CANARY,
      PRIVATE,
    ]);
  });
});
