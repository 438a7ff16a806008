import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EmailStore } from '../../src/features/notifications/email-store.js';
import { describeEachDatabase } from '../support/app.js';
import { signUp } from '../support/api-client.js';

/**
 * The claims that keep two app servers from sending one email twice, asked in the order that
 * races: both servers read the same state, then both try. Exactly one may win each time.
 */
describeEachDatabase('the email outbox: claims', (get) => {
  test('an email read as due by two servers is claimed by one; a failed try waits for its time', async () => {
    const db = get().app.mend.store.db;
    const [one, two] = [new EmailStore(db), new EmailStore(db)];
    const { id } = await signUp(get().app, 'Claimer');
    const now = '2026-05-05T12:00:00.000Z';
    await one.queue({ key: `daily:${id}:2026-05-05`, accountId: id, kind: 'checkin_reminder', localDate: '2026-05-05', now });
    await two.queue({ key: `daily:${id}:2026-05-05`, accountId: id, kind: 'checkin_reminder', localDate: '2026-05-05', now });
    const [seenByOne, seenByTwo] = [await one.due(now, 10), await two.due(now, 10)];
    assert.deepEqual(
      [seenByOne, seenByTwo].map((list) => list.filter((e) => e.accountId === id).length),
      [1, 1],
      'queued once, seen by both',
    );
    const key = seenByOne.find((e) => e.accountId === id)!.key;
    assert.deepEqual([await one.claim(key, now), await two.claim(key, now)], [true, false]);
    assert.equal(await one.inFlight(id, 'checkin_reminder'), true);

    await one.retryAt(key, '2026-05-05T12:01:00.000Z');
    assert.equal(await two.claim(key, now), false, 'not before its time');
    assert.deepEqual([await two.claim(key, '2026-05-05T12:01:00.000Z'), await one.claim(key, '2026-05-05T12:01:00.000Z')], [true, false]);
    const [email] = (await one.due('2026-05-05T13:00:00.000Z', 10)).filter((e) => e.key === key);
    assert.equal(email, undefined, 'a claimed email is no longer due');
  });

  test('"something is waiting" is queued by one server for the same notifications', async () => {
    const db = get().app.mend.store.db;
    const [one, two] = [new EmailStore(db), new EmailStore(db)];
    const { id } = await signUp(get().app, 'Waiter');
    const state = await one.waitingState(id);
    assert.deepEqual(state, { coveredUntil: null, lastSentAt: null });
    const covers = '2026-05-05T11:50:00.000Z';
    const now = '2026-05-05T12:00:00.000Z';
    assert.deepEqual(
      [await one.queueWaiting(id, state.coveredUntil, covers, now), await two.queueWaiting(id, state.coveredUntil, covers, now)],
      [true, false],
    );
    assert.equal(
      await two.queueWaiting(id, state.coveredUntil, '2026-05-05T11:55:00.000Z', now),
      false,
      'nor with a later one from the old state',
    );
    assert.deepEqual(await two.waitingState(id), { coveredUntil: covers, lastSentAt: null });
    const [email] = (await one.due(now, 100)).filter((e) => e.accountId === id);
    assert.ok(email && (await one.claim(email.key, now)));
    await one.sent(email, now);
    assert.deepEqual(await two.waitingState(id), { coveredUntil: covers, lastSentAt: now }, 'the hour starts when it went out');
    assert.equal(await one.inFlight(id, 'waiting'), false);
  });

  test('a try a stopped server left unsettled is not tried again', async () => {
    const db = get().app.mend.store.db;
    const store = new EmailStore(db);
    const { id } = await signUp(get().app, 'Stopped');
    const now = '2026-05-05T12:00:00.000Z';
    await store.queue({ key: `weekly:${id}:x`, accountId: id, kind: 'meeting_reminder', now });
    assert.ok(await store.claim(`weekly:${id}:x`, now));
    assert.equal(await store.abandonStale('2026-05-05T11:59:00.000Z', now), 0, 'still within its lease');
    assert.ok((await store.abandonStale('2026-05-05T12:30:00.000Z', now)) >= 1);
    assert.equal(await store.inFlight(id, 'meeting_reminder'), false);
    assert.equal((await store.due('2026-05-06T00:00:00.000Z', 100)).filter((e) => e.accountId === id).length, 0);
  });
});
