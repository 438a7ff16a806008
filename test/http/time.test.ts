// Check-ins belong to the person's local day. Around local midnight and across daylight-saving
// changes (including Lord Howe's half-hour shift and India's half-hour offset) a check-in must land
// on the calendar day the person sees on their wall, whatever the server's zone. Expected dates are
// written out by hand from the zones' rules, not computed with the code under test.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addDays } from '../../src/core/time.js';
import { fixedClock } from '../../src/platform/clock.js';
import { describeEachDatabase, json } from '../support/app.js';
import { signUp, type Person } from '../support/api-client.js';

const clock = fixedClock(new Date('2025-01-01T12:00:00Z'));

interface Moment {
  /** The instant, in UTC. */
  at: string;
  /** The local calendar date at that instant, and what the wall clock shows (for the reader). */
  date: string;
  wall: string;
}
interface Case {
  zone: string;
  what: string;
  moments: Moment[];
}

const CASES: Case[] = [
  {
    zone: 'Pacific/Auckland',
    what: 'DST ends (03:00 NZDT → 02:00 NZST, 6 April 2025)',
    moments: [
      { at: '2025-04-05T10:59:00Z', date: '2025-04-05', wall: '23:59 NZDT' },
      { at: '2025-04-05T11:00:00Z', date: '2025-04-06', wall: '00:00 NZDT' },
      { at: '2025-04-06T11:59:00Z', date: '2025-04-06', wall: '23:59 NZST (a 25-hour day)' },
      { at: '2025-04-06T12:00:00Z', date: '2025-04-07', wall: '00:00 NZST' },
    ],
  },
  {
    zone: 'Pacific/Auckland',
    what: 'DST starts (02:00 NZST → 03:00 NZDT, 28 September 2025)',
    moments: [
      { at: '2025-09-27T11:59:00Z', date: '2025-09-27', wall: '23:59 NZST' },
      { at: '2025-09-27T12:00:00Z', date: '2025-09-28', wall: '00:00 NZST' },
      { at: '2025-09-28T10:59:00Z', date: '2025-09-28', wall: '23:59 NZDT (a 23-hour day)' },
      { at: '2025-09-28T11:00:00Z', date: '2025-09-29', wall: '00:00 NZDT' },
    ],
  },
  {
    zone: 'America/New_York',
    what: 'DST starts (02:00 EST → 03:00 EDT, 9 March 2025)',
    moments: [
      { at: '2025-03-09T04:59:00Z', date: '2025-03-08', wall: '23:59 EST' },
      { at: '2025-03-09T05:00:00Z', date: '2025-03-09', wall: '00:00 EST' },
      { at: '2025-03-10T03:59:00Z', date: '2025-03-09', wall: '23:59 EDT (a 23-hour day)' },
      { at: '2025-03-10T04:00:00Z', date: '2025-03-10', wall: '00:00 EDT' },
    ],
  },
  {
    zone: 'America/New_York',
    what: 'DST ends (02:00 EDT → 01:00 EST, 2 November 2025)',
    moments: [
      { at: '2025-11-02T03:59:00Z', date: '2025-11-01', wall: '23:59 EDT' },
      { at: '2025-11-02T04:00:00Z', date: '2025-11-02', wall: '00:00 EDT' },
      { at: '2025-11-03T04:59:00Z', date: '2025-11-02', wall: '23:59 EST (a 25-hour day)' },
      { at: '2025-11-03T05:00:00Z', date: '2025-11-03', wall: '00:00 EST' },
    ],
  },
  {
    zone: 'Europe/London',
    what: 'BST starts (01:00 GMT → 02:00 BST, 30 March 2025)',
    moments: [
      { at: '2025-03-29T23:59:00Z', date: '2025-03-29', wall: '23:59 GMT' },
      { at: '2025-03-30T00:00:00Z', date: '2025-03-30', wall: '00:00 GMT' },
      { at: '2025-03-30T22:59:00Z', date: '2025-03-30', wall: '23:59 BST (a 23-hour day)' },
      { at: '2025-03-30T23:00:00Z', date: '2025-03-31', wall: '00:00 BST' },
    ],
  },
  {
    zone: 'Europe/London',
    what: 'BST ends (02:00 BST → 01:00 GMT, 26 October 2025)',
    moments: [
      { at: '2025-10-25T22:59:00Z', date: '2025-10-25', wall: '23:59 BST' },
      { at: '2025-10-25T23:00:00Z', date: '2025-10-26', wall: '00:00 BST' },
      { at: '2025-10-26T23:59:00Z', date: '2025-10-26', wall: '23:59 GMT (a 25-hour day)' },
      { at: '2025-10-27T00:00:00Z', date: '2025-10-27', wall: '00:00 GMT' },
    ],
  },
  {
    zone: 'Asia/Kolkata',
    what: 'midnight at UTC+05:30 (no DST), across a month end',
    moments: [
      { at: '2025-06-30T18:29:00Z', date: '2025-06-30', wall: '23:59 IST' },
      { at: '2025-06-30T18:30:00Z', date: '2025-07-01', wall: '00:00 IST' },
      { at: '2025-07-01T18:29:59Z', date: '2025-07-01', wall: '23:59:59 IST' },
      { at: '2025-07-01T18:30:00Z', date: '2025-07-02', wall: '00:00 IST' },
    ],
  },
  {
    zone: 'Australia/Lord_Howe',
    what: 'half-hour DST ends (02:00 +11 → 01:30 +10:30, 6 April 2025)',
    moments: [
      { at: '2025-04-05T12:59:00Z', date: '2025-04-05', wall: '23:59 +11' },
      { at: '2025-04-05T13:00:00Z', date: '2025-04-06', wall: '00:00 +11' },
      { at: '2025-04-06T13:29:00Z', date: '2025-04-06', wall: '23:59 +10:30 (a 24½-hour day)' },
      { at: '2025-04-06T13:30:00Z', date: '2025-04-07', wall: '00:00 +10:30' },
    ],
  },
  {
    zone: 'Australia/Lord_Howe',
    what: 'half-hour DST starts (02:00 +10:30 → 02:30 +11, 5 October 2025)',
    moments: [
      { at: '2025-10-04T13:29:00Z', date: '2025-10-04', wall: '23:59 +10:30' },
      { at: '2025-10-04T13:30:00Z', date: '2025-10-05', wall: '00:00 +10:30' },
      { at: '2025-10-05T12:59:00Z', date: '2025-10-05', wall: '23:59 +11 (a 23½-hour day)' },
      { at: '2025-10-05T13:00:00Z', date: '2025-10-06', wall: '00:00 +11' },
    ],
  },
];

const pulse = (v: number) => ({ safety: v, trust: v, closeness: v });

async function personWithSpace(
  get: () => { app: import('fastify').FastifyInstance },
  timezone: string,
): Promise<{ person: Person; spaceId: string }> {
  const person = await signUp(get().app, 'Robin', { timezone });
  const created = await person.api.post('/api/v1/spaces', { name: 'Us' });
  assert.equal(created.statusCode, 201, created.body);
  return { person, spaceId: json(created).space.id };
}

describeEachDatabase(
  'check-ins land on the local day',
  (get) => {
    for (const c of CASES) {
      test(`${c.zone}: ${c.what}`, async () => {
        clock.set(new Date(c.moments[0]!.at));
        const { person, spaceId } = await personWithSpace(get, c.zone);
        const url = (date: string) => `/api/v1/spaces/${spaceId}/checkins/${date}`;
        const written = new Map<string, number>();
        for (const [i, m] of c.moments.entries()) {
          clock.set(new Date(m.at));
          const label = `${m.at} (${m.wall} in ${c.zone})`;
          // Tomorrow is refused, and so is three days back: the window is the local today and two before.
          const future = await person.api.put(url(addDays(m.date, 1)), pulse(1));
          assert.equal(future.statusCode, 400, `${label}: ${addDays(m.date, 1)} should be the future: ${future.body}`);
          assert.ok(json(future).error.details.date);
          assert.equal((await person.api.put(url(addDays(m.date, -3)), pulse(1))).statusCode, 400, `${label}: three days back`);

          const res = await person.api.put(url(m.date), pulse(i + 2));
          assert.equal(res.statusCode, written.has(m.date) ? 200 : 201, `${label}: ${res.body}`);
          assert.equal(json(res).checkin.date, m.date);
          written.set(m.date, i + 2);

          // Listing with no dates means "up to my today": it must reach the day just written.
          const list = json(await person.api.get(`/api/v1/spaces/${spaceId}/checkins`)).checkins as Array<{ date: string; trust: number }>;
          assert.equal(list.find((x) => x.date === m.date)?.trust, i + 2, `${label}: listed under ${m.date}`);
        }
        // One row per local day, holding the last value written that day.
        const all = json(
          await person.api.get(`/api/v1/spaces/${spaceId}/checkins?from=${addDays(c.moments[0]!.date, -1)}&to=${c.moments.at(-1)!.date}`),
        ).checkins as Array<{ date: string; trust: number }>;
        assert.deepEqual(Object.fromEntries(all.map((x) => [x.date, x.trust])), Object.fromEntries(written));
      });
    }

    test('partners in different zones each have their own today at the same instant', async () => {
      // 11:30 UTC on 5 April 2025: 00:30 on the 6th in Auckland, 07:30 on the 5th in New York.
      clock.set(new Date('2025-04-05T11:30:00Z'));
      const a = await signUp(get().app, 'Alex', { timezone: 'Pacific/Auckland' });
      const b = await signUp(get().app, 'Sam', { timezone: 'America/New_York' });
      const spaceId = json(await a.api.post('/api/v1/spaces', { name: 'Us' })).space.id;
      const code = json(await a.api.post(`/api/v1/spaces/${spaceId}/invitations`, {})).invitation.code;
      assert.equal((await b.api.post(`/api/v1/invitations/${code}/accept`)).statusCode, 200);

      assert.equal((await a.api.put(`/api/v1/spaces/${spaceId}/checkins/2025-04-06`, pulse(5))).statusCode, 201);
      assert.equal(
        (await b.api.put(`/api/v1/spaces/${spaceId}/checkins/2025-04-06`, pulse(5))).statusCode,
        400,
        'still the 5th in New York',
      );
      assert.equal((await b.api.put(`/api/v1/spaces/${spaceId}/checkins/2025-04-05`, pulse(6))).statusCode, 201);
      assert.equal(
        (await a.api.put(`/api/v1/spaces/${spaceId}/checkins/2025-04-03`, pulse(5))).statusCode,
        400,
        'three days back in Auckland',
      );
      assert.equal(
        (await b.api.put(`/api/v1/spaces/${spaceId}/checkins/2025-04-03`, pulse(4))).statusCode,
        201,
        'two days back in New York',
      );

      const seen = json(await a.api.get(`/api/v1/spaces/${spaceId}/checkins?from=2025-04-01&to=2025-04-06`)).checkins as Array<{
        accountId: string;
        date: string;
      }>;
      assert.deepEqual(seen.map((x) => `${x.accountId === a.id ? 'a' : 'b'} ${x.date}`).sort(), [
        'a 2025-04-06',
        'b 2025-04-03',
        'b 2025-04-05',
      ]);
    });
  },
  { clock },
);
