import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addDays } from '../../src/core/time.js';
import { fixedClock } from '../../src/platform/clock.js';
import { describeEachDatabase, json } from '../support/app.js';
import { ApiClient, couple, sharingNumbers, signUp, type Person } from '../support/api-client.js';
import { PageClient } from '../support/browser-less.js';
import { pagesAs } from '../support/live-people.js';

const START = new Date('2026-03-02T12:00:00Z');
const clock = fixedClock(START);
const DAY = 86_400_000;
const today = () => clock.now().toISOString().slice(0, 10);

/** Steps 1 and 2 done, then an agreement `committer` makes and the other accepts. */
async function activeAgreement(a: Person, b: Person, spaceId: string, committer: Person): Promise<string> {
  const journeyId = json(await b.api.post(`/api/v1/spaces/${spaceId}/breaches`, { kind: 'lying', brokeTrust: [a.id] })).journey.id;
  for (const p of [a, b]) {
    await p.api.post(`/api/v1/journeys/${journeyId}/entries`, { prompt: 'what_happened', text: `${p.displayName}'s side` });
    await p.api.post(`/api/v1/journeys/${journeyId}/acknowledgements`);
  }
  const apology = json(await a.api.post(`/api/v1/journeys/${journeyId}/apologies`, { text: 'I am sorry that I lied to you.' })).apology;
  await b.api.post(`/api/v1/apologies/${apology.id}/responses`, { received: true });
  const proposed = await committer.api.post(`/api/v1/spaces/${spaceId}/agreements`, {
    text: 'I will tell you where I am when I am late, by 18:00.',
    committedBy: [committer.id],
    cadence: 'daily',
  });
  assert.equal(proposed.statusCode, 201, proposed.body);
  const id = json(proposed).agreement.id;
  const other = committer === a ? b : a;
  const accepted = await other.api.post(`/api/v1/agreements/${id}/accept`);
  assert.equal(accepted.statusCode, 200, accepted.body);
  return id;
}

async function checkIn(p: Person, spaceId: string, v: number, note?: { text: string; visibility: string }) {
  const res = await p.api.put(`/api/v1/spaces/${spaceId}/checkins/${today()}`, {
    safety: v,
    trust: v,
    closeness: v,
    ...(note ? { note } : {}),
  });
  assert.ok(res.statusCode === 201 || res.statusCode === 200, res.body);
}

describeEachDatabase(
  'progress API',
  (get) => {
    test('with no data: neutral consistency, not enough data, no flags', async () => {
      clock.set(START);
      const { a, spaceId } = await couple(get().app);
      const res = await a.api.get(`/api/v1/spaces/${spaceId}/progress`);
      assert.equal(res.statusCode, 200, res.body);
      const body = json(res);
      assert.equal(body.partners.length, 2);
      for (const p of body.partners) {
        assert.equal(p.trends.trust.verdict, 'not_enough_data');
        assert.equal(p.consistency.score, 0.5);
        assert.equal(p.consistency.occasions, 0);
      }
      assert.deepEqual(body.divergence, []);
      assert.deepEqual(body.redFlags, []);
    });

    test('six weeks of check-ins: one partner rising, the other falling — trends, divergence, milestones', async () => {
      clock.set(START);
      const { a, b, spaceId } = await couple(get().app);
      // Both let the other see their numbers (without that, neither trend nor divergence reaches the partner).
      await sharingNumbers(a, b);
      for (let d = 0; d < 42; d++) {
        await checkIn(a, spaceId, Math.min(10, 2 + Math.floor(d / 5)));
        await checkIn(b, spaceId, Math.max(0, 9 - Math.floor(d / 5)));
        clock.advance(DAY);
      }
      clock.advance(-DAY);
      const body = json(await b.api.get(`/api/v1/spaces/${spaceId}/progress`));
      const pa = body.partners.find((p: { accountId: string }) => p.accountId === a.id);
      const pb = body.partners.find((p: { accountId: string }) => p.accountId === b.id);
      assert.equal(pa.trends.trust.verdict, 'improving');
      assert.equal(pb.trends.trust.verdict, 'declining');
      assert.ok(pa.trends.trust.slopePerWeek > 0);
      assert.ok(pa.trends.trust.smoothed.length > 30);
      assert.equal(body.divergence.length, 3);
      const keys = body.milestones.map((m: { key: string }) => m.key);
      for (const k of ['first_checkin', 'checkin_streak_7', 'checkins_30', 'checked_in_together']) assert.ok(keys.includes(k), k);

      // The progress page draws each measure as a chart with a summary and a data table, no JS needed.
      const page = new PageClient(get().app);
      await page.get('/sign-in');
      await page.post('/sign-in', { email: b.email, password: b.password });
      const html = (await page.get(`/spaces/${spaceId}/progress`)).body;
      assert.match(html, /<figure class="chart[^"]*" id="chart-trust">/);
      assert.match(html, /<svg[^>]+role="img"/);
      assert.match(html, /Show the numbers/);
      assert.match(html, /<table>/);
      assert.match(html, /rising for one of you and falling for the other/);
    });

    test('agreement log: the committer logs, the other confirms or disputes; only they may; history is kept; consistency counts it', async () => {
      clock.set(START);
      const app = get().app;
      const { a, b, spaceId } = await couple(app);
      const agreementId = await activeAgreement(a, b, spaceId, a);

      const kept = await a.api.post(`/api/v1/agreements/${agreementId}/log`, {
        occurredOn: today(),
        kept: true,
        note: { text: 'PRIVATE-LOG-NOTE', visibility: 'private' },
      });
      assert.equal(kept.statusCode, 201, kept.body);
      const keptId = json(kept).logEntry.id;
      assert.equal(json(kept).logEntry.status, 'unconfirmed');

      assert.equal(
        (await b.api.post(`/api/v1/agreements/${agreementId}/log`, { occurredOn: today(), kept: true })).statusCode,
        403,
        'only who committed logs',
      );
      assert.equal(
        (await a.api.post(`/api/v1/agreements/${agreementId}/log`, { occurredOn: addDays(today(), 1), kept: true })).statusCode,
        400,
        'never the future',
      );
      assert.equal((await a.api.post(`/api/v1/agreement-log/${keptId}/confirm`, {})).statusCode, 403, 'nobody reviews their own entry');
      const stranger = await signUp(app, 'Stranger');
      assert.equal((await stranger.api.post(`/api/v1/agreement-log/${keptId}/confirm`, {})).statusCode, 404);
      assert.equal((await stranger.api.post(`/api/v1/agreements/${agreementId}/log`, { occurredOn: today(), kept: true })).statusCode, 404);

      const confirmed = await b.api.post(`/api/v1/agreement-log/${keptId}/confirm`, {});
      assert.equal(confirmed.statusCode, 200, confirmed.body);
      assert.equal(json(confirmed).logEntry.status, 'confirmed');
      assert.ok(!confirmed.body.includes('PRIVATE-LOG-NOTE'), 'the private note stays with its author');
      assert.equal((await b.api.post(`/api/v1/agreement-log/${keptId}/dispute`, {})).statusCode, 409, 'reviewed once');

      const missed = json(await a.api.post(`/api/v1/agreements/${agreementId}/log`, { occurredOn: today(), kept: true })).logEntry.id;
      const disputed = await b.api.post(`/api/v1/agreement-log/${missed}/dispute`, {
        note: { text: 'I waited until nine.', visibility: 'shared' },
      });
      assert.equal(disputed.statusCode, 200, disputed.body);
      assert.equal(json(disputed).logEntry.reviewNote.text, 'I waited until nine.');

      const history = json(await b.api.get(`/api/v1/spaces/${spaceId}/agreement-log`)).logEntries;
      assert.equal(history.length, 2);
      assert.ok(!JSON.stringify(history).includes('PRIVATE-LOG-NOTE'));
      const forA = json(await a.api.get(`/api/v1/spaces/${spaceId}/agreement-log`)).logEntries;
      assert.equal(forA.find((e: { id: string }) => e.id === keptId).note.text, 'PRIVATE-LOG-NOTE');

      const progress = json(await b.api.get(`/api/v1/spaces/${spaceId}/progress`));
      const pa = progress.partners.find((p: { accountId: string }) => p.accountId === a.id);
      assert.equal(pa.consistency.occasions, 2);
      // One kept, one disputed to missed (counted as the other partner saw it): α = 2, β = 2.
      assert.ok(Math.abs(pa.consistency.score - 0.5) < 1e-9);
      const keys = progress.milestones.map((m: { key: string }) => m.key);
      for (const k of ['trust_acknowledged', 'apology_delivered', 'apology_answered', 'first_agreement']) assert.ok(keys.includes(k), k);
      assert.ok(
        json(await b.api.get('/api/v1/me/notifications')).notifications.some((n: { type: string }) => n.type === 'agreement_logged'),
      );
    });

    test('a red flag drawn from private notes reaches their author only — not the partner, not a therapist', async () => {
      clock.set(START);
      const app = get().app;
      const { a, b, spaceId } = await couple(app);
      const t = await signUp(app, 'Dr Lee');
      const { code } = json(await a.api.post(`/api/v1/spaces/${spaceId}/invitations`, { role: 'therapist' })).invitation;
      assert.equal((await t.api.post(`/api/v1/invitations/${code}/accept`)).statusCode, 200);
      for (const p of [a, b])
        assert.equal((await p.api.post(`/api/v1/spaces/${spaceId}/therapists/${t.id}/consent`, { password: p.password })).statusCode, 200);

      for (let d = 0; d < 3; d++) {
        await checkIn(a, spaceId, 5, { text: 'Whatever, you moron. CONTEMPT-NOTE', visibility: 'private' });
        clock.advance(DAY);
      }
      const forA = json(await a.api.get(`/api/v1/spaces/${spaceId}/progress`));
      const flag = forA.redFlags.find((f: { rule: string }) => f.rule === 'contempt');
      assert.ok(flag, JSON.stringify(forA.redFlags));
      assert.equal(flag.fromPrivateData, true);
      // On the page, what it is based on is said in words: no field names, ids or decimals.
      const page = (await (await pagesAs(app, a)).get(`/spaces/${spaceId}/progress`)).body;
      const based = /What this is based on<\/summary>([\s\S]*?)<\/details>/.exec(page)?.[1] ?? '';
      assert.match(based, /3 of the last 3 messages, over 30 days, read as contempt\./);
      assert.match(based, /Mend raises this at 3 or more\./);
      assert.doesNotMatch(based, /contempt count|message ids|window days|[a-z][A-Z]/);
      for (const viewer of [b, t]) {
        const res = await viewer.api.get(`/api/v1/spaces/${spaceId}/progress`);
        assert.equal(res.statusCode, 200, res.body);
        assert.ok(!json(res).redFlags.some((f: { rule: string }) => f.rule === 'contempt'));
        assert.ok(!res.body.includes('CONTEMPT-NOTE'));
        assert.ok(!res.body.includes('moron'));
      }
      // The therapist sees scores but never a private note, and cannot check in.
      const seen = await t.api.get(`/api/v1/spaces/${spaceId}/checkins?from=${addDays(today(), -5)}&to=${today()}`);
      assert.equal(seen.statusCode, 200);
      assert.equal(json(seen).checkins.length, 3);
      assert.ok(json(seen).checkins.every((c: { note: unknown }) => c.note === null));
      assert.equal(
        (await t.api.put(`/api/v1/spaces/${spaceId}/checkins/${today()}`, { safety: 1, trust: 1, closeness: 1 })).statusCode,
        403,
      );

      // Shared, the same words raise a flag both partners see.
      const { a: c, b: d, spaceId: other } = await couple(app);
      clock.set(START);
      for (let i = 0; i < 3; i++) {
        await checkIn(c, other, 5, { text: 'Whatever, you moron.', visibility: 'shared' });
        clock.advance(DAY);
      }
      for (const viewer of [c, d]) {
        const shared = json(await viewer.api.get(`/api/v1/spaces/${other}/progress`)).redFlags.find(
          (f: { rule: string }) => f.rule === 'contempt',
        );
        assert.ok(shared);
        assert.equal(shared.fromPrivateData, false);
      }
      assert.equal((await new ApiClient(app).get(`/api/v1/spaces/${other}/progress`)).statusCode, 401);
    });

    test('monthly reviews: 1–5, one per month (201 then 200), never a future month', async () => {
      clock.set(START);
      const { a, spaceId } = await couple(get().app);
      const url = `/api/v1/spaces/${spaceId}/monthly-reviews/2026-03`;
      assert.equal((await a.api.put(url, { communicate: 3, closer: 2, respect: 4 })).statusCode, 201);
      assert.equal((await a.api.put(url, { communicate: 4, closer: 2, respect: 4 })).statusCode, 200);
      assert.equal(
        (await a.api.put(`/api/v1/spaces/${spaceId}/monthly-reviews/2026-04`, { communicate: 4, closer: 2, respect: 4 })).statusCode,
        400,
      );
      assert.equal((await a.api.put(url, { communicate: 6, closer: 2, respect: 4 })).statusCode, 400);
      const body = json(await a.api.get(`/api/v1/spaces/${spaceId}/progress`));
      const mine = body.partners.find((p: { accountId: string }) => p.accountId === a.id);
      assert.equal(mine.monthlyReview.series.communicate[0].value, 4);
      assert.equal(mine.monthlyReview.trend.verdict, 'not_enough_data');
    });
  },
  { clock },
);
