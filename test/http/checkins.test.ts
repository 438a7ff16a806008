import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addDays, localDate } from '../../src/core/time.js';
import { describeEachDatabase, json } from '../support/app.js';
import { ApiClient, couple, signUp } from '../support/api-client.js';

const today = () => localDate(new Date(), 'UTC');
const pulse = (v = 6) => ({ safety: v, trust: v, closeness: v });

describeEachDatabase('check-ins', (get) => {
  test('a partner checks in; a second check-in the same day replaces the first (201, then 200)', async () => {
    const { a, spaceId } = await couple(get().app);
    const first = await a.api.put(`/api/v1/spaces/${spaceId}/checkins/${today()}`, { ...pulse(4), day: 'hard' });
    assert.equal(first.statusCode, 201, first.body);
    const second = await a.api.put(`/api/v1/spaces/${spaceId}/checkins/${today()}`, { ...pulse(7), day: 'good' });
    assert.equal(second.statusCode, 200, second.body);
    assert.equal(json(second).checkin.id, json(first).checkin.id);
    const list = json(await a.api.get(`/api/v1/spaces/${spaceId}/checkins`)).checkins;
    assert.equal(list.length, 1);
    assert.equal(list[0].trust, 7);
    assert.equal(list[0].day, 'good');
  });

  test('the date is local today or up to two days back, never the future', async () => {
    const { a, spaceId } = await couple(get().app);
    assert.equal((await a.api.put(`/api/v1/spaces/${spaceId}/checkins/${addDays(today(), -2)}`, pulse())).statusCode, 201);
    for (const date of [addDays(today(), 1), addDays(today(), -3), '2025-02-30']) {
      const res = await a.api.put(`/api/v1/spaces/${spaceId}/checkins/${date}`, pulse());
      assert.equal(res.statusCode, 400, `${date}: ${res.body}`);
      assert.ok(json(res).error.details.date);
    }
  });

  test('scores out of range, sealed notes and unknown fields are refused with 400', async () => {
    const { a, spaceId } = await couple(get().app);
    const url = `/api/v1/spaces/${spaceId}/checkins/${today()}`;
    assert.equal((await a.api.put(url, { ...pulse(), safety: 11 })).statusCode, 400);
    assert.equal((await a.api.put(url, { ...pulse(), trust: 2.5 })).statusCode, 400);
    assert.equal((await a.api.put(url, { ...pulse(), note: { text: 'x', visibility: 'sealed' } })).statusCode, 400);
    assert.equal((await a.api.put(url, { ...pulse(), mood: 3 })).statusCode, 400);
  });

  test('a private note is never shown to the partner; a shared one is; scores shared with the check-in are shown to both', async () => {
    const { a, b, spaceId } = await couple(get().app);
    await a.api.put(`/api/v1/spaces/${spaceId}/checkins/${today()}`, {
      ...pulse(3),
      numbersShared: true,
      note: { text: 'PRIVATE-NOTE-A', visibility: 'private' },
    });
    await b.api.put(`/api/v1/spaces/${spaceId}/checkins/${today()}`, {
      ...pulse(8),
      note: { text: 'SHARED-NOTE-B', visibility: 'shared' },
    });

    const seenByB = await b.api.get(`/api/v1/spaces/${spaceId}/checkins`);
    assert.ok(!seenByB.body.includes('PRIVATE-NOTE-A'));
    const aRow = json(seenByB).checkins.find((c: { accountId: string }) => c.accountId === a.id);
    assert.equal(aRow.safety, 3);
    assert.equal(aRow.numbersShared, true);
    assert.equal(aRow.note, null);

    const seenByA = json(await a.api.get(`/api/v1/spaces/${spaceId}/checkins`)).checkins;
    assert.equal(seenByA.find((c: { accountId: string }) => c.accountId === a.id).note.text, 'PRIVATE-NOTE-A');
    assert.equal(seenByA.find((c: { accountId: string }) => c.accountId === b.id).note.text, 'SHARED-NOTE-B');

    // Nor in the progress document, nor in the partner's notifications.
    const progress = await b.api.get(`/api/v1/spaces/${spaceId}/progress`);
    assert.equal(progress.statusCode, 200);
    assert.ok(!progress.body.includes('PRIVATE-NOTE-A'));
    const notes = await b.api.get('/api/v1/me/notifications');
    assert.ok(!notes.body.includes('PRIVATE-NOTE-A'));
    assert.ok(json(notes).notifications.some((n: { type: string }) => n.type === 'partner_checked_in'));
  });

  test('a stranger gets 404 and a signed-out caller 401, reading or writing', async () => {
    const { a, spaceId } = await couple(get().app);
    await a.api.put(`/api/v1/spaces/${spaceId}/checkins/${today()}`, { ...pulse(), note: { text: 'SECRET', visibility: 'shared' } });
    const stranger = await signUp(get().app, 'Stranger');
    for (const res of [
      await stranger.api.get(`/api/v1/spaces/${spaceId}/checkins`),
      await stranger.api.put(`/api/v1/spaces/${spaceId}/checkins/${today()}`, pulse()),
      await stranger.api.get(`/api/v1/spaces/${spaceId}/progress`),
      await stranger.api.get(`/api/v1/spaces/${spaceId}/reassurance-requests`),
    ]) {
      assert.equal(res.statusCode, 404, res.body);
      assert.ok(!res.body.includes('SECRET'));
    }
    const anonymous = new ApiClient(get().app);
    assert.equal((await anonymous.get(`/api/v1/spaces/${spaceId}/checkins`)).statusCode, 401);
    assert.equal((await anonymous.get(`/api/v1/spaces/${spaceId}/progress`)).statusCode, 401);
  });

  test('the range is checked: from after to, more than a year, or a bad date is 400', async () => {
    const { a, spaceId } = await couple(get().app);
    assert.equal((await a.api.get(`/api/v1/spaces/${spaceId}/checkins?from=2025-03-02&to=2025-03-01`)).statusCode, 400);
    assert.equal((await a.api.get(`/api/v1/spaces/${spaceId}/checkins?from=2023-01-01&to=2025-03-01`)).statusCode, 400);
    assert.equal((await a.api.get(`/api/v1/spaces/${spaceId}/checkins?from=yesterday`)).statusCode, 400);
  });
});

describeEachDatabase('reassurance requests', (get) => {
  test('one asks, the other is told and answers; a private note stays with its author', async () => {
    const { a, b, spaceId } = await couple(get().app);
    const asked = await a.api.post(`/api/v1/spaces/${spaceId}/reassurance-requests`, {
      note: { text: 'PRIVATE-WHY', visibility: 'private' },
    });
    assert.equal(asked.statusCode, 201, asked.body);
    const id = json(asked).reassuranceRequest.id;

    const seen = await b.api.get(`/api/v1/spaces/${spaceId}/reassurance-requests`);
    assert.ok(!seen.body.includes('PRIVATE-WHY'));
    assert.equal(json(seen).reassuranceRequests[0].answer, null);
    assert.ok(
      json(await b.api.get('/api/v1/me/notifications')).notifications.some((n: { type: string }) => n.type === 'reassurance_requested'),
    );

    assert.equal((await a.api.post(`/api/v1/reassurance-requests/${id}/answer`, { text: 'to myself' })).statusCode, 403);
    const stranger = await signUp(get().app, 'Stranger');
    assert.equal((await stranger.api.post(`/api/v1/reassurance-requests/${id}/answer`, { text: 'hi' })).statusCode, 404);

    const answered = await b.api.post(`/api/v1/reassurance-requests/${id}/answer`, { text: 'I am here, and I am not going anywhere.' });
    assert.equal(answered.statusCode, 200, answered.body);
    assert.equal((await b.api.post(`/api/v1/reassurance-requests/${id}/answer`, { text: 'again' })).statusCode, 409);
    const forA = json(await a.api.get(`/api/v1/spaces/${spaceId}/reassurance-requests`)).reassuranceRequests[0];
    assert.equal(forA.answer, 'I am here, and I am not going anywhere.');
    assert.equal(forA.note.text, 'PRIVATE-WHY');
    assert.ok(
      json(await a.api.get('/api/v1/me/notifications')).notifications.some((n: { type: string }) => n.type === 'reassurance_answered'),
    );
  });
});
