import { afterEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { localDate } from '../../src/core/time.js';
import { describeEachDatabase } from '../support/app.js';
import { couple } from '../support/api-client.js';
import { closeOpenStreams, listening } from '../support/sse.js';
import { apiEvents } from '../support/live-people.js';

// A test that fails half-way leaves its streams open; they would keep this file running.
afterEach(closeOpenStreams);

const today = () => localDate(new Date(), 'UTC');

/**
 * Missed events are not replayed: a client that reconnects (EventSource sends `Last-Event-ID`)
 * is told to re-read once. The same answer whatever happened meanwhile, so a reconnect never
 * reveals that the other partner wrote something private.
 */
describeEachDatabase('live updates after a reconnect', (get) => {
  test('a first connection gets an id and no resync; its events follow as usual', async () => {
    const { app } = get();
    const base = await listening(app);
    const { a, b, spaceId } = await couple(app);
    const stream = await apiEvents(base, b, spaceId);
    assert.equal(stream.lastEventId, 'live', 'an id, so that EventSource sends Last-Event-ID when it reconnects');
    const put = await a.api.put(`/api/v1/spaces/${spaceId}/checkins/${today()}`, { safety: 5, trust: 5, closeness: 5 });
    assert.equal(put.statusCode, 201, put.body);
    const [event] = await stream.waitForEvents(1);
    assert.equal(event!.event, 'checkin');
    stream.close();
  });

  test('reconnecting gets one resync first, the same whether a private or a visible write happened meanwhile', async () => {
    const { app } = get();
    const base = await listening(app);
    const { a, b, spaceId } = await couple(app);
    const greetings: string[] = [];
    for (const meanwhile of ['nothing', 'a private note', 'a visible check-in'] as const) {
      const first = await apiEvents(base, b, spaceId);
      first.close();
      await first.ended;
      if (meanwhile === 'a private note') {
        const put = await a.api.put(`/api/v1/spaces/${spaceId}/checkins/${today()}`, {
          safety: 3,
          trust: 3,
          closeness: 3,
          note: { text: 'RESYNC-CANARY', visibility: 'private' },
        });
        assert.ok([200, 201].includes(put.statusCode), put.body);
      }
      if (meanwhile === 'a visible check-in') {
        const put = await a.api.put(`/api/v1/spaces/${spaceId}/checkins/${today()}`, { safety: 7, trust: 7, closeness: 7 });
        assert.ok([200, 201].includes(put.statusCode), put.body);
      }
      const back = await apiEvents(base, b, spaceId, { 'last-event-id': String(first.lastEventId) });
      const [event] = await back.waitForEvents(1);
      assert.equal(event!.event, 'resync', `after ${meanwhile}`);
      assert.deepEqual(JSON.parse(event!.data), { kind: 'resync' });
      assert.ok(!back.raw.includes('RESYNC-CANARY'));
      greetings.push(back.raw);
      back.close();
    }
    assert.equal(new Set(greetings).size, 1, 'byte for byte the same greeting, whatever happened');
  });
});
