import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { fixedClock } from '../../src/platform/clock.js';
import { json, startTestApp, type TestApp } from '../support/app.js';
import { couple } from '../support/api-client.js';
import { DIALECTS, skipReason } from '../support/databases.js';
import { startSmtp, type TestSmtp } from '../support/smtp.js';

for (const dialect of DIALECTS) {
  describe(`email reminders over real SMTP [${dialect}]`, async () => {
    const skip = await skipReason(dialect);
    if (skip) {
      test('skipped', { skip }, () => {});
      return;
    }
    // Monday 2 March 2026, 20:30 UTC.
    const clock = fixedClock(new Date('2026-03-02T20:30:00Z'));
    let smtp: TestSmtp;
    let t: TestApp;
    before(async () => {
      smtp = await startSmtp();
      t = await startTestApp(dialect, { clock, env: smtp.env });
    });
    after(async () => {
      await t.close();
      await smtp.close();
    });

    test('daily and weekly reminders are emailed once each, with a link and no entry text', async () => {
      const { a, b, spaceId } = await couple(t.app);
      assert.equal((await a.api.put('/api/v1/me/reminders', { dailyTime: '20:00', weeklyEmail: true })).statusCode, 200);
      assert.equal((await b.api.put('/api/v1/me/reminders', { dailyTime: '21:00', weeklyEmail: true })).statusCode, 200);
      assert.equal(json(await a.api.get('/api/v1/me/reminders')).email, true);
      // b writes something; no email may ever carry it.
      await b.api.put(`/api/v1/spaces/${spaceId}/checkins/2026-03-02`, {
        safety: 4,
        trust: 4,
        closeness: 4,
        note: { text: 'SECRET-NOTE-TEXT', visibility: 'shared' },
      });
      await b.api.post(`/api/v1/spaces/${spaceId}/reassurance-requests`, { note: { text: 'SECRET-REQUEST', visibility: 'shared' } });
      assert.equal((await a.api.put(`/api/v1/spaces/${spaceId}/meeting-schedule`, { weekday: 1, time: '22:00' })).statusCode, 200);

      const reminders = t.app.mend.rhythm.reminders;
      const sent = await reminders.tick();
      // a: daily (20:00 passed, not checked in) and weekly; b: weekly only (21:00 not yet, and already checked in).
      assert.deepEqual(
        sent.filter((k) => k.startsWith('daily:')),
        [`daily:${a.id}:2026-03-02`],
      );
      assert.equal(sent.filter((k) => k.startsWith('weekly:')).length, 2);
      assert.equal(smtp.received.length, 3);

      // A second round — or a second app server, or a restart — sends nothing again.
      assert.deepEqual(await reminders.tick(), []);
      assert.equal(smtp.received.length, 3);

      for (const m of smtp.received) {
        assert.ok(!m.data.includes('SECRET'), 'no entry text in any email');
        assert.match(m.data, /http:\/\/localhost:\d+\/spaces\//);
        assert.match(m.data, /From: Mend <mend@example\.org>/);
      }
      const toA = smtp.received.filter((m) => m.to.includes(a.email));
      assert.equal(toA.length, 2);
      assert.ok(toA.some((m) => /Subject: Your daily check-in/.test(m.data)));

      // In-app too.
      const notes = json(await a.api.get('/api/v1/me/notifications')).notifications.map((n: { type: string }) => n.type);
      assert.ok(notes.includes('checkin_reminder') && notes.includes('meeting_reminder'));
      const bodyB = await b.api.get('/api/v1/me/notifications');
      assert.ok(!bodyB.body.includes('SECRET'));
    });

    test('a reminder held back in quiet hours is not sent once its person has left the space', async () => {
      // Tuesday 3 March, 23:10 UTC: the 22:30 reminder is due, inside both partners' quiet hours.
      clock.set(new Date('2026-03-03T23:10:00Z'));
      const { a, b, spaceId } = await couple(t.app, ['Noor', 'Ravi']);
      for (const person of [a, b])
        assert.equal(
          (
            await person.api.put('/api/v1/me/reminders', {
              dailyTime: '22:30',
              weeklyEmail: false,
              quietHours: { start: '23:00', end: '23:30' },
            })
          ).statusCode,
          200,
        );
      const reminders = t.app.mend.rhythm.reminders;
      const emailsTo = (person: { email: string }) => smtp.countTo(person.email);
      const reminded = await reminders.tick();
      assert.ok(reminded.includes(`daily:${a.id}:2026-03-03`) && reminded.includes(`daily:${b.id}:2026-03-03`), 'both reminded in Mend');
      assert.deepEqual([emailsTo(a), emailsTo(b)], [0, 0], 'both emails wait for the quiet hours to end');

      assert.equal((await b.api.post(`/api/v1/spaces/${spaceId}/leave`, { password: b.password })).statusCode, 204);
      clock.set(new Date('2026-03-03T23:40:00Z'));
      await reminders.tick();
      assert.equal(emailsTo(a), 1, 'the partner who stayed gets the held email');
      assert.equal(emailsTo(b), 0, 'the partner who left does not');
      await reminders.tick();
      assert.equal(emailsTo(b), 0, 'nor later');
    });
  });
}
