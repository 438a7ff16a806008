import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { describeEachDatabase, json, succeeded } from '../support/app.js';
import { couple, journeyWithApology, type Person } from '../support/api-client.js';
import { PageClient } from '../support/browser-less.js';
import { fixedClock } from '../../src/platform/clock.js';
import { addDays, localDate } from '../../src/core/time.js';

/**
 * Transparency agreements (issue #20, item 5): after cheating, step 3 offers templates; one is a
 * proposal like any other (in force only when both agree, countered with history), with an end
 * from today to twelve weeks ahead, and after its end nothing more is logged under it. Never offered
 * after other breaches; nothing in it watches anyone.
 */
const clock = fixedClock(new Date());
const today = () => localDate(clock.now(), 'UTC');

/** Alex broke trust in an affair (or a lie); steps 1 and 2 done, so step 3 is open. */
const atStep3 = (app: FastifyInstance, kind: 'infidelity' | 'lying') => journeyWithApology(app, kind, { received: true });

async function pagesOf(app: FastifyInstance, person: Person): Promise<PageClient> {
  const client = new PageClient(app);
  await client.get('/sign-in');
  assert.equal((await client.post('/sign-in', { email: person.email, password: person.password })).statusCode, 303);
  return client;
}

describeEachDatabase(
  'transparency agreements',
  (get) => {
    test('offered in step 3 after an affair only; a template fills the form, and the end is asked for', async () => {
      const app = get().app;
      const affair = await atStep3(app, 'infidelity');
      const lie = await atStep3(app, 'lying');
      const sam = await pagesOf(app, affair.b);
      const step3 = await sam.get(`/journeys/${affair.journeyId}/steps/3`);
      assert.equal(step3.statusCode, 200);
      assert.match(step3.body, /<h2 id="transparency-heading">Transparency agreements<\/h2>/);
      assert.match(step3.body, /never watches anyone/);
      assert.match(step3.body, new RegExp(`/journeys/${affair.journeyId}/agreements/new\\?template=contact`));
      const other = await pagesOf(app, lie.b);
      assert.doesNotMatch((await other.get(`/journeys/${lie.journeyId}/steps/3`)).body, /transparency-heading/);
      const viaApi = await lie.b.api.post(`/api/v1/spaces/${lie.spaceId}/agreements`, {
        text: 'I tell you when that person calls.',
        committedBy: [lie.a.id],
        cadence: 'each_time',
        reviewOn: addDays(today(), 7),
        transparency: true,
        journeyId: lie.journeyId,
      });
      assert.equal(viaApi.statusCode, 400, 'the API holds to the same: not after a lie');
      assert.match(json(viaApi).error.details.transparency, /after an affair/);
      // A template named on a lie's journey is an ordinary proposal form.
      assert.doesNotMatch((await other.get(`/journeys/${lie.journeyId}/agreements/new?template=contact`)).body, /name="transparency"/);

      // Sam, the hurt partner, starts from a template: Alex would commit, and it ends in six weeks.
      const form = await sam.get(`/journeys/${affair.journeyId}/agreements/new?template=contact`);
      assert.equal(form.statusCode, 200);
      assert.match(form.body, /Propose a transparency agreement/);
      assert.match(form.body, /<input type="hidden" name="transparency" value="yes">/);
      assert.match(form.body, /When you are in contact with that person/, 'asked of Alex in words that ask it of him');
      assert.match(form.body, new RegExp(`name="reviewOn" type="date" value="${addDays(today(), 42)}"`));
      assert.match(form.body, /value="partner"[^>]*checked/);

      const base = {
        who: 'partner',
        text: 'When that person writes to me, I tell you the same day.',
        cadence: 'each_time',
        transparency: 'yes',
      };
      const noEnd = await sam.post(`/journeys/${affair.journeyId}/agreements`, { ...base, reviewOn: '' });
      assert.equal(noEnd.statusCode, 400);
      assert.match(noEnd.body, /Choose the day this agreement ends/);
      assert.match(noEnd.body, /When that person writes to me, I tell you the same day\./, 'what was typed is kept');
      const tooFar = await sam.post(`/journeys/${affair.journeyId}/agreements`, { ...base, reviewOn: addDays(today(), 120) });
      assert.equal(tooFar.statusCode, 400);
      assert.match(tooFar.body, /Choose an end within 12 weeks from today/);
      const sent = await sam.post(`/journeys/${affair.journeyId}/agreements`, { ...base, reviewOn: addDays(today(), 1) });
      assert.equal(sent.statusCode, 303, sent.body);

      const listed = json(await affair.a.api.get(`/api/v1/spaces/${affair.spaceId}/agreements`)).agreements as Array<
        Record<string, unknown>
      >;
      assert.equal(listed.length, 1);
      assert.equal(listed[0]!.transparency, true);
      assert.equal(listed[0]!.status, 'proposed', 'nothing is in force until both agree');
      assert.deepEqual(listed[0]!.committedBy, [affair.a.id]);
      assert.equal(listed[0]!.reviewOn, addDays(today(), 1));
    });

    test('through the API: an end is required, a counter keeps it one, and after its end nothing more is logged', async () => {
      const app = get().app;
      const { a, b, spaceId, journeyId } = await atStep3(app, 'infidelity');
      const propose = (body: Record<string, unknown>) =>
        b.api.post(`/api/v1/spaces/${spaceId}/agreements`, {
          text: 'I tell you when that person calls.',
          committedBy: [a.id],
          cadence: 'each_time',
          journeyId,
          ...body,
        });
      const open = await propose({ transparency: true });
      assert.equal(open.statusCode, 400);
      assert.match(json(open).error.details.reviewOn, /Choose the day this agreement ends/);
      const { a: alone, spaceId: soloSpace } = await couple(app, ['Jo', 'Kim']).then(async ({ a: jo }) => {
        const created = json(await jo.api.post('/api/v1/spaces', { name: 'Only me' })).space.id as string;
        return { a: jo, spaceId: created };
      });
      const soloJourney = json(
        await alone.api.post(`/api/v1/spaces/${soloSpace}/breaches`, { kind: 'infidelity', brokeTrust: [alone.id] }),
      ).journey;
      const solo = await alone.api.post(`/api/v1/spaces/${soloSpace}/agreements`, {
        text: 'I tell you when that person calls.',
        committedBy: [alone.id],
        cadence: 'each_time',
        reviewOn: addDays(today(), 7),
        transparency: true,
        journeyId: soloJourney.id,
      });
      assert.equal(solo.statusCode, 400, 'alone, there is nobody to agree it with');
      assert.match(json(solo).error.details.committedBy, /needs you both/);
      const plain = await propose({});
      assert.equal(plain.statusCode, 201, 'an ordinary agreement needs no end');
      assert.equal(json(plain).agreement.transparency, false);

      const proposed = json(await succeeded(propose({ transparency: true, reviewOn: addDays(today(), 1) }), 'propose')).agreement;
      const endless = await a.api.post(`/api/v1/agreements/${proposed.id}/counter`, {
        text: 'I tell you when that person calls.',
        reviewOn: null,
      });
      assert.equal(endless.statusCode, 400, 'a counter cannot make it open-ended');
      const countered = json(
        await succeeded(
          a.api.post(`/api/v1/agreements/${proposed.id}/counter`, { text: 'I tell you the same day when that person calls or writes.' }),
          'counter',
        ),
      );
      assert.equal(countered.agreement.transparency, true);
      assert.equal(countered.agreement.reviewOn, addDays(today(), 1));
      const active = json(await succeeded(b.api.post(`/api/v1/agreements/${countered.agreement.id}/accept`), 'accept')).agreement;
      assert.equal(active.status, 'active');

      const late = json(await succeeded(propose({ transparency: true, reviewOn: addDays(today(), 1) }), 'a second proposal')).agreement;
      const log = (on: string) => a.api.post(`/api/v1/agreements/${active.id}/log`, { occurredOn: on, kept: true });
      assert.equal((await log(today())).statusCode, 201);
      const alex = await pagesOf(app, a);
      const before = await alex.get(`/spaces/${spaceId}/agreement-log`);
      assert.match(before.body, /Transparency agreement · You · each time it comes up · until /);
      assert.match(before.body, /name="kept"/);

      clock.advance(2 * 86_400_000);
      try {
        const after = await log(today());
        assert.equal(after.statusCode, 400, 'a day after its end belongs to no agreement');
        assert.match(json(after).error.details.occurredOn, /after this transparency agreement ended/);
        assert.equal((await log(addDays(today(), -1))).statusCode, 201, 'its last day can still be logged the day after');
        const ended = await alex.get(`/spaces/${spaceId}/agreement-log`);
        assert.match(ended.body, /This transparency agreement ended on/);
        assert.doesNotMatch(ended.body, /name="kept"/, 'no form to log after the end');
        const tooLate = await a.api.post(`/api/v1/agreements/${late.id}/accept`);
        assert.equal(tooLate.statusCode, 400, 'a proposal whose end has passed is not accepted into force already over');
        assert.match(json(tooLate).error.details.reviewOn, /has passed/);
      } finally {
        clock.advance(-2 * 86_400_000);
      }
    });
  },
  { clock },
);
