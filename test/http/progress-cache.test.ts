import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.js';
import { fixedClock } from '../../src/platform/clock.js';
import { describeEachDatabase, json, type TestApp } from '../support/app.js';
import { ApiClient, couple, signUp, type Person } from '../support/api-client.js';
import { PageClient } from '../support/browser-less.js';
import { BOUND } from '../../src/platform/vault/bound-fields.js';

/**
 * Progress is kept per viewer while the space's revision (database triggers, migration 0005) is
 * unchanged. These tests prove every kind of write reaches the next read, through this server or
 * another one over the same database, and that a kept result never reaches another viewer.
 */
const START = new Date('2026-03-02T12:00:00Z');
const clock = fixedClock(START);
const DAY = 86_400_000;
const today = () => clock.now().toISOString().slice(0, 10);
const CONTEMPT = 'Whatever, you moron.';

const progressUrl = (spaceId: string) => `/api/v1/spaces/${spaceId}/progress`;

async function ok(response: { statusCode: number; body: string }, ...codes: number[]) {
  assert.ok((codes.length ? codes : [200, 201, 204]).includes(response.statusCode), `${response.statusCode} ${response.body}`);
  return response.body ? JSON.parse(response.body) : null;
}

/** The same person, calling another app (another Mend process over the same database). */
const on = (app: FastifyInstance, p: Person): Person => ({ ...p, api: new ApiClient(app, p.api.token) });

interface Scene {
  a: Person;
  b: Person;
  spaceId: string;
  /** Filled by the setups that need them. */
  journeyId?: string;
  agreementId?: string;
  logEntryId?: string;
  apologyId?: string;
  requestId?: string;
  entryId?: string;
}

/** b was hurt (a broke trust); both wrote what happened and acknowledged: step 1 done. */
async function acknowledged(s: Scene, both = true): Promise<void> {
  s.journeyId = (await ok(await s.b.api.post(`/api/v1/spaces/${s.spaceId}/breaches`, { kind: 'lying', brokeTrust: [s.a.id] }))).journey.id;
  for (const p of [s.a, s.b])
    await ok(await p.api.post(`/api/v1/journeys/${s.journeyId}/entries`, { prompt: 'what_happened', text: `${p.displayName}'s side` }));
  await ok(await s.a.api.post(`/api/v1/journeys/${s.journeyId}/acknowledgements`));
  if (both) await ok(await s.b.api.post(`/api/v1/journeys/${s.journeyId}/acknowledgements`));
}

async function apologised(s: Scene): Promise<void> {
  await acknowledged(s);
  s.apologyId = (
    await ok(await s.a.api.post(`/api/v1/journeys/${s.journeyId}/apologies`, { text: 'I am sorry that I lied to you.' }))
  ).apology.id;
}

async function proposed(s: Scene): Promise<void> {
  await apologised(s);
  await ok(await s.b.api.post(`/api/v1/apologies/${s.apologyId}/responses`, { received: true }));
  const made = await s.a.api.post(`/api/v1/spaces/${s.spaceId}/agreements`, {
    text: 'I will tell you where I am when I am late, by 18:00.',
    committedBy: [s.a.id],
    cadence: 'daily',
  });
  s.agreementId = (await ok(made)).agreement.id;
}

async function agreed(s: Scene): Promise<void> {
  await proposed(s);
  await ok(await s.b.api.post(`/api/v1/agreements/${s.agreementId}/accept`));
}

/** Two shared messages with contempt from b: one more makes the contempt flag. */
async function twoContemptMessages(s: Scene): Promise<void> {
  for (let i = 0; i < 2; i++)
    await ok(await s.b.api.post(`/api/v1/spaces/${s.spaceId}/reassurance-requests`, { note: { text: CONTEMPT, visibility: 'shared' } }));
}

const checkIn = (p: Person, spaceId: string, v: number) =>
  p.api.put(`/api/v1/spaces/${spaceId}/checkins/${today()}`, { safety: v, trust: v, closeness: v });

interface WriteCase {
  name: string;
  /** Whose progress is read before and after (default a). */
  viewer?: 'a' | 'b';
  setup?(s: Scene, app: TestApp): Promise<void>;
  write(s: Scene, app: TestApp): Promise<void>;
}

const CASES: WriteCase[] = [
  { name: 'a check-in (checkins insert)', write: async (s) => void (await ok(await checkIn(s.a, s.spaceId, 6))) },
  {
    name: 'a check-in replaced (checkins update)',
    setup: async (s) => {
      for (let d = 0; d < 3; d++) {
        await ok(await checkIn(s.a, s.spaceId, 5));
        clock.advance(DAY);
      }
      clock.advance(-DAY);
    },
    write: async (s) => void (await ok(await checkIn(s.a, s.spaceId, 9))),
  },
  {
    name: 'a breach recorded (breaches, journeys insert)',
    setup: (s) => acknowledged(s),
    write: async (s) =>
      void (await ok(await s.b.api.post(`/api/v1/spaces/${s.spaceId}/breaches`, { kind: 'lying', brokeTrust: [s.a.id] }))),
  },
  {
    name: 'an acknowledgement (journey_acknowledgements insert)',
    setup: (s) => acknowledged(s, false),
    write: async (s) => void (await ok(await s.b.api.post(`/api/v1/journeys/${s.journeyId}/acknowledgements`))),
  },
  {
    name: 'an apology delivered (apologies insert)',
    setup: (s) => acknowledged(s),
    write: async (s) =>
      void (await ok(await s.a.api.post(`/api/v1/journeys/${s.journeyId}/apologies`, { text: 'I am sorry that I lied to you.' }))),
  },
  {
    name: 'an apology answered (apology_responses insert)',
    setup: (s) => apologised(s),
    write: async (s) => void (await ok(await s.b.api.post(`/api/v1/apologies/${s.apologyId}/responses`, { received: true }))),
  },
  {
    name: 'an agreement accepted (agreements update)',
    setup: (s) => proposed(s),
    write: async (s) => void (await ok(await s.b.api.post(`/api/v1/agreements/${s.agreementId}/accept`))),
  },
  {
    name: 'an occasion logged (agreement_log_entries insert)',
    setup: (s) => agreed(s),
    write: async (s) => void (await ok(await s.a.api.post(`/api/v1/agreements/${s.agreementId}/log`, { occurredOn: today(), kept: true }))),
  },
  {
    name: 'an occasion disputed (agreement_log_entries update)',
    setup: async (s) => {
      await agreed(s);
      s.logEntryId = (
        await ok(await s.a.api.post(`/api/v1/agreements/${s.agreementId}/log`, { occurredOn: today(), kept: true }))
      ).logEntry.id;
    },
    write: async (s) => void (await ok(await s.b.api.post(`/api/v1/agreement-log/${s.logEntryId}/dispute`, {}))),
  },
  {
    name: 'a journey entry with contempt (journey_entries insert)',
    viewer: 'b',
    setup: async (s) => {
      await acknowledged(s);
      await twoContemptMessages(s);
    },
    write: async (s) =>
      void (await ok(
        await s.b.api.post(`/api/v1/journeys/${s.journeyId}/entries`, { prompt: 'what_hurts', text: CONTEMPT, visibility: 'shared' }),
      )),
  },
  {
    name: 'a private entry made shared (journey_entries update), read by the partner',
    setup: async (s) => {
      await acknowledged(s);
      await twoContemptMessages(s);
      s.entryId = (
        await ok(
          await s.b.api.post(`/api/v1/journeys/${s.journeyId}/entries`, { prompt: 'what_hurts', text: CONTEMPT, visibility: 'private' }),
        )
      ).entry.id;
    },
    write: async (s) => void (await ok(await s.b.api.put(`/api/v1/entries/${s.entryId}/visibility`, { visibility: 'shared' }))),
  },
  {
    name: 'a weekly meeting (meetings insert)',
    write: async (s) =>
      void (await ok(await s.a.api.post(`/api/v1/spaces/${s.spaceId}/meetings`, { appreciations: 'You made dinner on Tuesday.' }))),
  },
  {
    name: 'a call for reassurance with contempt (reassurance_requests insert)',
    viewer: 'b',
    setup: (s) => twoContemptMessages(s),
    write: async (s) =>
      void (await ok(
        await s.b.api.post(`/api/v1/spaces/${s.spaceId}/reassurance-requests`, { note: { text: CONTEMPT, visibility: 'shared' } }),
      )),
  },
  {
    name: 'a call for reassurance answered (reassurance_requests update)',
    setup: async (s) => {
      s.requestId = (await ok(await s.b.api.post(`/api/v1/spaces/${s.spaceId}/reassurance-requests`, {}))).reassuranceRequest.id;
    },
    write: async (s) =>
      void (await ok(await s.a.api.post(`/api/v1/reassurance-requests/${s.requestId}/answer`, { text: 'I am here, and I am staying.' }))),
  },
  {
    name: 'a monthly review (monthly_reviews insert)',
    write: async (s) =>
      void (await ok(
        await s.a.api.put(`/api/v1/spaces/${s.spaceId}/monthly-reviews/${today().slice(0, 7)}`, { communicate: 4, closer: 3, respect: 5 }),
      )),
  },
  {
    name: 'the partner leaves (space_members delete, their records erased)',
    write: async (s) => void (await ok(await s.b.api.post(`/api/v1/spaces/${s.spaceId}/leave`, { password: s.b.password }))),
  },
  {
    name: 'the partner deletes their account (accounts delete, cascades)',
    write: async (s) => void (await ok(await s.b.api.delete('/api/v1/me', { password: s.b.password }))),
  },
  {
    name: 'the partner renames themselves (accounts display name update)',
    write: async (s, app) => app.app.mend.accounts.updateSettings(s.b.id, { displayName: 'Samira', timezone: 'UTC', country: '' }),
  },
];

describeEachDatabase(
  'progress cache',
  (get) => {
    /** A second Mend over the same database: its own memory, the same data. */
    let other: FastifyInstance | null = null;
    before(async () => {
      other = await buildApp(get().config, { clock });
      await other.ready();
    });
    after(async () => {
      await other?.close();
    });
    const second = () => {
      if (!other) throw new Error('second app not started');
      return other;
    };

    const scene = async (): Promise<Scene> => {
      clock.set(START);
      return couple(get().app);
    };

    for (const c of CASES) {
      test(`after ${c.name}, the next read shows it`, async () => {
        const s = await scene();
        await c.setup?.(s, get());
        const viewer = c.viewer === 'b' ? s.b : s.a;
        const first = await viewer.api.get(progressUrl(s.spaceId));
        assert.equal(first.statusCode, 200, first.body);
        // A second read is served from the cache: the same answer and ETag.
        const again = await viewer.api.get(progressUrl(s.spaceId));
        assert.equal(again.body, first.body);
        assert.equal(again.headers.etag, first.headers.etag);

        await c.write(s, get());

        const afterWrite = await viewer.api.get(progressUrl(s.spaceId));
        assert.equal(afterWrite.statusCode, 200, afterWrite.body);
        assert.notDeepEqual(json(afterWrite), json(first), 'the write changes what progress shows');
        assert.notEqual(afterWrite.headers.etag, first.headers.etag);
        // The other server never read this couple: its answer is computed afresh, and must match.
        const fresh = await on(second(), viewer).api.get(progressUrl(s.spaceId));
        assert.deepEqual(json(afterWrite), json(fresh));
      });
    }

    test('a write through one server reaches a read through another that had kept the result', async () => {
      const s = await scene();
      await acknowledged(s, false);
      const atOther = { a: on(second(), s.a), b: on(second(), s.b) };
      const keys = (body: { milestones: Array<{ key: string }> }) => body.milestones.map((m) => m.key);
      for (const server of [s, atOther])
        for (const p of [server.a, server.b])
          assert.ok(!keys(await ok(await p.api.get(progressUrl(s.spaceId)))).includes('trust_acknowledged'));

      await ok(await atOther.b.api.post(`/api/v1/journeys/${s.journeyId}/acknowledgements`));
      assert.ok(
        keys(await ok(await s.a.api.get(progressUrl(s.spaceId)))).includes('trust_acknowledged'),
        'written at the second server, read at the first',
      );

      await ok(await checkIn(s.a, s.spaceId, 7));
      for (const p of [atOther.a, atOther.b])
        assert.ok(
          keys(await ok(await p.api.get(progressUrl(s.spaceId)))).includes('first_checkin'),
          'written at the first, read at the second',
        );
    });

    test('a kept result never reaches another viewer: the author reads first, then the partner and the therapist', async () => {
      const s = await scene();
      const app = get().app;
      const t = await signUp(app, 'Dr Lee');
      const { code } = (await ok(await s.a.api.post(`/api/v1/spaces/${s.spaceId}/invitations`, { role: 'therapist' }))).invitation;
      await ok(await t.api.post(`/api/v1/invitations/${code}/accept`));
      for (const p of [s.a, s.b])
        await ok(await p.api.post(`/api/v1/spaces/${s.spaceId}/therapists/${t.id}/consent`, { password: p.password }));
      for (let d = 0; d < 3; d++) {
        await ok(
          await s.a.api.put(`/api/v1/spaces/${s.spaceId}/checkins/${today()}`, {
            safety: 5,
            trust: 5,
            closeness: 5,
            note: { text: `${CONTEMPT} PRIVATE-NOTE-${d}`, visibility: 'private' },
          }),
        );
        clock.advance(DAY);
      }
      clock.advance(-DAY);

      // The author reads first (API, page and service), filling every kept result for themselves.
      const forA = await ok(await s.a.api.get(progressUrl(s.spaceId)));
      assert.ok(
        forA.redFlags.some((f: { rule: string }) => f.rule === 'contempt'),
        'the author sees the flag drawn from their private notes',
      );
      const account = (p: Person) => ({ id: p.id, timezone: 'UTC' });
      const service = app.mend.rhythm.progress;
      assert.ok(
        (await service.forSpace(account(s.a), s.spaceId)).checkins.some((c) => c.note?.text.includes('PRIVATE-NOTE')),
        'the author gets their own notes',
      );
      const pageA = new PageClient(app);
      await pageA.get('/sign-in');
      await pageA.post('/sign-in', { email: s.a.email, password: s.a.password });
      assert.match((await pageA.get(`/spaces/${s.spaceId}/progress`)).body, /come across as contempt/);

      for (const viewer of [s.b, t]) {
        const res = await viewer.api.get(progressUrl(s.spaceId));
        assert.equal(res.statusCode, 200, res.body);
        assert.ok(!json(res).redFlags.some((f: { rule: string }) => f.rule === 'contempt'), 'no flag from private data');
        assert.ok(!res.body.includes('PRIVATE-NOTE') && !res.body.includes('moron'));
        assert.notEqual(res.headers.etag, undefined);
        // Sending the author's ETag does not get a 304 for someone else's view.
        const conditional = await viewer.api.request('GET', progressUrl(s.spaceId), undefined, {
          'if-none-match': String((await s.a.api.get(progressUrl(s.spaceId))).headers.etag),
        });
        assert.equal(conditional.statusCode, 200);
        assert.ok(!conditional.body.includes('moron'));
        const kept = await service.forSpace(account(viewer), s.spaceId);
        assert.equal(kept.checkins.length, 3, 'scores are space records');
        assert.ok(
          kept.checkins.every((c) => c.note === null),
          'never the private notes',
        );
        assert.ok(!kept.redFlags.some((f) => f.rule === 'contempt'));
        const page = new PageClient(app);
        await page.get('/sign-in');
        await page.post('/sign-in', { email: viewer.email, password: viewer.password });
        const html = (await page.get(`/spaces/${s.spaceId}/progress`)).body;
        assert.ok(!html.includes('PRIVATE-NOTE') && !html.includes('moron'));
        assert.doesNotMatch(html, /come across as contempt/);
      }

      // Strangers and those who left get nothing, though results for the space are kept.
      const stranger = await signUp(app, 'Kim');
      assert.equal((await stranger.api.get(progressUrl(s.spaceId))).statusCode, 404);
      await ok(await t.api.post(`/api/v1/spaces/${s.spaceId}/leave`, { password: t.password }));
      assert.equal((await t.api.get(progressUrl(s.spaceId))).statusCode, 404, 'the therapist who left');
    });

    test('the ETag answers 304 to its own viewer until something changes', async () => {
      const s = await scene();
      const first = await s.a.api.get(progressUrl(s.spaceId));
      const etag = String(first.headers.etag);
      assert.match(etag, /^".+"$/);
      const notModified = await s.a.api.request('GET', progressUrl(s.spaceId), undefined, { 'if-none-match': etag });
      assert.equal(notModified.statusCode, 304);
      assert.equal(notModified.body, '');
      await ok(await checkIn(s.b, s.spaceId, 4));
      const changed = await s.a.api.request('GET', progressUrl(s.spaceId), undefined, { 'if-none-match': etag });
      assert.equal(changed.statusCode, 200);
      assert.notEqual(changed.headers.etag, etag);
    });

    test('a new local day is a new result, with no write', async () => {
      const s = await scene();
      await ok(await checkIn(s.a, s.spaceId, 6));
      const day1 = await ok(await s.a.api.get(progressUrl(s.spaceId)));
      clock.advance(DAY);
      const day2 = await ok(await s.a.api.get(progressUrl(s.spaceId)));
      assert.equal(day1.today, addDaysIso(START, 0));
      assert.equal(day2.today, addDaysIso(START, 1));
    });

    test('a renamed space shows on the progress page (spaces update, written outside any service)', async () => {
      const s = await scene();
      const ctx = get().app.mend;
      const page = new PageClient(get().app);
      await page.get('/sign-in');
      await page.post('/sign-in', { email: s.a.email, password: s.a.password });
      assert.match((await page.get(`/spaces/${s.spaceId}/progress`)).body, /Us/);
      await ctx.store.db
        .updateTable('spaces')
        .set({ name_enc: ctx.vault.seal('Our Harbour', BOUND.spaceName.of({ id: s.spaceId })) })
        .where('id', '=', s.spaceId)
        .execute();
      assert.match((await page.get(`/spaces/${s.spaceId}/progress`)).body, /Our Harbour/);
    });

    test('every space has a revision the triggers raise, and it goes with the space', async () => {
      const s = await scene();
      const db = get().app.mend.store.db;
      const revision = async () =>
        (await db
          .selectFrom('space_revisions' as never)
          .select('revision' as never)
          .where('space_id' as never, '=', s.spaceId as never)
          .executeTakeFirst()) as { revision: number | string } | undefined;
      const r0 = Number((await revision())?.revision);
      assert.ok(r0 >= 1);
      await ok(await checkIn(s.a, s.spaceId, 5));
      const r1 = Number((await revision())?.revision);
      assert.ok(r1 > r0, `${r1} > ${r0}`);
      await ok(await s.b.api.post(`/api/v1/spaces/${s.spaceId}/leave`, { password: s.b.password }));
      assert.ok(Number((await revision())?.revision) > r1);
      await ok(await s.a.api.post(`/api/v1/spaces/${s.spaceId}/leave`, { password: s.a.password }));
      assert.equal(await revision(), undefined, 'the last member left: the space and its revision are gone');
    });
  },
  { clock },
);

function addDaysIso(start: Date, days: number): string {
  return new Date(start.getTime() + days * DAY).toISOString().slice(0, 10);
}
