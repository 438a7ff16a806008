import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { fixedClock } from '../../src/platform/clock.js';
import { ApologyStore } from '../../src/features/journey/apologies-store.js';
import { describeEachDatabase, json, succeeded, type Response } from '../support/app.js';
import { couple, POSITIVE_SCREENING, sharingNumbers, signUp, type Person } from '../support/api-client.js';
import { activeTherapist, pagesAs } from '../support/live-people.js';
import type { PageClient } from '../support/browser-less.js';

/**
 * The printable record of a space (issue #19, item 4): each partner's shows their own private
 * writing and nothing of the other's — no private entry, no still-sealed half, no draft apology,
 * nothing of a safety check — and an active therapist's shows only what both share, written to
 * the access log. A pending or removed therapist, or a stranger, gets nothing. Canaries mark
 * everything that must, or must not, be there.
 */

const START = new Date('2026-03-02T09:00:00Z');
const clock = fixedClock(START);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const today = () => clock.now().toISOString().slice(0, 10);

const ALEX_PRIVATE = 'ALEX-PRIVATE-CANARY';
const ALEX_DRAFT = 'ALEX-DRAFT-APOLOGY-CANARY';
const ALEX_SHARED = 'ALEX-SHARED-WHY';
const SAM_PRIVATE = 'SAM-PRIVATE-CANARY';
const SAM_SEALED = 'SAM-SEALED-HALF-CANARY';
const SAM_DESCRIPTION = 'SAM-SHARED-DESCRIPTION';
const AGREEMENT = 'I text Sam before 18:00 when I will be late';
const ALEX_PRIVATE_NOTE = 'ALEX-PRIVATE-CHECKIN-NOTE';
const SAM_SHARED_NOTE = 'SAM-SHARED-CHECKIN-NOTE';

async function logRows(app: FastifyInstance, spaceId: string, what: string): Promise<number> {
  const { rows } = await sql<{
    n: number | string;
  }>`select count(*) as n from therapist_access_log where space_id = ${spaceId} and what = ${what}`.execute(app.mend.store.db);
  return Number(rows[0]!.n);
}

/** The page's main content: what the reader reads (the header's forms carry a fresh token each time). */
const main = (res: Response): string => /<main[^>]*>([\s\S]*)<\/main>/.exec(res.body)?.[1] ?? '';

/** Opens the record the way a browser does: asked for the password, then redirected to it. */
async function openRecord(pages: PageClient, person: Person, spaceId: string): Promise<Response> {
  const asked = await pages.get(`/spaces/${spaceId}/report`);
  if (asked.statusCode === 200) return asked;
  assert.equal(asked.statusCode, 403, asked.body.slice(0, 300));
  const confirmed = await pages.post(`/spaces/${spaceId}/report`, { password: person.password });
  assert.equal(confirmed.statusCode, 303, confirmed.body.slice(0, 300));
  assert.equal(confirmed.headers.location, `/spaces/${spaceId}/report`);
  const record = await pages.get(`/spaces/${spaceId}/report`);
  assert.equal(record.statusCode, 200, record.body.slice(0, 300));
  return record;
}

/** Alex broke trust; each partner writes something private, Sam a half still sealed, Alex a draft apology. */
async function aCoupleWithCanaries(app: FastifyInstance): Promise<{ a: Person; b: Person; spaceId: string; journeyId: string }> {
  const { a, b, spaceId } = await couple(app, ['Alex', 'Sam']);
  await sharingNumbers(a, b);
  const breach = await succeeded(
    b.api.post(`/api/v1/spaces/${spaceId}/breaches`, {
      kind: 'lying',
      brokeTrust: [a.id],
      occurredOn: '2026-01-10',
      cameOut: 'discovered',
      hurt: 4,
      description: { text: SAM_DESCRIPTION, visibility: 'shared' },
    }),
    'breach',
  );
  const journeyId = json(breach).journey.id as string;
  const write = (p: Person, prompt: string, text: string, visibility?: string) =>
    succeeded(p.api.post(`/api/v1/journeys/${journeyId}/entries`, { prompt, text, ...(visibility ? { visibility } : {}) }), prompt);
  await write(b, 'what_happened', SAM_SEALED, 'sealed');
  for (const p of [a, b]) await succeeded(p.api.post(`/api/v1/journeys/${journeyId}/acknowledgements`), 'acknowledge');
  const apology = await succeeded(
    a.api.post(`/api/v1/journeys/${journeyId}/apologies`, {
      parts: {
        regret: 'I am sorry I lied.',
        responsibility: 'It was my choice.',
        impact: 'You doubted yourself.',
        change: 'I tell you.',
        repair: 'Ask me.',
      },
    }),
    'apology',
  );
  await succeeded(b.api.post(`/api/v1/apologies/${json(apology).apology.id}/responses`, { received: true, sincere: true }), 'answer');
  // A draft: the builder keeps one undelivered; only its author may ever read it.
  await new ApologyStore(app.mend.store.db, app.mend.vault).insert({
    id: `draft-${Date.now()}-${Math.random().toString(36).slice(2)}`,
    journeyId,
    authorId: a.id,
    text: ALEX_DRAFT,
    parts: null,
    createdAt: clock.now().toISOString(),
    deliveredAt: null,
  });
  const agreement = json(
    await succeeded(
      a.api.post(`/api/v1/spaces/${spaceId}/agreements`, { text: AGREEMENT, committedBy: [a.id], cadence: 'daily', journeyId }),
      'agree',
    ),
  ).agreement.id as string;
  await succeeded(b.api.post(`/api/v1/agreements/${agreement}/accept`), 'accept');
  await write(a, 'why_im_doing_this', ALEX_PRIVATE, 'private');
  await write(a, 'why_im_doing_this', ALEX_SHARED, 'shared');
  await write(b, 'why_im_doing_this', SAM_PRIVATE, 'private');
  for (let d = 0; d < 3; d++) {
    const logged = await succeeded(
      a.api.post(`/api/v1/agreements/${agreement}/log`, { occurredOn: today(), kept: d !== 1, note: null }),
      'log',
    );
    await succeeded(b.api.post(`/api/v1/agreement-log/${json(logged).logEntry.id}/confirm`, {}), 'confirm');
    for (const [p, trust, note] of [
      [a, 6, { text: ALEX_PRIVATE_NOTE, visibility: 'private' }],
      [b, 4, { text: SAM_SHARED_NOTE, visibility: 'shared' }],
    ] as const)
      await succeeded(
        p.api.put(`/api/v1/spaces/${spaceId}/checkins/${today()}`, { safety: 5, trust, closeness: 5, ...(d === 0 ? { note } : {}) }),
        'check in',
      );
    clock.advance(DAY);
  }
  return { a, b, spaceId, journeyId };
}

describeEachDatabase(
  'the printable record of a space',
  (get) => {
    test("each partner's record holds their own private writing and none of the other's; no ids, no raw timestamps", async () => {
      clock.set(START);
      const { app } = get();
      const { a, b, spaceId, journeyId } = await aCoupleWithCanaries(app);
      const alexPages = await pagesAs(app, a);
      const alex = main(await openRecord(alexPages, a, spaceId));
      const sam = main(await openRecord(await pagesAs(app, b), b, spaceId));

      for (const mine of [ALEX_PRIVATE, ALEX_DRAFT, ALEX_PRIVATE_NOTE, ALEX_SHARED, SAM_DESCRIPTION, SAM_SHARED_NOTE, AGREEMENT])
        assert.ok(alex.includes(mine), `Alex's record has ${mine}`);
      for (const theirs of [SAM_PRIVATE, SAM_SEALED]) assert.ok(!alex.includes(theirs), `Alex's record has no ${theirs}`);
      for (const mine of [SAM_PRIVATE, SAM_SEALED, SAM_SHARED_NOTE, ALEX_SHARED, SAM_DESCRIPTION, AGREEMENT])
        assert.ok(sam.includes(mine), `Sam's record has ${mine}`);
      for (const theirs of [ALEX_PRIVATE, ALEX_DRAFT, ALEX_PRIVATE_NOTE]) assert.ok(!sam.includes(theirs), `Sam's record has no ${theirs}`);

      // Alex is told that Sam's half waits, as the journey page tells him — never what it says.
      assert.match(alex, /Sam has written their half of “What happened, and how it affected me”/);
      // The story in words and dates, names for people; no ids, no ISO timestamps.
      assert.match(sam, /Alex broke trust: lying or deception\. It happened on 10 January 2026\. It came out by being discovered\./);
      assert.match(sam, /Acknowledge the problem<\/span> — done on 2 March 2026/);
      assert.match(sam, /About \d+ in 10 occasions kept/);
      assert.match(sam, /<th scope="row">Mar 2026<\/th><td>2<\/td><td>1<\/td>/, 'kept and missed by month');
      assert.match(sam, /figure class="chart chart-line-chart" id="chart-report-trust"/, 'the trend chart');
      assert.match(sam, /<td>4\.0<\/td>/, 'its numbers');
      for (const body of [alex, sam]) {
        for (const id of [a.id, b.id, journeyId]) assert.ok(!body.includes(id), `no id in the record (${id})`);
        assert.doesNotMatch(body, /\d{4}-\d{2}-\d{2}T\d{2}:/, 'no raw timestamps');
        assert.doesNotMatch(body, /\b0\.\d\d \(0\.\d\d–0\.\d\d\)/, 'no bare score and interval');
      }

      // The account's report from the export page is the same record.
      await alexPages.get('/account/export');
      const exported = await alexPages.post('/account/export', { password: a.password, format: 'report' });
      assert.equal(exported.statusCode, 200);
      assert.ok(main(exported).includes(ALEX_PRIVATE) && !main(exported).includes(SAM_PRIVATE));
    });

    test('a partner who left is named in the record; where a deleted partner’s words were, it says they were removed and when', async () => {
      clock.set(START);
      const { app } = get();
      const left = await aCoupleWithCanaries(app);
      assert.equal((await left.a.api.post(`/api/v1/spaces/${left.spaceId}/leave`, { password: left.a.password })).statusCode, 204);
      const afterLeaving = main(await openRecord(await pagesAs(app, left.b), left.b, left.spaceId));
      assert.ok(afterLeaving.includes(ALEX_SHARED), 'what he shared stays');
      assert.match(afterLeaving, /Alex · /, 'under his name');
      assert.doesNotMatch(afterLeaving, /no longer in the space/);

      const deleted = await aCoupleWithCanaries(app);
      const t = await activeTherapist(app, deleted.a, deleted.b, deleted.spaceId);
      assert.equal((await deleted.a.api.delete('/api/v1/me', { password: deleted.a.password })).statusCode, 204);
      for (const [reader, pages, who] of [
        [deleted.b, await pagesAs(app, deleted.b), 'your partner (account deleted)'],
        [t, await pagesAs(app, t), 'a partner (account deleted)'],
      ] as const) {
        const record = main(await openRecord(pages, reader, deleted.spaceId));
        assert.ok(!record.includes(ALEX_SHARED) && !record.includes(AGREEMENT), 'his words are gone');
        assert.ok(record.toLowerCase().includes(`${who} · `), `his entry is said to be by ${who}`);
        assert.match(record, /was removed by its author on \d{1,2} [A-Z][a-z]+ \d{4}, when they deleted their account/);
        assert.doesNotMatch(record, /<div class="report-text"><\/div>/, 'no empty text where his words were');
        assert.doesNotMatch(record, /“”/, 'no empty quotation of his agreement');
        assert.doesNotMatch(record, /no longer in the space/);
      }
    });

    test('in the reader’s own time zone: a day that is already tomorrow for them says so', async () => {
      clock.set(new Date('2026-03-02T23:30:00Z'));
      const { app } = get();
      const { a, b, spaceId } = await couple(app, ['Alex', 'Sam']);
      await succeeded(b.api.post(`/api/v1/spaces/${spaceId}/breaches`, { kind: 'lying', brokeTrust: [a.id] }), 'breach');
      const pages = await pagesAs(app, b);
      await pages.get('/account/settings');
      const saved = await pages.post('/account/settings', { displayName: 'Sam', timezone: 'Pacific/Auckland', country: '' });
      assert.equal(saved.statusCode, 303, saved.body.slice(0, 300));
      const record = main(await openRecord(pages, b, spaceId));
      assert.match(record, /Prepared for<\/dt><dd>Sam, on 3 March 2026/);
      assert.match(record, /the journey began on 3 March 2026/);
    });

    test("a positive safety check changes nothing in the partner's or the therapist's record", async () => {
      clock.set(START);
      const { app } = get();
      const { a, b, spaceId } = await aCoupleWithCanaries(app);
      const t = await activeTherapist(app, a, b, spaceId);
      const alexPages = await pagesAs(app, a);
      const therapistPages = await pagesAs(app, t);
      const before = [main(await openRecord(alexPages, a, spaceId)), main(await openRecord(therapistPages, t, spaceId))];
      await succeeded(b.api.post('/api/v1/me/safety-screenings', POSITIVE_SCREENING), 'screening');
      const after = [main(await alexPages.get(`/spaces/${spaceId}/report`)), main(await therapistPages.get(`/spaces/${spaceId}/report`))];
      assert.equal(after[0], before[0], "Alex's record");
      assert.equal(after[1], before[1], "the therapist's record");
    });

    test('an active therapist gets the record of what both share, written to the access log; the password step is no view', async () => {
      clock.set(START);
      const { app } = get();
      const { a, b, spaceId } = await aCoupleWithCanaries(app);
      const t = await activeTherapist(app, a, b, spaceId);
      const pages = await pagesAs(app, t);
      const asked = await pages.get(`/spaces/${spaceId}/report`);
      assert.equal(asked.statusCode, 403);
      for (const words of [SAM_DESCRIPTION, ALEX_SHARED, 'Alex', 'Sam'])
        assert.ok(!main(asked).includes(words), `the password step shows no ${words}`);
      assert.equal(await logRows(app, spaceId, '/spaces/:spaceId/report'), 0, 'asking for the password is not a view');
      const wrong = await pages.post(`/spaces/${spaceId}/report`, { password: 'not the password at all' });
      assert.equal(wrong.statusCode, 403);
      assert.match(wrong.body, /That password is not right/);

      const record = main(await openRecord(pages, t, spaceId));
      for (const shared of [SAM_DESCRIPTION, ALEX_SHARED, AGREEMENT, SAM_SHARED_NOTE])
        assert.ok(record.includes(shared), `the therapist reads ${shared}`);
      for (const hidden of [ALEX_PRIVATE, ALEX_DRAFT, ALEX_PRIVATE_NOTE, SAM_PRIVATE, SAM_SEALED])
        assert.ok(!record.includes(hidden), `the therapist never reads ${hidden}`);
      assert.doesNotMatch(record, /has written their half/, 'not even that a half waits');
      assert.match(record, /Alex and Sam chose to share with Dr Lee as their therapist/);
      assert.equal(await logRows(app, spaceId, '/spaces/:spaceId/report'), 1, 'the record is in the access log');
    });

    test('a pending or removed therapist, a stranger and a signed-out visitor get nothing', async () => {
      clock.set(START);
      const { app } = get();
      const { a, b, spaceId } = await aCoupleWithCanaries(app);
      const pending = await signUp(app, 'Dr Waiting');
      const { code } = json(await a.api.post(`/api/v1/spaces/${spaceId}/invitations`, { role: 'therapist' })).invitation;
      assert.equal((await pending.api.post(`/api/v1/invitations/${code}/accept`)).statusCode, 200);
      const removed = await activeTherapist(app, a, b, spaceId, 'Dr Former');
      const removedPages = await pagesAs(app, removed);
      await openRecord(removedPages, removed, spaceId);
      assert.ok((await a.api.delete(`/api/v1/spaces/${spaceId}/therapists/${removed.id}`)).statusCode < 300);
      const stranger = await signUp(app, 'Stranger');
      for (const [who, person, pages] of [
        ['pending', pending, await pagesAs(app, pending)],
        ['removed', removed, removedPages],
        ['stranger', stranger, await pagesAs(app, stranger)],
      ] as const) {
        for (const path of ['report', 'session-summary']) {
          const res = await pages.get(`/spaces/${spaceId}/${path}`);
          assert.equal(res.statusCode, 404, `${who} ${path}`);
          for (const words of [SAM_DESCRIPTION, ALEX_SHARED, AGREEMENT]) assert.ok(!res.body.includes(words), `${who} ${path}`);
        }
        await pages.get('/account');
        assert.equal((await pages.post(`/spaces/${spaceId}/report`, { password: person.password })).statusCode, 404, `${who} posts`);
      }
      const anonymous = await app.inject({ method: 'GET', url: `/spaces/${spaceId}/report` });
      assert.ok(anonymous.statusCode === 401 || anonymous.statusCode === 303, `signed out: ${anonymous.statusCode}`);
      assert.ok(!anonymous.body.includes(SAM_DESCRIPTION));
    });
  },
  { clock },
);

describeEachDatabase(
  "a therapist's session summary",
  (get) => {
    test('shows what changed since their last visit, only what they may see; a first visit shows everything; partners have none', async () => {
      clock.set(START);
      const { app } = get();
      const { a, b, spaceId, journeyId } = await aCoupleWithCanaries(app);
      const t = await activeTherapist(app, a, b, spaceId);
      const pages = await pagesAs(app, t);

      // First visit: everything so far, and still nothing private.
      const first = await pages.get(`/spaces/${spaceId}/session-summary`);
      assert.equal(first.statusCode, 200, first.body.slice(0, 300));
      const firstMain = main(first);
      assert.match(firstMain, /This is your first visit/);
      assert.ok(firstMain.includes(ALEX_SHARED) && firstMain.includes(AGREEMENT));
      for (const hidden of [ALEX_PRIVATE, ALEX_DRAFT, ALEX_PRIVATE_NOTE, SAM_PRIVATE, SAM_SEALED])
        assert.ok(!firstMain.includes(hidden), hidden);
      assert.equal(await logRows(app, spaceId, '/spaces/:spaceId/session-summary'), 1, 'logged');

      // Views less than two hours apart are the same visit: the summary does not empty itself on a reload.
      clock.advance(HOUR);
      assert.match(main(await pages.get(`/spaces/${spaceId}`)), /Alex and Sam share this space/);
      assert.match(main(await pages.get(`/spaces/${spaceId}/session-summary`)), /This is your first visit/);

      // A week later, with Sam's numbers rising day by day and Alex silent in his check-ins.
      const lastView = clock.now();
      for (let d = 0; d < 22; d++) {
        clock.advance(DAY);
        await succeeded(
          b.api.put(`/api/v1/spaces/${spaceId}/checkins/${today()}`, {
            safety: 5,
            trust: Math.min(10, 1 + Math.floor(d / 2)),
            closeness: 5,
          }),
          'Sam',
        );
      }
      await succeeded(
        b.api.post(`/api/v1/journeys/${journeyId}/entries`, { prompt: 'why_im_doing_this', text: 'SAM-NEW-SHARED', visibility: 'shared' }),
        'new',
      );
      await succeeded(
        b.api.post(`/api/v1/journeys/${journeyId}/entries`, {
          prompt: 'why_im_doing_this',
          text: 'SAM-NEW-PRIVATE',
          visibility: 'private',
        }),
        'new private',
      );
      const proposed = await succeeded(
        b.api.post(`/api/v1/spaces/${spaceId}/agreements`, {
          text: 'NEW-AGREEMENT we walk on Sundays',
          committedBy: [b.id],
          cadence: 'weekly',
        }),
        'propose',
      );
      await succeeded(a.api.post(`/api/v1/agreements/${json(proposed).agreement.id}/accept`), 'accept');
      clock.advance(HOUR);

      const second = main(await pages.get(`/spaces/${spaceId}/session-summary`));
      const tz = 'UTC';
      assert.match(second, /Your last visit ended on/);
      assert.ok(
        second.includes(new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: tz }).format(lastView)),
        'when',
      );
      assert.ok(second.includes('SAM-NEW-SHARED'), 'the new shared entry');
      assert.match(second, /“NEW-AGREEMENT we walk on Sundays” — proposed by Sam and agreed on 27 March 2026/, 'the new agreement, once');
      assert.ok(!second.includes(ALEX_SHARED), 'not what was there at the last visit');
      assert.ok(!second.includes(AGREEMENT), 'nor the old agreement, with nothing logged since');
      for (const hidden of ['SAM-NEW-PRIVATE', ALEX_PRIVATE, ALEX_DRAFT, SAM_PRIVATE, SAM_SEALED])
        assert.ok(!second.includes(hidden), hidden);
      assert.match(second, /Alex checked in on 0 days; Sam checked in on 22 days/);
      assert.match(second, /<strong>Sam, trust:<\/strong> not enough check-ins for a trend before, improving now/);
      assert.match(
        second,
        /New since your last visit:<\/p><ul class="report-flags"><li><p>[^<]*(no check-in from one of you|has not checked in)/,
      );

      // Partners have no session summary: it is the therapist's page.
      for (const p of [a, b]) assert.equal((await (await pagesAs(app, p)).get(`/spaces/${spaceId}/session-summary`)).statusCode, 404);
    });
  },
  { clock },
);
