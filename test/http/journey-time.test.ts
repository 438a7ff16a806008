import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDatabase, json } from '../support/app.js';
import { ApiClient, couple, signUp, type Person } from '../support/api-client.js';
import { activeTherapist, pagesAs } from '../support/live-people.js';
import { fixedClock } from '../../src/platform/clock.js';

/**
 * Time in the journey counts from when the breach came out (issue #20, item 1): asked on the breach
 * form (a month is enough), bounded at the edge, in the API, correctable later by either partner,
 * and drawn on step 4 as a band against the usual range for its kind, in words too.
 */
const clock = fixedClock(new Date('2026-12-06T12:00:00Z'));

const breach = (p: Person, spaceId: string, body: Record<string, unknown>) => p.api.post(`/api/v1/spaces/${spaceId}/breaches`, body);
const timelineOf = async (p: Person, journeyId: string) => json(await p.api.get(`/api/v1/journeys/${journeyId}`)).journey.timeline;

describeEachDatabase(
  'time in the journey',
  (get) => {
    test('API: counted from when it came out (a month is enough), else when it was recorded — never from when it began', async () => {
      const { a, b, spaceId } = await couple(get().app);
      const res = await breach(b, spaceId, { kind: 'infidelity', brokeTrust: [a.id], cameOutOn: '2026-08', cameOut: 'discovered' });
      assert.equal(res.statusCode, 201, res.body);
      const { breach: stored, journey } = json(res);
      assert.equal(stored.cameOutOn, '2026-08');
      assert.deepEqual(
        { ...journey.timeline, usualRange: undefined },
        {
          elapsedDays: 127,
          elapsedWeeks: 18,
          elapsedMonths: 4.2,
          position: 'before_range',
          countsFrom: 'came_out',
          since: '2026-08-01',
          usualRange: undefined,
        },
      );
      assert.equal((await timelineOf(a, journey.id)).since, '2026-08-01', 'the partner sees the same');

      const happened = json(await breach(a, spaceId, { kind: 'lying', brokeTrust: [a.id], occurredOn: '2026-06-06' })).journey.timeline;
      assert.equal(happened.countsFrom, 'recorded', 'a two-year affair found last week is not two years into repair');
      assert.equal(happened.elapsedDays, 0);
      const recorded = json(await breach(a, spaceId, { kind: 'lying', brokeTrust: [a.id] })).journey.timeline;
      assert.equal(recorded.countsFrom, 'recorded');
      assert.equal(recorded.elapsedDays, 0);
      assert.equal(recorded.since, '2026-12-06');
    });

    test('API: dates are checked at the edge, beside their field', async () => {
      const { a, spaceId } = await couple(get().app);
      const refused = async (body: Record<string, unknown>, field: string) => {
        const res = await breach(a, spaceId, { kind: 'lying', brokeTrust: [a.id], ...body });
        assert.equal(res.statusCode, 400, `${JSON.stringify(body)} ${res.body}`);
        if (field) assert.ok(json(res).error.details?.[field], `${JSON.stringify(body)}: ${res.body}`);
      };
      await refused({ cameOutOn: '2026-12-07' }, 'cameOutOn');
      await refused({ cameOutOn: '2027-01' }, 'cameOutOn');
      await refused({ cameOutOn: '1900-05' }, 'cameOutOn');
      await refused({ cameOutOn: '2026-13' }, 'cameOutOn');
      await refused({ cameOutOn: '2026-02-30' }, 'cameOutOn');
      await refused({ cameOutOn: '2026-05', occurredOn: '2026-06-10' }, 'cameOutOn');
      await refused({ occurredOn: '1900-01-01' }, 'occurredOn');
      await refused({ occurredOn: '2026-12-07' }, 'occurredOn');
      await refused({ cameOutOn: 'September' }, '');
      await refused({ cameOutOn: '2026-08-011' }, '');
      assert.equal((await breach(a, spaceId, { kind: 'lying', brokeTrust: [a.id], cameOutOn: '2026-12' })).statusCode, 201, 'this month');
    });

    test('API: either partner corrects the dates; a therapist cannot; nobody else finds the journey', async () => {
      const { app } = get();
      const { a, b, spaceId } = await couple(app, ['Alex', 'Sam']);
      const t = await activeTherapist(app, a, b, spaceId);
      const stranger = await signUp(app, 'Kim');
      const id = json(await breach(b, spaceId, { kind: 'infidelity', brokeTrust: [a.id], occurredOn: '2026-05-01' })).journey.id;
      const patch = (p: Person | ApiClient, body: Record<string, unknown>) =>
        ('api' in p ? p.api : p).put(`/api/v1/journeys/${id}/breach-dates`, { occurredOn: '2026-05-01', ...body });

      const byOther = await patch(a, { cameOutOn: '2026-09' });
      assert.equal(byOther.statusCode, 200, byOther.body);
      assert.equal(json(byOther).breach.cameOutOn, '2026-09');
      assert.equal(json(byOther).breach.occurredOn, '2026-05-01');
      assert.equal(json(byOther).journey.timeline.countsFrom, 'came_out');
      const byRecorder = await patch(b, { cameOutOn: '2026-09-03' });
      assert.equal(json(byRecorder).journey.timeline.since, '2026-09-03');

      assert.equal((await patch(t, { cameOutOn: '2026-10' })).statusCode, 403, 'a therapist reads, never corrects');
      const lost = await patch(stranger, { cameOutOn: '2026-10' });
      assert.equal(lost.statusCode, 404);
      assert.doesNotMatch(lost.body, /2026-09/);
      assert.equal((await patch(new ApiClient(app), { cameOutOn: '2026-10' })).statusCode, 401);
      assert.equal((await patch(a, { cameOutOn: '2027-01-01' })).statusCode, 400);
      assert.equal((await patch(a, { cameOutOn: '2026-04' })).statusCode, 400, 'not before it happened');
      assert.equal((await patch(a, { when: '2026-04' })).statusCode, 400, 'nothing else is taken');
      assert.equal((await a.api.put(`/api/v1/journeys/${id}/breach-dates`, { cameOutOn: '2026-04' })).statusCode, 400, 'both are given');
      assert.equal((await timelineOf(b, id)).since, '2026-09-03', 'refusals changed nothing');

      const cleared = json(await patch(a, { cameOutOn: null, occurredOn: null })).journey.timeline;
      assert.equal(cleared.countsFrom, 'recorded');
    });

    test('pages: the form asks when it came out; step 4 says where the couple is and draws it; the journey page corrects it', async () => {
      const { app } = get();
      const { a, b, spaceId } = await couple(app, ['Alex', 'Sam']);
      const t = await activeTherapist(app, a, b, spaceId);
      const sam = await pagesAs(app, b);
      const form = await sam.get(`/spaces/${spaceId}/breaches/new`);
      assert.match(form.body, /<legend>When did it come out\? \(optional\)<\/legend>/);
      assert.match(form.body, /<label for="field-cameOutOn">Month<\/label>/);

      // Half a date is said beside the field, and what was chosen stays.
      const half = await sam.post(`/spaces/${spaceId}/breaches`, {
        kind: 'infidelity',
        who: 'partner',
        cameOutYear: '2026',
        cameOutMonth: '',
      });
      assert.equal(half.statusCode, 400);
      assert.match(half.body, /href="#field-cameOutOn"/);
      assert.match(half.body, /id="field-cameOutOn-error"/);
      assert.match(half.body, /name="cameOutYear"[^>]*value="2026"/);
      await sam.get(`/spaces/${spaceId}/breaches/new`);
      const future = await sam.post(`/spaces/${spaceId}/breaches`, {
        kind: 'infidelity',
        who: 'partner',
        cameOutYear: '2027',
        cameOutMonth: '1',
      });
      assert.equal(future.statusCode, 400);
      assert.match(future.body, /not in the future/);

      await sam.get(`/spaces/${spaceId}/breaches/new`);
      const recorded = await sam.post(`/spaces/${spaceId}/breaches`, {
        kind: 'infidelity',
        who: 'partner',
        cameOutYear: '2026',
        cameOutMonth: '8',
      });
      assert.equal(recorded.statusCode, 303, recorded.body.slice(0, 400));
      const journeyUrl = String(recorded.headers.location);
      const step4 = (await sam.get(`${journeyUrl}/steps/4`)).body;
      assert.ok(
        step4.includes(
          '<strong>4 months since it came out.</strong> After an affair, many couples take 1 to 3 years; you are early in that.',
        ),
      );
      assert.match(step4, /<svg class="timeline-band__svg"[^>]*role="img" aria-labelledby="timeline-words"/);
      assert.match(step4, /Counted from August 2026, when it came out/);
      assert.doesNotMatch(step4, /<meter/, 'no empty grey strip');
      assert.doesNotMatch(step4, /began this journey 0 days ago/);

      // Alex, the other partner, corrects it on the journey page, without any script.
      const alex = await pagesAs(app, a);
      const page = await alex.get(journeyUrl);
      assert.match(page.body, /<dt>When it came out<\/dt><dd>August 2026<\/dd>/);
      assert.ok(page.body.includes(`action="${journeyUrl}/breach-dates"`));
      const wrong = await alex.post(`${journeyUrl}/breach-dates`, { cameOutYear: '2026', cameOutMonth: '2', cameOutDay: '30' });
      assert.equal(wrong.statusCode, 400);
      assert.match(wrong.body, /id="field-cameOutOn-error"/);
      assert.match(wrong.body, /<details class="breach-dates" id="breach-dates" open>/);
      await alex.get(journeyUrl);
      const fixed = await alex.post(`${journeyUrl}/breach-dates`, {
        occurredOn: '',
        cameOutYear: '2026',
        cameOutMonth: '9',
        cameOutDay: '3',
      });
      assert.equal(fixed.statusCode, 303, fixed.body.slice(0, 400));
      assert.match((await sam.get(`${journeyUrl}/steps/4`)).body, /3 months since it came out\./);
      assert.match((await sam.get(journeyUrl)).body, /<dt>When it came out<\/dt><dd>3 September 2026<\/dd>/);

      // The therapist reads the same band, and is offered no correction.
      const therapist = await pagesAs(app, t);
      const seen = await therapist.get(`${journeyUrl}/steps/4`);
      assert.match(
        seen.body,
        /3 months since it came out\.<\/strong> After an affair, many couples take 1 to 3 years; they are early in that\./,
      );
      assert.match(seen.body, /Solid: their time so far/, 'spoken of, not to');
      assert.doesNotMatch(seen.body, /you are early|your time so far/);
      assert.doesNotMatch(seen.body, /Correct the date/);
      assert.doesNotMatch((await therapist.get(journeyUrl)).body, /breach-dates/);
      assert.equal((await therapist.post(`${journeyUrl}/breach-dates`, { cameOutYear: '2026', cameOutMonth: '1' })).statusCode, 403);
      const strangerPages = await pagesAs(app, await signUp(app, 'Kim'));
      assert.equal((await strangerPages.get(journeyUrl)).statusCode, 404);
      await strangerPages.get('/');
      assert.equal((await strangerPages.post(`${journeyUrl}/breach-dates`, { cameOutYear: '2026', cameOutMonth: '1' })).statusCode, 404);
      assert.match((await sam.get(`${journeyUrl}/steps/4`)).body, /3 months since it came out\./, 'refused changes changed nothing');

      // With no date, it says it counts from the day it was recorded, and offers to add it.
      const none = json(await a.api.post(`/api/v1/spaces/${spaceId}/breaches`, { kind: 'lying', brokeTrust: [a.id] })).journey.id;
      const plain = (await alex.get(`/journeys/${none}/steps/4`)).body;
      assert.match(plain, /It was recorded in Mend today\./);
      assert.match(plain, /the day it was recorded in Mend, because when it came out is not recorded\./);
      assert.ok(plain.includes(`href="/journeys/${none}#breach-dates">Add when it came out</a>`));
    });
  },
  { clock },
);
