import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDatabase, json } from '../support/app.js';
import { signUp } from '../support/api-client.js';
import { PageClient } from '../support/browser-less.js';

/**
 * A Mend with push on and no SMTP (issue #18): the Notifications page offers the quiet hours on
 * their own — they hold for push — and saving them leaves the email choices as they were. Push
 * asks the same quiet hours.
 */
describeEachDatabase('quiet hours without email', (get) => {
  test('the page shows quiet hours alone; saving them keeps the email choices; push asks them', async () => {
    const app = get().app;
    const a = await signUp(app, 'Robin', { timezone: 'Europe/London' });
    assert.equal(json(await a.api.get('/api/v1/me/reminders')).email, false);
    await a.api.put('/api/v1/me/reminders', { dailyTime: null, weeklyEmail: false, waitingEmail: false });

    const pages = new PageClient(app);
    await pages.get('/sign-in');
    assert.equal((await pages.post('/sign-in', { email: a.email, password: a.password })).statusCode, 303);
    const page = await pages.get('/notifications');
    assert.match(page.body, /<h2 id="h-quiet">Quiet hours<\/h2>/);
    assert.match(page.body, /No push notification between these times, on your clock \(Europe\/London\)/);
    assert.doesNotMatch(page.body, /name="waitingEmail"/, 'no email choices without email');

    const refused = await pages.post('/notifications/email', { quietStart: '21:00', quietEnd: '21:00' });
    assert.equal(refused.statusCode, 400);
    assert.match(refused.body, /Choose two different times/);
    assert.match(refused.body, /name="quietStart" type="time" value="21:00"/, 'what was typed is kept');

    const saved = await pages.post('/notifications/email', { quietStart: '21:00', quietEnd: '06:30' });
    assert.equal(saved.statusCode, 303);
    assert.match((await pages.get('/notifications?saved=email')).body, /Your quiet hours are saved\./);
    const after = json(await a.api.get('/api/v1/me/reminders')).reminders;
    assert.deepEqual(after.quietHours, { start: '21:00', end: '06:30' });
    assert.equal(after.waitingEmail, false, 'kept as it was');
    assert.equal(after.reminderEmail, true, 'kept as it was');

    // 21:30 in London in summer (BST) is 20:30 UTC; noon is not quiet.
    assert.equal(await app.mend.push.mayPushNow(a.id, new Date('2026-07-01T20:30:00Z')), false);
    assert.equal(await app.mend.push.mayPushNow(a.id, new Date('2026-07-01T11:00:00Z')), true);
  });
});
