import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fixedClock } from '../../src/platform/clock.js';
import { describeEachDatabase, json, succeeded } from '../support/app.js';
import { couple, sharingNumbers, signUp, type Person } from '../support/api-client.js';
import { activeTherapist, journeyAndAgreement, pagesAs } from '../support/live-people.js';

/**
 * Issue #20, item 3: the progress page is useful from the first day. Today's numbers (a partner's
 * only when they share them), what appears when said once, the consistency estimate in words,
 * and anything worth talking about near the top — with a one-line pointer from the space home.
 */

const START = new Date('2026-03-02T12:00:00Z');
const clock = fixedClock(START);
const DAY = 86_400_000;
const today = () => clock.now().toISOString().slice(0, 10);
const NOTE_CANARY = 'CANARY-FIRST-WEEKS-NOTE';
const SAM_NUMBERS = /feeling safe 9, trust 1, closeness 8/;
const count = (body: string, re: RegExp) => (body.match(new RegExp(re.source, 'g')) ?? []).length;

async function checkIn(p: Person, spaceId: string, v: [number, number, number], extra: Record<string, unknown> = {}, date = today()) {
  const res = await p.api.put(`/api/v1/spaces/${spaceId}/checkins/${date}`, { safety: v[0], trust: v[1], closeness: v[2], ...extra });
  assert.ok(res.statusCode === 201 || res.statusCode === 200, res.body);
}

async function page(app: Parameters<typeof pagesAs>[0], who: Person, path: string): Promise<string> {
  const res = await (await pagesAs(app, who)).get(path);
  assert.equal(res.statusCode, 200, res.body.slice(0, 300));
  return res.body;
}

describeEachDatabase(
  'the progress page in the first weeks',
  (get) => {
    test('the first day: today’s numbers, what appears when (once), no empty charts, no jargon; a partner’s numbers only when shared', async () => {
      clock.set(START);
      const { app } = get();
      const { a, b, spaceId } = await couple(app);
      await checkIn(a, spaceId, [6, 5, 7], { day: 'good', note: { text: NOTE_CANARY, visibility: 'private' } });
      await checkIn(b, spaceId, [9, 1, 8]);
      const t = await activeTherapist(app, a, b, spaceId);

      const alex = await page(app, a, `/spaces/${spaceId}/progress`);
      assert.match(alex, /<h2 id="h-today">Today, Monday 2 March<\/h2>/);
      assert.match(alex, /<strong>You:<\/strong> feeling safe 6, trust 5, closeness 7 — a good day\./);
      assert.match(alex, /<strong>Sam:<\/strong> keeps their numbers to themselves; checked in today\./);
      assert.doesNotMatch(alex, SAM_NUMBERS);
      assert.equal(count(alex, /you have 1 and Sam/), 0, 'Sam’s count goes with Sam’s numbers');
      assert.equal(
        count(
          alex,
          /The lines for feeling safe, trust and closeness appear after 3 check-ins within 7 days; in the last 7 days you have 1 check-in\./,
        ),
        1,
      );
      assert.equal(
        count(alex, /shows after 10 check-ins spread over at least 4 of the last 8 weeks; so far you have 1 check-in in 1 week\./),
        1,
      );
      assert.doesNotMatch(alex, /not enough check-ins yet/);
      assert.doesNotMatch(alex, /<figure|<svg/, 'no chart is drawn before there is a line or an estimate');
      assert.equal(count(alex, /Too early to say: no occasions logged yet\./), 1);
      assert.doesNotMatch(alex, /0\.50|0\.05|0\.95|occasions\)/);
      assert.match(alex, /The monthly review’s line appears after the first monthly review/);
      assert.ok(alex.indexOf('id="h-today"') < alex.indexOf('id="h-flags"'), 'today first when nothing is flagged');
      assert.match(alex, /Nothing stands out right now\./);
      assert.match(alex, /href="\/spaces\/[^"]+\/decision-guide"/);

      // Sam sees their own numbers; Alex keeps theirs; Alex's private note is nowhere.
      const sam = await page(app, b, `/spaces/${spaceId}/progress`);
      assert.match(sam, /<strong>You:<\/strong> feeling safe 9, trust 1, closeness 8\./);
      assert.match(sam, /<strong>Alex:<\/strong> keeps their numbers to themselves; checked in today\./);
      assert.doesNotMatch(sam, /trust 5|closeness 7/);
      for (const body of [alex, sam]) assert.ok(!body.includes(NOTE_CANARY));
      // The therapist sees neither's numbers, and is not offered the partners' things to do.
      const lee = await page(app, t, `/spaces/${spaceId}/progress`);
      assert.match(lee, /<strong>Alex:<\/strong> keeps their numbers/);
      assert.match(lee, /<strong>Sam:<\/strong> keeps their numbers/);
      assert.doesNotMatch(lee, /trust 5|trust 1\b|a private guide/);
      assert.ok(!lee.includes(NOTE_CANARY));

      // Once Sam shares, Alex and the therapist see Sam's numbers (and Alex's stay Alex's).
      await sharingNumbers(b);
      const shared = await page(app, a, `/spaces/${spaceId}/progress`);
      assert.match(shared, /<strong>Sam:<\/strong> feeling safe 9, trust 1, closeness 8\./);
      assert.match(shared, /in the last 7 days you have 1 check-in and Sam has 1 check-in\./);
      assert.match(await page(app, t, `/spaces/${spaceId}/progress`), SAM_NUMBERS);
      assert.doesNotMatch(await page(app, b, `/spaces/${spaceId}/progress`), /trust 5/);

      // The live fragment draws the very sections of the page.
      const live = await (await pagesAs(app, a)).get(`/spaces/${spaceId}/live/progress`);
      assert.equal(live.statusCode, 200);
      assert.ok(shared.includes(live.body.trim()), 'the page holds the live fragment as it is');

      // The home points at nothing when nothing is flagged.
      assert.doesNotMatch(await page(app, a, `/spaces/${spaceId}`), /progress-pointer/);
      // The API is unchanged: the same fields, nothing taken away.
      const api = json(await succeeded(a.api.get(`/api/v1/spaces/${spaceId}/progress`), 'progress'));
      assert.deepEqual(Object.keys(api).sort(), ['divergence', 'milestones', 'partners', 'redFlags', 'today']);
      assert.ok(!JSON.stringify(api).includes(NOTE_CANARY));
    });

    test('one week in: lines with their tables, the verdict still to come said once, consistency in plain words', async () => {
      clock.set(START);
      const { app } = get();
      const { a, b, spaceId } = await couple(app);
      await sharingNumbers(a, b);
      const { agreementId } = await journeyAndAgreement(a, b, spaceId, 'I tell you when I will be late.');
      for (let d = 0; d < 7; d++) {
        await checkIn(a, spaceId, [5, 5 + (d % 2), 6]);
        await checkIn(b, spaceId, [4, 4, 5]);
        const logged = await a.api.post(`/api/v1/agreements/${agreementId}/log`, { occurredOn: today(), kept: d !== 3 });
        assert.equal(logged.statusCode, 201, logged.body);
        if (d < 6) clock.advance(DAY);
      }
      const alex = await page(app, a, `/spaces/${spaceId}/progress`);
      for (const m of ['safety', 'trust', 'closeness']) assert.match(alex, new RegExp(`<figure class="chart[^"]*" id="chart-${m}">`));
      assert.match(alex, /Show the numbers/);
      assert.match(alex, /<table>/);
      assert.doesNotMatch(alex, /The lines for feeling safe/, 'the lines are there');
      assert.equal(
        count(
          alex,
          /shows after 10 check-ins spread over at least 4 of the last 8 weeks; so far you have 7 check-ins in 1 week and Sam has 7 check-ins in 1 week\./,
        ),
        1,
      );
      assert.doesNotMatch(alex, /not enough check-ins yet/);
      assert.doesNotMatch(alex, /<ul class="verdicts">/, 'no per-chart "not enough yet"');
      assert.match(
        alex,
        /<strong>You:<\/strong> Kept about \d+ in 10 times so far, but with only 7 occasions that could be anywhere from \d+ to \d+ in 10\./,
      );
      assert.match(alex, /<strong>Sam:<\/strong> Too early to say: no occasions logged yet\./);
      assert.match(alex, /<figure class="chart[^"]*" id="chart-consistency">/);
      const caption =
        /<figure class="chart[^"]*" id="chart-consistency">[\s\S]*?<figcaption[^>]*>([\s\S]*?)<\/figcaption>/.exec(alex)?.[1] ?? '';
      assert.match(caption, /Each dot is an estimate and its band where it likely lies/);
      assert.doesNotMatch(caption, /\d\.\d/, 'the chart’s summary is in words too');
      // The chart's own labels, axis and table say what the sentences say: "about 7 in 10", never 0.75.
      const gauge = /<figure class="chart[^"]*" id="chart-consistency">[\s\S]*?<\/figure>/.exec(alex)?.[0] ?? '';
      const about = /Kept about (\d+) in 10 times so far/.exec(alex)?.[1];
      assert.match(gauge, new RegExp(`>You: about ${about} in 10</text>`));
      assert.match(gauge, /<title id="chart-consistency-title">How often agreements were kept<\/title>/);
      assert.doesNotMatch(gauge.replace(/<[^>]+>/g, ' '), /\d\.\d|Consistency score/);
      // Small wins: both first check-ins are one win, said once, with who.
      const wins = /<ul class="milestones">([\s\S]*?)<\/ul>/.exec(alex)?.[1] ?? '';
      assert.equal(count(wins, /A first check-in — the first small step of many/), 1, wins);
      assert.match(wins, /A first check-in — the first small step of many<\/strong> — you and Sam \(/);
      assert.ok(alex.indexOf('id="h-today"') < alex.indexOf('id="h-trust"'));
    });

    test('one person alone: their own numbers and what appears when, with no partner spoken of', async () => {
      clock.set(START);
      const { app } = get();
      const solo = await signUp(app, 'Robin');
      const spaceId = json(await solo.api.post('/api/v1/spaces', { name: 'Mine' })).space.id as string;
      const before = await page(app, solo, `/spaces/${spaceId}/progress`);
      assert.match(before, /<strong>You:<\/strong> not checked in yet today\. <a href="\/spaces\/[^"]+\/check-in">Check in<\/a><\/li>/);
      assert.match(before, /in the last 7 days you have none\./);
      await checkIn(solo, spaceId, [3, 4, 5], { day: 'hard' });
      const body = await page(app, solo, `/spaces/${spaceId}/progress`);
      assert.match(body, /<strong>You:<\/strong> feeling safe 3, trust 4, closeness 5 — a hard day\./);
      assert.match(body, /in the last 7 days you have 1 check-in\./);
      assert.doesNotMatch(body, /partner has|keeps their numbers|<figure/);
    });

    test('a red flag: near the top of the page and one line on the home — for whoever may see it only', async () => {
      clock.set(START);
      const { app } = get();
      const { a, b, spaceId } = await couple(app);
      for (let d = 0; d < 3; d++) {
        await checkIn(a, spaceId, [5, 5, 5], { note: { text: `Whatever, you moron. ${NOTE_CANARY}`, visibility: 'private' } });
        await checkIn(b, spaceId, [5, 5, 5]);
        clock.advance(DAY);
      }
      const alex = await page(app, a, `/spaces/${spaceId}/progress`);
      assert.ok(alex.indexOf('id="h-flags"') < alex.indexOf('id="h-today"'), 'something worth talking about comes first');
      assert.match(alex, /Only you can see this\./);
      assert.match(alex, /decision-guide/);
      const home = await page(app, a, `/spaces/${spaceId}`);
      assert.match(
        home,
        /<p class="notice notice--gentle progress-pointer"><a href="\/spaces\/[^"]+\/progress#h-flags">Something on the progress page may be worth talking about\.<\/a><\/p>/,
      );
      assert.ok(!home.includes(NOTE_CANARY) && !home.includes('moron'));

      // The flag came from Alex's private notes: Sam sees neither it nor the pointer.
      const sam = await page(app, b, `/spaces/${spaceId}/progress`);
      assert.ok(sam.indexOf('id="h-today"') < sam.indexOf('id="h-flags"'));
      assert.match(sam, /Nothing stands out right now\./);
      const samHome = await page(app, b, `/spaces/${spaceId}`);
      assert.doesNotMatch(samHome, /progress-pointer|worth talking about/);
      for (const body of [sam, samHome]) assert.ok(!body.includes(NOTE_CANARY) && !body.includes('moron'));

      // A flag both may see (three weeks without Sam's check-in) points both there.
      clock.advance(21 * DAY);
      await checkIn(a, spaceId, [5, 5, 5]);
      for (const who of [a, b]) assert.match(await page(app, who, `/spaces/${spaceId}`), /progress-pointer/);
      const samLater = await page(app, b, `/spaces/${spaceId}/progress`);
      assert.ok(samLater.indexOf('id="h-flags"') < samLater.indexOf('id="h-today"'), 'the flag Sam may see comes first for Sam too');
    });
  },
  { clock },
);
