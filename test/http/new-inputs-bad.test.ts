import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addDays, localDate } from '../../src/core/time.js';
import { fixedClock } from '../../src/platform/clock.js';
import { describeEachDatabase, json, succeeded } from '../support/app.js';
import { couple, journeyWithApology, type Person } from '../support/api-client.js';
import { pagesAs } from '../support/live-people.js';

/**
 * Every input issue #20 added, read together with what a person (or a client) may get wrong: the
 * breach's "came out on", a transparency agreement's end, `?template=`, the check-in's `?date=`,
 * the therapy page's `?country=` and the apology's "what is missing" words. Each answers a clear
 * message beside its field (keeping what was typed) or a sensible default — never a 5xx — and the
 * API the same in its JSON error shape.
 */

const clock = fixedClock(new Date('2026-12-06T12:00:00Z'));
const TODAY = '2026-12-06';

/** Alex broke trust in an affair; step 1 is done and his apology delivered. */
const affair = (app: Parameters<typeof couple>[0]) => journeyWithApology(app, 'infidelity', { occurredOn: '2026-06-10' });

const apiRefuses = async (res: ReturnType<Person['api']['post']>, field: string, what: string) => {
  const r = await res;
  assert.equal(r.statusCode, 400, `${what}: ${r.body}`);
  const details = json(r).error?.details ?? {};
  assert.ok(typeof details[field] === 'string' && details[field].length > 0, `${what}: a message beside ${field}: ${r.body}`);
};

describeEachDatabase(
  'bad input to what issue #20 added',
  (get) => {
    test('the breach’s “came out on”: future, before it happened, malformed or far past — said beside the field, API and page', async () => {
      const { app } = get();
      const { a, b, spaceId } = await affair(app);
      const breach = (body: Record<string, unknown>) =>
        b.api.post(`/api/v1/spaces/${spaceId}/breaches`, { kind: 'lying', brokeTrust: [a.id], ...body });
      for (const [body, what] of [
        [{ cameOutOn: addDays(TODAY, 1) }, 'future'],
        [{ cameOutOn: '2027-01' }, 'future month'],
        [{ cameOutOn: '2026-05-01', occurredOn: '2026-06-10' }, 'before it happened'],
        [{ cameOutOn: '1899-12' }, 'far past'],
        [{ cameOutOn: '2026-02-30' }, 'no such day'],
      ] as const)
        await apiRefuses(breach(body), 'cameOutOn', what);
      for (const cameOutOn of ['soon', '2026-8', '', 42, '2026-08-01T00:00:00Z'])
        assert.equal((await breach({ cameOutOn })).statusCode, 400, `malformed ${JSON.stringify(cameOutOn)}`);

      const sam = await pagesAs(app, b);
      for (const [parts, message] of [
        [{ cameOutYear: '2027', cameOutMonth: '1' }, /not in the future/],
        [{ cameOutYear: '1850', cameOutMonth: '3' }, /./],
        [{ cameOutYear: 'soon', cameOutMonth: '3' }, /./],
        [{ cameOutYear: '2026', cameOutMonth: '13' }, /./],
        [{ cameOutYear: '2026', cameOutMonth: '2', cameOutDay: '30' }, /./],
        [{ cameOutYear: '2026', cameOutMonth: '5', occurredOn: '2026-06-10' }, /./],
      ] as const) {
        await sam.get(`/spaces/${spaceId}/breaches/new`);
        const res = await sam.post(`/spaces/${spaceId}/breaches`, {
          kind: 'infidelity',
          who: 'partner',
          // Words with no choice of who reads them: that problem and the date's are said together.
          description: 'KEPT-WORDS',
          ...parts,
        });
        assert.equal(res.statusCode, 400, `${JSON.stringify(parts)}: ${res.statusCode}`);
        assert.match(res.body, /id="field-cameOutOn-error"/, JSON.stringify(parts));
        assert.match(res.body, message);
        assert.match(res.body, new RegExp(`name="cameOutYear"[^>]*value="${parts.cameOutYear}"`), 'the year typed is kept');
        assert.match(res.body, /id="field-descriptionVisibility-error"/, 'read together with the form’s other problems');
        assert.match(res.body, />KEPT-WORDS<\/textarea>/);
      }
    });

    test('a transparency agreement’s end: missing, beyond 12 weeks, past or malformed; its flag missing — API and page', async () => {
      const { app } = get();
      const { a, b, spaceId, journeyId } = await affair(app);
      await succeeded(
        b.api.post(
          `/api/v1/apologies/${json(await a.api.get(`/api/v1/journeys/${journeyId}/apologies`)).apologies?.[0]?.id ?? 'x'}/responses`,
          { received: true },
        ),
        'received',
      ).catch(() => undefined);
      const propose = (body: Record<string, unknown>) =>
        b.api.post(`/api/v1/spaces/${spaceId}/agreements`, {
          text: 'I tell you when that person calls.',
          committedBy: [a.id],
          cadence: 'each_time',
          journeyId,
          transparency: true,
          ...body,
        });
      await apiRefuses(propose({}), 'reviewOn', 'no end');
      await apiRefuses(propose({ reviewOn: null }), 'reviewOn', 'a null end');
      await apiRefuses(propose({ reviewOn: addDays(TODAY, 85) }), 'reviewOn', 'beyond 84 days');
      await apiRefuses(propose({ reviewOn: addDays(TODAY, -1) }), 'reviewOn', 'in the past');
      for (const reviewOn of ['2026-13-40', 'next week', 7])
        assert.equal((await propose({ reviewOn })).statusCode, 400, `malformed ${JSON.stringify(reviewOn)}`);
      assert.equal((await propose({ transparency: 'yes', reviewOn: addDays(TODAY, 7) })).statusCode, 400, 'a flag that is not a boolean');
      assert.equal((await propose({ reviewOn: addDays(TODAY, 84) })).statusCode, 201, 'twelve weeks is the most');

      const sam = await pagesAs(app, b);
      const base = { who: 'partner', text: 'KEPT-TRANSPARENCY-WORDS', cadence: 'each_time', transparency: 'yes' };
      for (const [reviewOn, message] of [
        ['', /Choose the day this agreement ends/],
        [addDays(TODAY, 85), /within 12 weeks/],
        [addDays(TODAY, -3), /./],
        ['2026-13-40', /./],
        ['soon', /./],
      ] as const) {
        await sam.get(`/journeys/${journeyId}/agreements/new?template=contact`);
        const res = await sam.post(`/journeys/${journeyId}/agreements`, { ...base, reviewOn });
        assert.equal(res.statusCode, 400, `${reviewOn}: ${res.statusCode}`);
        assert.match(res.body, message, reviewOn);
        assert.match(res.body, /id="field-reviewOn-error"|href="#field-reviewOn"/, `${reviewOn}: beside its field`);
        assert.match(res.body, /KEPT-TRANSPARENCY-WORDS/, 'what was typed is kept');
        assert.match(res.body, /name="transparency" value="yes"/, 'still a transparency agreement');
      }
    });

    test('?template=, ?date= and ?country= that name nothing give the ordinary page, never an error', async () => {
      const { app } = get();
      const { b, spaceId, journeyId } = await affair(app);
      const sam = await pagesAs(app, b);
      for (const t of ['nope', 'CONTACT', '<script>', 'x'.repeat(3000), '', '%00']) {
        const res = await sam.get(`/journeys/${journeyId}/agreements/new?template=${encodeURIComponent(t)}`);
        assert.equal(res.statusCode, 200, `template ${t.slice(0, 20)}`);
        assert.doesNotMatch(res.body, /name="transparency"/, 'an unknown template is the ordinary form');
        assert.doesNotMatch(res.body, /<script>(?!.*src)/);
      }
      const dates = localDate(clock.now(), 'UTC');
      for (const d of [addDays(dates, 1), '2099-01-01', '2026-02-30', 'yesterday', '1999-01-01', 'x'.repeat(3000)]) {
        const res = await sam.get(`/spaces/${spaceId}/check-in?date=${encodeURIComponent(d)}`);
        assert.equal(res.statusCode, 200, `date ${d.slice(0, 20)}`);
        assert.match(res.body, /<h1>Today’s check-in<\/h1>/);
        assert.match(res.body, new RegExp(`<input type="hidden" name="date" value="${dates}">`));
        assert.match(res.body, /That day cannot be checked in for here, so this is today’s check-in\./);
      }
      assert.doesNotMatch(
        (await sam.get(`/spaces/${spaceId}/check-in`)).body,
        /cannot be checked in for/,
        'no notice when no day was asked',
      );
      for (const c of ['ZZ', 'gb', 'x'.repeat(3000), '<b>', '']) {
        const res = await sam.get(`/journeys/${journeyId}/therapy?country=${encodeURIComponent(c)}`);
        assert.equal(res.statusCode, 200, `country ${c.slice(0, 20)}`);
        assert.ok(!res.body.includes('<b>'), 'nothing of the address is drawn as markup');
      }
    });

    test('the apology’s “what is missing” words: empty or blank are none; too long is said, keeping the words', async () => {
      const { app } = get();
      const { a, b, journeyId, apologyId } = await affair(app);
      const answer = (body: Record<string, unknown>) =>
        b.api.post(`/api/v1/apologies/${apologyId}/responses`, { received: true, sincere: false, ...body });
      await apiRefuses(answer({ missingWords: 'y'.repeat(2001) }), 'missingWords', 'too long');
      await apiRefuses(answer({ missingWords: 7 }), 'missingWords', 'not text');
      const sam = await pagesAs(app, b);
      await sam.get(`/journeys/${journeyId}/apologies/${apologyId}/answer`);
      const long = await sam.post(`/journeys/${journeyId}/apologies/${apologyId}/answer`, {
        sincere: 'no',
        missingWords: `KEPT ${'y'.repeat(2001)}`,
      });
      assert.equal(long.statusCode, 400);
      assert.match(long.body, /Use at most 2000 characters/);
      assert.match(long.body, /KEPT y/, 'what was typed is kept');
      await sam.get(`/journeys/${journeyId}/apologies/${apologyId}/answer`);
      const blank = await sam.post(`/journeys/${journeyId}/apologies/${apologyId}/answer`, { sincere: 'no', missingWords: '   \n  ' });
      assert.equal(blank.statusCode, 303, blank.body.slice(0, 300));
      const seen = json(await a.api.get(`/api/v1/journeys/${journeyId}/apologies`));
      assert.ok(!JSON.stringify(seen).includes('   \\n'), 'only whitespace is kept as no words');
    });
  },
  { clock },
);
