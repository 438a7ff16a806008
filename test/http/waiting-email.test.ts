import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.js';
import { fixedClock } from '../../src/platform/clock.js';
import { localDate } from '../../src/core/time.js';
import { json, startTestApp, succeeded, type TestApp } from '../support/app.js';
import { signUp, type Person } from '../support/api-client.js';
import { PageClient } from '../support/browser-less.js';
import { DIALECTS, skipReason } from '../support/databases.js';
import { readMessage, startSmtp, type Received, type TestSmtp } from '../support/smtp.js';

/**
 * "Something is waiting for you" emails and the reminder emails (issue #18, part 3), over a real
 * SMTP server, with the app's clock moved by hand: no test waits for time to pass. Every test
 * starts a fresh couple on a later day, so the clock only moves forward.
 */
const MIN = 60_000;
const NAMES = ['Quillonelle', 'Brindlewort'] as const;
const SPACE = 'Hearthmoss';
const CANARIES = ['CANARY-NOTE-7Q', 'CANARY-REQUEST-7Q', 'CANARY-BREACH-7Q', 'CANARY-ENTRY-7Q', ...NAMES, SPACE];

for (const dialect of DIALECTS) {
  describe(`email when something waits, over real SMTP [${dialect}]`, async () => {
    const skip = await skipReason(dialect);
    if (skip) {
      test('skipped', { skip }, () => {});
      return;
    }
    const clock = fixedClock(new Date('2026-05-04T12:00:00Z'));
    const logLines: string[] = [];
    let smtp: TestSmtp;
    let t: TestApp;
    let day = 4;
    before(async () => {
      smtp = await startSmtp();
      t = await startTestApp(dialect, {
        clock,
        env: { ...smtp.env, LOG_LEVEL: 'warn' },
        logStream: { write: (line) => void logLines.push(line) },
      });
    });
    after(async () => {
      await t.close();
      await smtp.close();
    });

    /** The next day at this UTC time: each test has days of its own. */
    const nextDayAt = (hhmm: string) => {
      day += 1;
      clock.set(new Date(`2026-05-${String(day).padStart(2, '0')}T${hhmm}:00Z`));
    };
    const tick = () => t.app.mend.rhythm.reminders.tick();
    const advance = (minutes: number) => clock.advance(minutes * MIN);
    const to = (p: Person) => smtp.received.filter((m) => m.to.includes(p.email));
    const settings = async (p: Person) => json(await p.api.get('/api/v1/me/reminders')).reminders;

    /** Two partners and their space, with canaries in their names and the space's. */
    async function couple(timezone?: string): Promise<{ a: Person; b: Person; spaceId: string }> {
      const a = await signUp(t.app, NAMES[0], timezone ? { timezone } : {});
      const b = await signUp(t.app, NAMES[1]);
      const spaceId = json(await succeeded(a.api.post('/api/v1/spaces', { name: SPACE }), 'space')).space.id as string;
      const code = json(await a.api.post(`/api/v1/spaces/${spaceId}/invitations`, {})).invitation.code as string;
      await succeeded(b.api.post(`/api/v1/invitations/${code}/accept`), 'join');
      return { a, b, spaceId };
    }

    /** Sam (b) does something that waits on Alex (a), writing canaries. */
    async function somethingWaitsOn(b: Person, spaceId: string): Promise<void> {
      await succeeded(
        b.api.post(`/api/v1/spaces/${spaceId}/reassurance-requests`, { note: { text: 'CANARY-REQUEST-7Q', visibility: 'shared' } }),
        'reassurance',
      );
    }

    /** A fresh couple; something waits on Alex and is emailed to him. Answers the couple and the email's stop path. */
    async function emailedCouple(): Promise<{ a: Person; b: Person; spaceId: string; path: string }> {
      nextDayAt('12:00');
      const { a, b, spaceId } = await couple();
      advance(1);
      await somethingWaitsOn(b, spaceId);
      advance(10);
      await tick();
      assert.equal(to(a).length, 1);
      const stop = /<(http[^>]+)>/.exec(readMessage(to(a)[0]!).headers['list-unsubscribe'] ?? '')?.[1];
      assert.ok(stop);
      return { a, b, spaceId, path: new URL(stop).pathname };
    }

    /** A mail program's one-click unsubscribe (RFC 8058): a form post with no cookie and no token. */
    const oneClickPost = (path: string) =>
      t.app.inject({
        method: 'POST',
        url: path,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: 'List-Unsubscribe=One-Click',
      });

    /** Signs in through the sign-in page, as a browser without JavaScript. */
    async function signedInPages(p: Person): Promise<PageClient> {
      const pages = new PageClient(t.app);
      await pages.get('/sign-in');
      const res = await pages.post('/sign-in', { email: p.email, password: p.password });
      assert.equal(res.statusCode, 303, 'signed in');
      return pages;
    }

    function assertNothingWritten(m: Received): void {
      for (const canary of CANARIES) assert.ok(!m.data.includes(canary), `the email carries no "${canary}"`);
      assert.ok(!/partner/i.test(m.data), 'nor says anything about a partner');
    }

    test('an email arrives once when something waits and the person is away, not again within the hour, then one for what came since', async () => {
      nextDayAt('12:00');
      const { a, b, spaceId } = await couple();
      advance(1);
      await succeeded(
        b.api.put(`/api/v1/spaces/${spaceId}/checkins/${localDate(clock.now(), 'UTC')}`, {
          safety: 3,
          trust: 3,
          closeness: 3,
          note: { text: 'CANARY-NOTE-7Q', visibility: 'shared' },
        }),
        'check-in',
      );
      await somethingWaitsOn(b, spaceId);
      const breach = await succeeded(
        b.api.post(`/api/v1/spaces/${spaceId}/breaches`, {
          kind: 'lying',
          brokeTrust: [b.id],
          description: { text: 'CANARY-BREACH-7Q', visibility: 'shared' },
        }),
        'breach',
      );
      await succeeded(
        b.api.post(`/api/v1/journeys/${json(breach).journey.id}/entries`, { prompt: 'what_happened', text: 'CANARY-ENTRY-7Q' }),
        'entry',
      );
      // Told in the app at once (joined, checked in, reassurance, …), read here without Alex using Mend.
      assert.ok((await t.app.mend.rhythm.notifications.unreadCount(a.id)) >= 3);

      advance(9);
      await tick();
      assert.equal(to(a).length, 0, 'nine minutes on: not yet');
      advance(1);
      await tick();
      assert.equal(to(a).length, 1, 'ten minutes on, and away: one email');
      await tick();
      await tick();
      assert.equal(to(a).length, 1, 'once');
      assert.equal(to(b).length, 0, 'Sam, who acted, gets none');

      const message = readMessage(to(a)[0]!);
      assert.equal(message.headers.subject, 'Something is waiting for you in Mend');
      assert.match(message.body, new RegExp(`${t.config.baseUrl.origin}/notifications\\r?\\n`));
      const stop = /<(http[^>]+)>/.exec(message.headers['list-unsubscribe'] ?? '')?.[1];
      assert.ok(stop && message.body.includes(stop), 'the stop link is in the body and the List-Unsubscribe header');
      assert.equal(message.headers['list-unsubscribe-post'], 'List-Unsubscribe=One-Click');
      assertNothingWritten(to(a)[0]!);

      // More waits, twenty minutes later: batched into the next hour.
      advance(20);
      await succeeded(
        b.api.post(`/api/v1/spaces/${spaceId}/reassurance-requests`, { note: { text: 'CANARY-REQUEST-7Q', visibility: 'private' } }),
        'another',
      );
      advance(15);
      await tick();
      assert.equal(to(a).length, 1, 'not again within the hour');
      advance(24); // 59 minutes after the first
      await tick();
      assert.equal(to(a).length, 1, 'still within the hour');
      advance(1);
      await tick();
      assert.equal(to(a).length, 2, 'an hour after the first: one more, for what arrived since');
      advance(90);
      await tick();
      assert.equal(to(a).length, 2, 'nothing new: nothing more');
      for (const m of to(a)) assertNothingWritten(m);
    });

    test('none in quiet hours (their own clock); what waits goes once, when they end', async () => {
      nextDayAt('01:30'); // 21:30 the evening before in New York (EDT, UTC−4)
      const { a, b, spaceId } = await couple('America/New_York');
      assert.deepEqual((await settings(a)).quietHours, { start: '22:00', end: '08:00' }, 'the default');
      advance(25);
      await somethingWaitsOn(b, spaceId); // 21:55 in New York
      advance(10);
      await tick(); // 22:05: quiet
      assert.equal(to(a).length, 0);
      assert.equal(await t.app.mend.rhythm.reminders.inQuietHours(a.id), true, 'as push will ask');
      // Sam's clock is UTC: 02:05 there is quiet too, 14:05 is not.
      assert.equal(await t.app.mend.rhythm.reminders.inQuietHours(b.id), true);
      assert.equal(await t.app.mend.rhythm.reminders.inQuietHours(b.id, new Date(clock.now().getTime() + 12 * 60 * MIN)), false);
      advance(9 * 60 + 54); // 07:59 in New York
      await tick();
      assert.equal(to(a).length, 0, 'quiet all night');
      advance(1); // 08:00
      await tick();
      await tick();
      assert.equal(to(a).length, 1, 'one email when the quiet hours end');

      // Quiet hours chosen within the day, and none at all.
      assert.equal(
        (await a.api.put('/api/v1/me/reminders', { dailyTime: null, weeklyEmail: false, quietHours: { start: '09:00', end: '09:00' } }))
          .statusCode,
        400,
        'equal times are refused',
      );
      assert.equal(
        (await a.api.put('/api/v1/me/reminders', { dailyTime: null, weeklyEmail: false, quietHours: { start: '9:00', end: '10:00' } }))
          .statusCode,
        400,
      );
      const none = await a.api.put('/api/v1/me/reminders', { dailyTime: null, weeklyEmail: false, quietHours: null });
      assert.equal(none.statusCode, 200);
      assert.equal(json(none).reminders.quietHours, null);
      assert.equal(json(none).reminders.waitingEmail, true, 'left out: kept');
    });

    test('none once they come back to Mend, even after it was decided', async () => {
      nextDayAt('12:00');
      const { a, b, spaceId } = await couple();
      advance(1);
      await somethingWaitsOn(b, spaceId);
      advance(6);
      await succeeded(a.api.get('/api/v1/me'), 'Alex opens Mend'); // six minutes after the last: recorded
      advance(30);
      await tick();
      assert.equal(to(a).length, 0, 'back since it arrived: no email');

      // Decided, refused by the mail server, and then they come back: the retry is dropped.
      advance(60);
      await somethingWaitsOn(b, spaceId);
      advance(10);
      smtp.refuseNext(1);
      const offered = smtp.attempts;
      await tick();
      assert.equal(smtp.attempts, offered + 1, 'tried once');
      assert.equal(to(a).length, 0);
      await signedInPages(a);
      advance(5);
      await tick();
      assert.equal(smtp.attempts, offered + 1, 'not tried again: they came back');
      assert.equal(to(a).length, 0);
    });

    test('the stop link: GET changes nothing, a wrong token changes nothing, the one-click POST stops them without a session', async () => {
      const { a, b, spaceId, path } = await emailedCouple();
      assert.match(path, /^\/email\/stop\/[A-Za-z0-9_-]+\.w\.[A-Za-z0-9_-]{43}$/);

      const stranger = new PageClient(t.app); // no session, no form token
      const page = await stranger.get(path);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /Stop these emails/);
      assert.equal(page.headers['cache-control'], 'no-store');
      assert.equal((await settings(a)).waitingEmail, true, 'opening the link changes nothing');

      const wrong = path.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'));
      const refused = await oneClickPost(wrong);
      assert.equal(refused.statusCode, 404);
      assert.equal((await stranger.get(wrong)).statusCode, 404);
      assert.equal((await settings(a)).waitingEmail, true, 'a wrong token changes nothing');
      const othersLink = path.replace(a.id, b.id);
      assert.equal((await t.app.inject({ method: 'POST', url: othersLink, payload: {} })).statusCode, 404, 'nor another account’s id');
      assert.equal((await settings(b)).waitingEmail, true);

      // A mail program's one-click unsubscribe (RFC 8058): a form post with no cookie and no token.
      const oneClick = await oneClickPost(path);
      assert.equal(oneClick.statusCode, 200);
      assert.match(oneClick.body, /These emails are stopped/);
      const after = await settings(a);
      assert.equal(after.waitingEmail, false, 'stopped');
      assert.equal(after.reminderEmail, true, 'only that kind');
      const multipart = await t.app.inject({
        method: 'POST',
        url: path,
        headers: { 'content-type': 'multipart/form-data; boundary=x' },
        payload: '--x\r\nContent-Disposition: form-data; name="List-Unsubscribe"\r\n\r\nOne-Click\r\n--x--\r\n',
      });
      assert.equal(multipart.statusCode, 200, 'the multipart form RFC 8058 also allows');

      advance(120);
      await somethingWaitsOn(b, spaceId);
      advance(15);
      await tick();
      assert.equal(to(a).length, 1, 'no more emails');

      // Turned back on from the settings page: the next thing that waits is emailed.
      const pages = await signedInPages(a);
      const form = await pages.get('/notifications');
      assert.doesNotMatch(form.body, /id="field-waitingEmail"[^>]*checked/);
      const saved = await pages.post('/notifications/email', {
        emailChoices: 'shown',
        waitingEmail: 'yes',
        reminderEmail: 'yes',
        quietStart: '22:00',
        quietEnd: '08:00',
      });
      assert.equal(saved.statusCode, 303);
      assert.equal((await settings(a)).waitingEmail, true);
      advance(10); // away again (the page visit was just now)
      await somethingWaitsOn(b, spaceId);
      advance(10);
      await tick();
      assert.equal(to(a).length, 2, 'on again');
    });

    test('a stop link in an old email still answers calmly after its account was deleted', async () => {
      const { a, path } = await emailedCouple();
      assert.equal((await a.api.delete('/api/v1/me', { password: a.password })).statusCode, 204);

      // Nothing will ever be sent to a deleted account: the link says they are stopped, and stores nothing.
      const oneClick = await oneClickPost(path);
      assert.equal(oneClick.statusCode, 200, oneClick.body.slice(0, 300));
      assert.match(oneClick.body, /These emails are stopped/);
      const kept = await t.app.mend.store.db
        .selectFrom('reminder_preferences')
        .select('account_id')
        .where('account_id', '=', a.id)
        .execute();
      assert.equal(kept.length, 0, 'no row for an account that is gone');
    });

    test('reminder emails honour quiet hours, carry their own stop link, and the in-app reminder never waits for them', async () => {
      nextDayAt('21:00');
      const { a } = await couple();
      assert.equal((await a.api.put('/api/v1/me/reminders', { dailyTime: '21:00', weeklyEmail: false })).statusCode, 200);
      smtp.refuseNext(1);
      await tick();
      const inApp = json(await a.api.get('/api/v1/me/notifications')).notifications.map((n: { type: string }) => n.type);
      assert.ok(inApp.includes('checkin_reminder'), 'saved in the app although the email failed');
      assert.equal(to(a).length, 0);
      advance(1);
      await tick();
      assert.equal(to(a).length, 1, 'retried a minute later, and delivered');
      const reminder = readMessage(to(a)[0]!);
      assert.equal(reminder.headers.subject, 'Your daily check-in');
      const stop = /<(http[^>]+)>/.exec(reminder.headers['list-unsubscribe'] ?? '')?.[1];
      assert.match(stop ?? '', /\/email\/stop\/[^/]+\.r\.[A-Za-z0-9_-]{43}$/, 'the reminders’ own list');

      // The next evening, with quiet hours from 20:00: the reminder is in the app at 21:00, its
      // email is held back — and by 08:00 the day is over, so it never goes.
      assert.equal(
        (await a.api.put('/api/v1/me/reminders', { dailyTime: '21:00', weeklyEmail: false, quietHours: { start: '20:00', end: '08:00' } }))
          .statusCode,
        200,
      );
      advance(24 * 60 - 1);
      await tick();
      assert.ok(
        json(await a.api.get('/api/v1/me/notifications')).notifications.filter((n: { type: string }) => n.type === 'checkin_reminder')
          .length === 2,
      );
      advance(11 * 60);
      await tick();
      assert.equal(to(a).length, 1, 'no email in quiet hours, nor the next morning for yesterday');

      // The stop page, without JavaScript and without a session: one button.
      const stranger = new PageClient(t.app);
      const path = new URL(stop!).pathname;
      const page = await stranger.get(path);
      assert.match(page.body, /Stop reminder emails from Mend\?/);
      const done = await stranger.post(path, { 'List-Unsubscribe': 'One-Click' }, { withCsrf: false });
      assert.equal(done.statusCode, 200);
      const after = await settings(a);
      assert.equal(after.reminderEmail, false);
      assert.equal(after.waitingEmail, true);
      assert.equal(after.dailyTime, '21:00', 'the reminder itself stays');

      await a.api.put('/api/v1/me/reminders', { dailyTime: '21:00', weeklyEmail: false, quietHours: null });
      advance(13 * 60); // 21:00 the day after
      await tick();
      const reminders = json(await a.api.get('/api/v1/me/notifications')).notifications.filter(
        (n: { type: string }) => n.type === 'checkin_reminder',
      );
      assert.equal(reminders.length, 3, 'still reminded in the app');
      assert.equal(to(a).length, 1, 'but not by email');
    });

    test('a mail server that refuses, then accepts: tried again after a wait, delivered once; the log names the kind only', async () => {
      nextDayAt('12:00');
      const { a, b, spaceId } = await couple();
      advance(1);
      await somethingWaitsOn(b, spaceId);
      advance(10);
      smtp.refuseNext(2);
      const offered = smtp.attempts;
      logLines.length = 0;
      await tick();
      assert.equal(smtp.attempts, offered + 1);
      await tick();
      assert.equal(smtp.attempts, offered + 1, 'not again before the wait');
      advance(1);
      await tick();
      assert.equal(smtp.attempts, offered + 2, 'a minute later: refused again');
      advance(1);
      await tick();
      assert.equal(smtp.attempts, offered + 2, 'the wait doubled');
      advance(1);
      await tick();
      assert.equal(to(a).length, 1, 'delivered on the third try');
      advance(120);
      await tick();
      assert.equal(to(a).length, 1, 'once');

      const failures = logLines
        .map((l) => JSON.parse(l) as Record<string, unknown>)
        .filter((l) => String(l.msg).includes('could not be sent'));
      assert.equal(failures.length, 2);
      assert.deepEqual(
        failures.map((f) => [f.kind, f.attempt, f.responseCode]),
        [
          ['waiting', 1, 451],
          ['waiting', 2, 451],
        ],
      );
      for (const line of logLines) {
        assert.ok(!line.includes(a.email) && !line.includes('@'), 'no address in the log');
        for (const canary of CANARIES) assert.ok(!line.includes(canary));
        assert.ok(!line.includes('/email/stop/'), 'no stop link in the log');
      }
    });

    test('two app servers on one database send one email', async () => {
      nextDayAt('12:00');
      const second: FastifyInstance = await buildApp(t.config, { clock });
      try {
        await second.ready();
        const { a, b, spaceId } = await couple();
        advance(1);
        await somethingWaitsOn(b, spaceId);
        assert.equal(await second.mend.rhythm.notifications.unreadCount(a.id), 2, 'the same database');
        advance(10);
        const rounds = [t.app, second, t.app, second].map((app) => app.mend.rhythm.reminders.tick());
        await Promise.all(rounds);
        await Promise.all([second.mend.rhythm.reminders.tick(), t.app.mend.rhythm.reminders.tick()]);
        assert.equal(to(a).length, 1, 'one email, whichever server claimed it');
        assert.equal(smtp.received.filter((m) => m.to.includes(a.email)).length, 1);
      } finally {
        await second.close();
      }
    });
  });
}
