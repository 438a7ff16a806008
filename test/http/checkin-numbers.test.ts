import { afterEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { fixedClock } from '../../src/platform/clock.js';
import { describeEachDatabase, json, succeeded } from '../support/app.js';
import { couple, sharingNumbers, type Person } from '../support/api-client.js';
import { activeTherapist, apiEvents, pagesAs } from '../support/live-people.js';
import { closeOpenStreams, listening } from '../support/sse.js';

/**
 * Who sees a person's check-in numbers (issue #14): their owner always; their partner and an
 * active therapist only while the owner shares them — on every surface that shows numbers.
 * Sam checks in with trust 9 (Alex's is 6 every day), so "9" is Sam's alone: the canary.
 */

afterEach(closeOpenStreams);

const START = new Date('2026-04-01T12:00:00Z');
const clock = fixedClock(START);
const DAY = 86_400_000;
const today = () => clock.now().toISOString().slice(0, 10);
const SAM = { safety: 1, trust: 9, closeness: 4, day: 'hard' };
const ALEX = { safety: 6, trust: 6, closeness: 6 };
const SAM_SENTENCE = /safety 1, trust 9, closeness 4 — a hard day/;

interface Surfaces {
  checkins: Array<Record<string, unknown>>;
  progress: { partners: Array<Record<string, any>>; divergence: unknown[] };
  pages: Record<string, string>;
  exported: string;
}

/** Everything a viewer can read that carries check-in numbers, through the API and the pages. */
async function surfaces(app: Parameters<typeof pagesAs>[0], viewer: Person, spaceId: string, report = true): Promise<Surfaces> {
  const checkins = json(await succeeded(viewer.api.get(`/api/v1/spaces/${spaceId}/checkins`), 'checkins')).checkins;
  const progress = json(await succeeded(viewer.api.get(`/api/v1/spaces/${spaceId}/progress`), 'progress'));
  const client = await pagesAs(app, viewer);
  const pages: Record<string, string> = {};
  for (const path of ['check-in', 'progress', 'live/partner-today', 'live/progress']) {
    const res = await client.get(`/spaces/${spaceId}/${path}`);
    assert.equal(res.statusCode, 200, `${path}: ${res.body.slice(0, 200)}`);
    pages[path] = res.body;
  }
  await succeeded(viewer.api.post('/api/v1/sessions/current/reauthenticate', { password: viewer.password }), 'reauthenticate');
  const exported = (await succeeded(viewer.api.get('/api/v1/me/export'), 'export')).body;
  if (report) {
    await client.get('/account/export');
    pages.report = (await client.post('/account/export', { password: viewer.password, format: 'report' })).body;
  }
  return { checkins, progress, pages, exported };
}

const samRows = (s: Surfaces, samId: string) => s.checkins.filter((c) => c.accountId === samId);
const samProgress = (s: Surfaces, samId: string) => s.progress.partners.find((p) => p.accountId === samId)!;

/** Sam's numbers are nowhere in what `s` holds; only that Sam checked in. */
function assertKept(s: Surfaces, samId: string, who: string): void {
  const rows = samRows(s, samId);
  assert.equal(rows.length, 14, `${who} still sees that Sam checked in`);
  for (const r of rows) assert.deepEqual([r.safety, r.trust, r.closeness, r.day, r.numbersShared], [null, null, null, null, false], who);
  const p = samProgress(s, samId);
  assert.equal(p.numbersVisible, false, who);
  for (const m of ['safety', 'trust', 'closeness'])
    assert.deepEqual([p.trends[m].smoothed, p.trends[m].n, p.trends[m].slopePerWeek], [[], 0, null], `${who} ${m}`);
  assert.deepEqual(s.progress.divergence, [], `${who}: no divergence from Sam's numbers`);
  assert.match(s.pages['live/partner-today']!, /Sam checked in today\. Their numbers are for them alone\./, who);
  for (const [name, body] of Object.entries(s.pages)) {
    assert.doesNotMatch(body, SAM_SENTENCE, `${who} ${name}`);
    assert.doesNotMatch(body, /\b9\.0\b|<dd>9<\/dd>|trust 9/, `${who} ${name}: Sam's trust`);
  }
  assert.match(s.pages.progress!, /Sam:<\/strong> keeps their numbers to themselves/, who);
  const doc = JSON.parse(s.exported);
  const space = doc.spaces.find((x: { checkins: unknown[] }) => x.checkins.length > 0);
  for (const r of space.checkins.filter((c: { accountId: string }) => c.accountId === samId)) assert.equal(r.trust, null, `${who} export`);
  assert.deepEqual(
    space.progress.partners.find((p: { accountId: string }) => p.accountId === samId).trends.trust.smoothed,
    [],
    `${who} export`,
  );
  assert.doesNotMatch(s.exported, /"value":9\b|"trust":9\b/, `${who} export`);
}

/** Sam's numbers are there in full. */
function assertShown(s: Surfaces, samId: string, who: string): void {
  for (const r of samRows(s, samId)) assert.deepEqual([r.safety, r.trust, r.closeness, r.day], [1, 9, 4, 'hard'], who);
  assert.equal(samProgress(s, samId).numbersVisible, true, who);
  assert.equal(samProgress(s, samId).trends.trust.smoothed.at(-1).value, 9, who);
  assert.match(s.pages.progress!, /<td>9\.0<\/td>/, `${who}: Sam's line in the chart's table`);
  assert.match(s.pages['live/progress']!, /<td>9\.0<\/td>/, who);
  assert.match(s.exported, /"trust":9\b/, `${who} export`);
  if (s.pages.report) assert.match(s.pages.report, /<td>9\.0<\/td>/, `${who} report: the chart's numbers`);
}

describeEachDatabase(
  'who sees check-in numbers',
  (get) => {
    test('numbers never chosen, kept, then shared, then kept again: the partner and an active therapist see them only while shared; the owner always', async () => {
      clock.set(START);
      const { app } = get();
      const { a: alex, b: sam, spaceId } = await couple(app, ['Alex', 'Sam']);
      await sharingNumbers(alex);
      const therapist = await activeTherapist(app, alex, sam, spaceId);
      for (let d = 0; d < 14; d++) {
        await succeeded(sam.api.put(`/api/v1/spaces/${spaceId}/checkins/${today()}`, SAM), 'Sam checks in');
        await succeeded(alex.api.put(`/api/v1/spaces/${spaceId}/checkins/${today()}`, ALEX), 'Alex checks in');
        if (d < 13) clock.advance(DAY);
      }
      // Never asked: not shared.
      assert.deepEqual(json(await sam.api.get('/api/v1/me/checkin-numbers')), { numbersShared: null });
      assertKept(await surfaces(app, alex, spaceId), sam.id, 'Alex, never asked');
      assertKept(await surfaces(app, therapist, spaceId, false), sam.id, 'therapist, never asked');

      // The owner sees their own, whatever the choice.
      const own = await surfaces(app, sam, spaceId);
      assertShown(own, sam.id, 'Sam');
      assert.equal(samRows(own, sam.id)[0]!.numbersShared, false);

      await succeeded(sam.api.put('/api/v1/me/checkin-numbers', { numbersShared: true }), 'share');
      assertShown(await surfaces(app, alex, spaceId), sam.id, 'Alex, shared');
      assertShown(await surfaces(app, therapist, spaceId, false), sam.id, 'therapist, shared');
      const forAlex = await surfaces(app, alex, spaceId, false);
      assert.match(forAlex.pages['live/partner-today']!, SAM_SENTENCE);
      assert.match(forAlex.pages['check-in']!, SAM_SENTENCE);

      // Taken back: the views kept from before are not served again.
      await succeeded(sam.api.put('/api/v1/me/checkin-numbers', { numbersShared: false }), 'keep');
      assertKept(await surfaces(app, alex, spaceId), sam.id, 'Alex, kept again');
      assertKept(await surfaces(app, therapist, spaceId, false), sam.id, 'therapist, kept again');
    });

    test('changing the choice tells nobody: no notification, no live event', async () => {
      clock.set(START);
      const { app } = get();
      const base = await listening(app);
      const { a: alex, b: sam, spaceId } = await couple(app, ['Alex', 'Sam']);
      await succeeded(sam.api.put(`/api/v1/spaces/${spaceId}/checkins/${today()}`, SAM), 'Sam checks in');
      const before = json(await alex.api.get('/api/v1/me/notifications'));
      const stream = await apiEvents(base, alex, spaceId);
      assert.equal(stream.status, 200);
      for (const shared of [true, false, true])
        await succeeded(sam.api.put('/api/v1/me/checkin-numbers', { numbersShared: shared }), 'choose');
      // Something Alex is told of, after the changes: the first event Alex hears must be this one.
      const asked = json(await succeeded(alex.api.post(`/api/v1/spaces/${spaceId}/reassurance-requests`, {}), 'ask'));
      const [first] = await stream.waitForEvents(1);
      assert.deepEqual(JSON.parse(first!.data), { kind: 'reassurance_requested', id: asked.reassuranceRequest.id });
      assert.deepEqual(json(await alex.api.get('/api/v1/me/notifications')), before);
      const partnerCheckedIn = before.notifications.filter((n: { type: string }) => n.type === 'partner_checked_in');
      assert.equal(partnerCheckedIn.length, 1, 'only that Sam checked in');
      assert.doesNotMatch(JSON.stringify(before), /"trust"|\b9\b/);
      stream.close();
    });

    test('a rewrite of numbers kept to oneself is not announced; of shared numbers it is', async () => {
      clock.set(START);
      const { app } = get();
      const base = await listening(app);
      const { a: alex, b: sam, spaceId } = await couple(app, ['Alex', 'Sam']);
      const url = `/api/v1/spaces/${spaceId}/checkins/${today()}`;
      await succeeded(sam.api.put(url, { ...SAM, numbersShared: false }), 'first');
      const stream = await apiEvents(base, alex, spaceId);
      await succeeded(sam.api.put(url, { ...SAM, trust: 2 }), 'kept rewrite');
      await succeeded(sam.api.put(url, { ...SAM, trust: 3, numbersShared: true }), 'shared rewrite');
      const [first] = await stream.waitForEvents(1);
      assert.deepEqual(JSON.parse(first!.data), { kind: 'checkin', accountId: sam.id, date: today() });
      assert.equal(stream.events.length, 1);
      stream.close();
    });

    test('the API: a check-in may carry the choice; without one, a choice never made stays "not shared"', async () => {
      clock.set(START);
      const { a: alex, b: sam, spaceId } = await couple(get().app, ['Alex', 'Sam']);
      const url = `/api/v1/spaces/${spaceId}/checkins/${today()}`;
      const put = json(await succeeded(sam.api.put(url, SAM), 'no choice'));
      assert.equal(put.checkin.numbersShared, false);
      assert.deepEqual(json(await sam.api.get('/api/v1/me/checkin-numbers')), { numbersShared: null });
      assert.equal(json(await alex.api.get(`/api/v1/spaces/${spaceId}/checkins`)).checkins[0].trust, null);

      assert.equal(json(await succeeded(sam.api.put(url, { ...SAM, numbersShared: true }), 'shared')).checkin.numbersShared, true);
      assert.deepEqual(json(await sam.api.get('/api/v1/me/checkin-numbers')), { numbersShared: true });
      assert.equal(json(await alex.api.get(`/api/v1/spaces/${spaceId}/checkins`)).checkins[0].trust, 9);
      // Left out later: the choice stands.
      await succeeded(sam.api.put(url, SAM), 'no choice again');
      assert.equal(json(await alex.api.get(`/api/v1/spaces/${spaceId}/checkins`)).checkins[0].trust, 9);

      for (const body of [{}, { numbersShared: 'yes' }, { numbersShared: null }]) {
        assert.equal((await sam.api.put('/api/v1/me/checkin-numbers', body)).statusCode, 400, JSON.stringify(body));
      }
      assert.equal((await sam.api.put(url, { ...SAM, numbersShared: 'shared' })).statusCode, 400);
    });

    test('the check-in form asks who sees the numbers and who reads the note, with nothing picked; an unanswered question keeps what was typed', async () => {
      clock.set(START);
      const { app } = get();
      const { a: alex, b: sam, spaceId } = await couple(app, ['Alex', 'Sam']);
      const client = await pagesAs(app, sam);
      const form = (await client.get(`/spaces/${spaceId}/check-in`)).body;
      assert.match(form, /Who sees these numbers and how your day was\?/);
      assert.doesNotMatch(form, /name="numbers" value="[a-z]+" checked/);
      assert.doesNotMatch(form, /name="visibility" value="[a-z]+" checked/);

      const fields = { date: today(), safety: '1', trust: '9', closeness: '4', day: 'hard', note: 'NOTE-KEPT-ON-ERROR' };
      const refused = await client.post(`/spaces/${spaceId}/check-in`, fields);
      assert.equal(refused.statusCode, 400);
      assert.match(refused.body, /id="field-numbers"[\s\S]*?Choose who sees your numbers: your partner too, or only you\./);
      assert.match(refused.body, /id="field-visibility"[\s\S]*?Choose who can read your note: only you, or your partner too\./);
      assert.match(refused.body, /href="#field-numbers"/);
      assert.match(refused.body, /name="trust" value="9" required checked/);
      assert.match(refused.body, /NOTE-KEPT-ON-ERROR<\/textarea>/);
      assert.equal(json(await alex.api.get(`/api/v1/spaces/${spaceId}/checkins`)).checkins.length, 0, 'nothing saved');

      const saved = await client.post(`/spaces/${spaceId}/check-in`, { ...fields, numbers: 'private', visibility: 'private' });
      assert.equal(saved.statusCode, 303, saved.body);
      const after = (await client.get(`/spaces/${spaceId}/check-in?saved=1`)).body;
      assert.match(after, /Your partner sees only that you checked in; your numbers are yours alone\./);
      assert.match(after, /name="numbers" value="private" checked/);
      const seen = json(await alex.api.get(`/api/v1/spaces/${spaceId}/checkins`)).checkins[0];
      assert.deepEqual([seen.trust, seen.note], [null, null]);

      // Once chosen, a form sent without the question keeps the choice.
      assert.equal(
        (await client.post(`/spaces/${spaceId}/check-in`, { date: today(), safety: '2', trust: '9', closeness: '4' })).statusCode,
        303,
      );
      assert.equal(json(await sam.api.get('/api/v1/me/checkin-numbers')).numbersShared, false);
    });

    test('account settings: its own section and form; unanswered is an error beside it; saving tells nobody', async () => {
      clock.set(START);
      const { app } = get();
      const { a: alex, b: sam, spaceId } = await couple(app, ['Alex', 'Sam']);
      await succeeded(sam.api.put(`/api/v1/spaces/${spaceId}/checkins/${today()}`, SAM), 'Sam checks in');
      const before = json(await alex.api.get('/api/v1/me/notifications'));
      const client = await pagesAs(app, sam);
      const page = (await client.get('/account/settings')).body;
      assert.match(page, /<section class="card settings-section" id="checkin-numbers"/);
      assert.match(page, /You have not chosen yet, so your partner sees only that you checked in\./);
      assert.doesNotMatch(page, /name="numbers" value="[a-z]+" checked/);
      assert.match(
        (await client.get('/account')).body,
        /<dt>Your check-in numbers<\/dt><dd>Only you see them; your partner sees that you checked in<\/dd>/,
      );

      const refused = await client.post('/account/checkin-numbers', {});
      assert.equal(refused.statusCode, 400);
      assert.match(refused.body, /id="field-numbers"[\s\S]*?Choose who sees your numbers/);
      assert.match(refused.body, /href="#field-numbers"/);

      const saved = await client.post('/account/checkin-numbers', { numbers: 'shared' });
      assert.equal(saved.statusCode, 303);
      assert.equal(saved.headers.location, '/account/settings?saved=numbers#checkin-numbers');
      const shown = (await client.get('/account/settings?saved=numbers')).body;
      assert.match(shown, /Saved\. Nobody is told that you changed it\./);
      assert.match(shown, /name="numbers" value="shared" checked/);
      assert.match((await client.get('/account')).body, /<dt>Your check-in numbers<\/dt><dd>Your partner sees them too<\/dd>/);
      assert.equal(json(await alex.api.get(`/api/v1/spaces/${spaceId}/checkins`)).checkins[0].trust, 9);
      assert.deepEqual(json(await alex.api.get('/api/v1/me/notifications')), before);
    });
  },
  { clock },
);
