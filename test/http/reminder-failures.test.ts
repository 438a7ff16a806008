import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.js';
import { fixedClock } from '../../src/platform/clock.js';
import { json, startTestApp, succeeded, type TestApp } from '../support/app.js';
import { ApiClient, signUp, type Person } from '../support/api-client.js';
import { DIALECTS, skipReason } from '../support/databases.js';
import { startSmtp, type TestSmtp } from '../support/smtp.js';

/**
 * Reminders that fail loudly and recover (issue #21, item 4), over a real SMTP server that goes
 * down, comes back, and hangs: the in-app reminder is there at once, the failure is logged (with
 * no address, id or text) and counted, the email waits in the database and a restarted server
 * sends it; a mail server that hangs never holds back the next in-app reminders.
 */
const MIN = 60_000;
const DAY = 24 * 60 * MIN;
const TOKEN = 'reminder-metrics-token-0b5e';
const NAME = 'Marrowbine';

interface LogLine {
  level: number;
  msg: string;
  [field: string]: unknown;
}

for (const dialect of DIALECTS) {
  describe(`reminders when the mail server fails [${dialect}]`, async () => {
    const skip = await skipReason(dialect);
    if (skip) {
      test('skipped', { skip }, () => {});
      return;
    }
    // Monday 2 March 2026, 20:30 UTC.
    const clock = fixedClock(new Date('2026-03-02T20:30:00Z'));
    const lines: string[] = [];
    const logStream = { write: (line: string) => void lines.push(line) };
    let smtp: TestSmtp;
    let t: TestApp;
    /** The server that runs after the first one stopped (a restart). */
    let restarted: FastifyInstance | null = null;
    let person: Person;
    before(async () => {
      smtp = await startSmtp();
      t = await startTestApp(dialect, { clock, env: { ...smtp.env, LOG_LEVEL: 'info', MEND_METRICS_TOKEN: TOKEN }, logStream });
      person = await signUp(t.app, NAME);
      await succeeded(person.api.post('/api/v1/spaces', { name: 'Ours' }), 'space');
      await succeeded(person.api.put('/api/v1/me/reminders', { dailyTime: '20:00', weeklyEmail: false }), 'reminder time');
    });
    after(async () => {
      await restarted?.close();
      if (!restarted) await t.app.close();
      await t.database.drop();
      await smtp.close();
    });

    const parsed = (): LogLine[] =>
      lines
        .join('')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as LogLine);
    const inApp = async (p: Person) =>
      (json(await p.api.get('/api/v1/me/notifications')).notifications as Array<{ type: string }>).filter(
        (n) => n.type === 'checkin_reminder',
      ).length;
    const metricsOf = async (app: FastifyInstance) =>
      (await app.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${TOKEN}` } })).body;
    const assertNothingAboutThem = () => {
      const log = lines.join('');
      for (const secret of [person.email, person.id, NAME, '@example.org', person.api.token!]) {
        assert.ok(!log.includes(secret), `the log names no "${secret}"`);
      }
    };

    test('mail server down: the in-app reminder is there at once, the failure logged and counted, the email kept for later', async () => {
      lines.length = 0;
      await smtp.down();
      await t.app.mend.rhythm.reminders.tick();
      assert.equal(await inApp(person), 1, 'reminded in the app although no email could go');
      assert.equal(smtp.countTo(person.email), 0);

      const failures = parsed().filter((l) => l.msg.includes('could not be sent'));
      assert.equal(failures.length, 1);
      assert.equal(failures[0]!.level, 40);
      assert.equal(failures[0]!.kind, 'checkin_reminder');
      assert.equal(failures[0]!.attempt, 1);
      assert.notEqual(failures[0]!.code, 'unknown', 'the mail system’s code says why');
      assert.equal(failures[0]!.retryAt, new Date(clock.now().getTime() + MIN).toISOString(), 'tried again in a minute');
      assertNothingAboutThem();

      const metrics = await metricsOf(t.app);
      assert.match(metrics, /mend_reminders_total\{channel="app",kind="checkin_reminder",outcome="sent"\} 1/);
      assert.match(metrics, /mend_reminders_total\{channel="email",kind="checkin_reminder",outcome="retry"\} 1/);

      // Not again before its time, and the in-app reminder is not written twice.
      await t.app.mend.rhythm.reminders.tick();
      assert.equal(parsed().filter((l) => l.msg.includes('could not be sent')).length, 1);
      assert.equal(await inApp(person), 1);
    });

    test('a restarted server sends it once the mail server is back, and says so', async () => {
      await t.app.close();
      restarted = await buildApp(t.config, { clock, logStream });
      await restarted.ready();
      person.api = new ApiClient(restarted, person.api.token);
      lines.length = 0;
      await smtp.up();
      clock.advance(MIN);
      await restarted.mend.rhythm.reminders.tick();
      assert.equal(smtp.countTo(person.email), 1, 'delivered from what the database kept');
      const recovered = parsed().filter((l) => l.msg === 'an email that had failed was sent');
      assert.equal(recovered.length, 1);
      assert.equal(recovered[0]!.level, 30);
      assert.deepEqual([recovered[0]!.kind, recovered[0]!.attempt], ['checkin_reminder', 2]);
      assert.match(await metricsOf(restarted), /mend_reminders_total\{channel="email",kind="checkin_reminder",outcome="sent"\} 1/);
      await restarted.mend.rhythm.reminders.tick();
      assert.equal(smtp.countTo(person.email), 1, 'once');
      assertNothingAboutThem();
    });

    test('a mail server that hangs does not hold back the next in-app reminders', async () => {
      const app = restarted!;
      const reminders = app.mend.rhythm.reminders;
      const hung = await smtp.hang();
      // The loop itself, ticking quickly, instead of the rounds a test starts.
      await reminders.stop();
      reminders.start({ intervalMs: 20, log: app.log });
      try {
        clock.advance(DAY);
        while (hung.connections === 0) await new Promise((r) => setTimeout(r, 10));
        assert.equal(await inApp(person), 2, 'the day’s reminder was written before its email was tried');
        // The email is stuck on the mail server; the next day comes, and its reminder is written.
        clock.advance(DAY);
        while ((await inApp(person)) < 3) await new Promise((r) => setTimeout(r, 10));
        assert.equal(hung.open, 1, 'while the email still waits on the mail server');
        assert.equal(smtp.countTo(person.email), 1);
      } finally {
        // The hung connection ends; the email round fails and is logged, and the loop stops.
        lines.length = 0;
        await smtp.up();
        await reminders.stop();
      }
      const failures = parsed().filter((l) => l.msg.includes('could not be sent'));
      assert.equal(failures.length, 1, 'the failed email is logged');
      assertNothingAboutThem();
    });
  });
}
