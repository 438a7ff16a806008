import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addDays, localDate } from '../../src/core/time.js';
import { describeEachDatabase, json } from '../support/app.js';
import { couple, sharingNumbers } from '../support/api-client.js';

/**
 * Check-ins written concurrently go through the group committer (one shared transaction on
 * SQLite, one transaction each on PostgreSQL): every answered write is stored, a check-in and
 * its notification land together, and one partner's writes to one day never conflict.
 */
const today = () => localDate(new Date(), 'UTC');
const pulse = (v: number) => ({ safety: v, trust: v, closeness: v });

describeEachDatabase('check-ins written at once', (get) => {
  test('both partners check in for three days at once: every write is stored and notified once', async () => {
    const { a, b, spaceId } = await couple(get().app);
    await sharingNumbers(a, b); // each reads the other's numbers below
    const dates = [0, 1, 2].map((back) => addDays(today(), -back));
    const writes = [a, b].flatMap((person, p) =>
      dates.map((date, d) =>
        person.api.put(`/api/v1/spaces/${spaceId}/checkins/${date}`, {
          ...pulse(p * 3 + d),
          note: { text: `NOTE-${p}-${d}`, visibility: 'private' },
        }),
      ),
    );
    const answers = await Promise.all(writes);
    assert.deepEqual(
      answers.map((r) => r.statusCode),
      [201, 201, 201, 201, 201, 201],
      answers.map((r) => r.body).join('\n'),
    );

    const list = json(await a.api.get(`/api/v1/spaces/${spaceId}/checkins`)).checkins as Array<{
      accountId: string;
      date: string;
      trust: number;
      note: { text: string } | null;
    }>;
    assert.equal(list.length, 6);
    for (const [p, person] of [a, b].entries()) {
      for (const [d, date] of dates.entries()) {
        const row = list.find((c) => c.accountId === person.id && c.date === date);
        assert.equal(row?.trust, p * 3 + d, `${person.id} ${date}`);
        // a's own private notes come back to a; b's private notes never do.
        assert.equal(row?.note?.text ?? null, p === 0 ? `NOTE-0-${d}` : null);
      }
    }
    for (const [reader, writer] of [
      [b, a],
      [a, b],
    ] as const) {
      const notes = await reader.api.get('/api/v1/me/notifications');
      assert.ok(!/NOTE-/.test(notes.body), 'a notification never quotes a note');
      const fromPartner = json(notes).notifications.filter((n: { type: string; actorId?: string }) => n.type === 'partner_checked_in');
      assert.equal(fromPartner.length, 3, `one notification per new check-in of ${writer.id}`);
    }
  });

  test("one partner's quick repeated check-ins for the same day never conflict: one 201, the rest 200, one row", async () => {
    const { a, b, spaceId } = await couple(get().app);
    await sharingNumbers(a); // b reads the numbers below
    const url = `/api/v1/spaces/${spaceId}/checkins/${today()}`;
    const values = [1, 2, 3, 4, 5, 6, 7, 8];
    const answers = await Promise.all(values.map((v) => a.api.put(url, pulse(v))));
    const statuses = answers.map((r) => r.statusCode).sort();
    assert.deepEqual(statuses, [200, 200, 200, 200, 200, 200, 200, 201], answers.map((r) => r.body).join('\n'));
    const ids = new Set(answers.map((r) => json(r).checkin.id));
    assert.equal(ids.size, 1, 'every write replaced the same row');

    const list = json(await b.api.get(`/api/v1/spaces/${spaceId}/checkins`)).checkins as Array<{ trust: number }>;
    assert.equal(list.length, 1);
    assert.ok(values.includes(list[0]!.trust));
    const notes = json(await b.api.get('/api/v1/me/notifications')).notifications.filter(
      (n: { type: string }) => n.type === 'partner_checked_in',
    );
    assert.equal(notes.length, 1, 'only the new check-in is announced');
  });

  test('a write refused by validation in a burst does not disturb the others', async () => {
    const { a, b, spaceId } = await couple(get().app);
    await sharingNumbers(b); // a reads b's numbers below
    const answers = await Promise.all([
      a.api.put(`/api/v1/spaces/${spaceId}/checkins/${today()}`, pulse(5)),
      a.api.put(`/api/v1/spaces/${spaceId}/checkins/${addDays(today(), 1)}`, pulse(6)),
      b.api.put(`/api/v1/spaces/${spaceId}/checkins/${today()}`, pulse(7)),
    ]);
    assert.deepEqual(
      answers.map((r) => r.statusCode),
      [201, 400, 201],
    );
    const list = json(await a.api.get(`/api/v1/spaces/${spaceId}/checkins`)).checkins as Array<{ trust: number }>;
    assert.deepEqual(list.map((c) => c.trust).sort(), [5, 7]);
  });

  test('24 writes at once: every one stored, each note sealed for its own author', async () => {
    const { a, b, spaceId } = await couple(get().app);
    await sharingNumbers(a, b);
    // 2 people × 3 days × 4 rounds = 24 writes at once, flushed together on SQLite. Each day keeps
    // one whole write (on PostgreSQL concurrent writes to one day may commit in either order; see
    // the test above).
    const dates = [0, 1, 2].map((back) => addDays(today(), -back));
    const writes = [0, 1, 2, 3].flatMap((round) =>
      [a, b].flatMap((person, p) =>
        dates.map((date, d) =>
          person.api.put(`/api/v1/spaces/${spaceId}/checkins/${date}`, {
            ...pulse(round * 2 + p + d + 1),
            note: { text: `BURST-${p}-${d}-${round}`, visibility: 'private' },
          }),
        ),
      ),
    );
    const answers = await Promise.all(writes);
    // Each person's day is created by one write and replaced by the other three. Which of the four
    // comes first is not promised: on PostgreSQL each waits for its session read on a pool of
    // connections, which can answer in any order.
    const statusesByDay = new Map<string, number[]>();
    answers.forEach((r, i) => {
      const day = `${Math.floor(i / 3) % 2} ${i % 3}`;
      statusesByDay.set(day, [...(statusesByDay.get(day) ?? []), r.statusCode]);
    });
    assert.equal(statusesByDay.size, 6);
    for (const [day, statuses] of statusesByDay) {
      assert.deepEqual(statuses.sort(), [200, 200, 200, 201], `person and day ${day}:\n${answers.map((r) => r.body).join('\n')}`);
    }
    for (const [p, person] of [a, b].entries()) {
      const list = json(await person.api.get(`/api/v1/spaces/${spaceId}/checkins`)).checkins as Array<{
        accountId: string;
        date: string;
        trust: number;
        note: { text: string } | null;
      }>;
      assert.equal(list.length, 6);
      for (const row of list) {
        const writer = row.accountId === a.id ? 0 : 1;
        const d = dates.indexOf(row.date);
        const round = (row.trust - writer - d - 1) / 2;
        assert.ok([0, 1, 2, 3].includes(round), `trust ${row.trust} is one of the writes`);
        // Each write sealed its note under its own author's key, whichever request's flush carried it: the author reads it, the partner never does.
        assert.equal(row.note?.text ?? null, writer === p ? `BURST-${p}-${d}-${round}` : null);
      }
    }
  });
});
