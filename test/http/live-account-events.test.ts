import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { openStore, type Store } from '../../src/platform/db/database.js';
import { createLiveEvents, MAX_STREAMS_PER_ACCOUNT, type LiveEvents } from '../../src/platform/live/live-events.js';
import { createTestDatabase, DIALECTS, skipReason, type TestDatabase } from '../support/databases.js';

/**
 * The account's own live events (issue #18, the unread count): delivered to that account's streams
 * that asked for them — its own stream, or a space's opened with `ownEvents` — on every server,
 * and to nobody else; a space's stream that did not ask hears none. Two servers on PostgreSQL are
 * two LiveEvents on one database (NOTIFY addressed to the account).
 */
const A = 'account-a';
const B = 'account-b';
const SPACE = 'space-1';

/**
 * Keeps each event whole (so a field added by mistake shows), and waits until `n` have come,
 * checking after every delivery (no timers).
 */
function collector(): { seen: object[]; listener: (e: object) => void; until(n: number): Promise<void> } {
  const seen: object[] = [];
  let wake: (() => void) | null = null;
  return {
    seen,
    listener: (e) => {
      seen.push(e);
      wake?.();
    },
    async until(n) {
      while (seen.length < n) await new Promise<void>((resolve) => (wake = resolve));
    },
  };
}

for (const dialect of DIALECTS) {
  describe(`an account's own live events [${dialect}]`, async () => {
    const skip = await skipReason(dialect);
    let database: TestDatabase;
    const stores: Store[] = [];
    const lives: LiveEvents[] = [];
    before(async () => {
      if (skip) return;
      database = await createTestDatabase(dialect);
      // SQLite is one process (one store holds the data folder); PostgreSQL gets two "servers".
      for (let i = 0; i < (dialect === 'postgres' ? 2 : 1); i += 1) {
        const store = openStore({ databaseUrl: database.databaseUrl, dataDir: database.dataDir });
        stores.push(store);
        lives.push(await createLiveEvents(store, database.databaseUrl, { heartbeatMs: 60_000 }));
      }
    });
    after(async () => {
      for (const live of lives) await live.close();
      for (const store of stores) await store.close();
      await database?.drop();
    });

    test('reach the account’s own streams on every server, and no one else’s', { skip }, async () => {
      const here = lives[0]!;
      const there = lives.at(-1)!;
      const own = collector();
      const onSpace = collector();
      const plainSpace = collector();
      const other = collector();
      const stops = [
        there.subscribeAccount(A, own.listener),
        there.subscribe(SPACE, A, onSpace.listener, { ownEvents: true }),
        there.subscribe(SPACE, A, plainSpace.listener),
        there.subscribeAccount(B, other.listener),
        here.subscribe(SPACE, B, other.listener, { ownEvents: true }),
      ];
      await here.publishToAccount(A, { kind: 'unread' });
      // Something the space's streams all hear, sent after: once it arrived, so had the account's event.
      await here.publish(SPACE, { kind: 'meeting_schedule' });
      await own.until(1);
      await onSpace.until(2);
      await plainSpace.until(1);
      const [unread, meeting] = [{ kind: 'unread' }, { kind: 'meeting_schedule' }];
      assert.deepEqual(own.seen, [unread]);
      assert.deepEqual(onSpace.seen, [unread, meeting]);
      assert.deepEqual(plainSpace.seen, [meeting], 'a space stream that did not ask hears no account event');
      // B's own event last: once both of B's streams have it, a wrongly addressed one of A's (sent
      // before it, on the same channel) would have come too.
      await here.publishToAccount(B, { kind: 'unread' });
      await other.until(3);
      assert.deepEqual(
        other.seen.map((e) => JSON.stringify(e)).sort(),
        [meeting, unread, unread].map((e) => JSON.stringify(e)).sort(),
        'the other account hears nothing of A’s',
      );
      // Anything but the one kind, or a malformed account, is dropped; a field added by mistake never travels.
      await here.publishToAccount(A, { kind: 'unread', note: 'CANARY' } as never);
      await here.publish(SPACE, { kind: 'meeting_schedule' });
      await onSpace.until(4);
      assert.deepEqual(onSpace.seen.slice(2), [unread, meeting], 'only the kind is sent, never a field added by mistake');
      assert.doesNotMatch(JSON.stringify([...own.seen, ...onSpace.seen]), /CANARY/);
      for (const stop of stops) stop?.();
    });

    test('the account’s own streams are bounded apart from its spaces’ streams', { skip }, async () => {
      const live = lives[0]!;
      const stops: Array<(() => void) | null> = [];
      for (let i = 0; i < MAX_STREAMS_PER_ACCOUNT; i += 1) stops.push(live.subscribe(SPACE, A, () => {}));
      assert.ok(stops.every((s) => s !== null));
      assert.equal(
        live.subscribe(SPACE, A, () => {}),
        null,
        'the space streams are full',
      );
      const own = live.subscribeAccount(A, () => {});
      assert.notEqual(own, null, 'the account stream still opens');
      const owns = [own];
      for (let i = 1; i < MAX_STREAMS_PER_ACCOUNT; i += 1) owns.push(live.subscribeAccount(A, () => {}));
      assert.equal(
        live.subscribeAccount(A, () => {}),
        null,
        'and is bounded on its own',
      );
      for (const stop of [...owns, ...stops]) stop?.();
    });
  });
}
