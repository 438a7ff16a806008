import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PushQueue } from './push-queue.js';

/** A run that waits until the test lets each account's push finish. */
function controlled() {
  const started: string[] = [];
  const finish = new Map<string, () => void>();
  const run = (id: string) =>
    new Promise<void>((resolve) => {
      started.push(id);
      finish.set(id, resolve);
    });
  return { started, finish, run };
}

test('an account already queued or being pushed is not queued again; others wait their turn', async () => {
  const { started, finish, run } = controlled();
  let dropped = 0;
  const queue = new PushQueue(run, { concurrency: 1, maxPending: 10, dropped: () => (dropped += 1) });
  assert.equal(queue.add('a'), true);
  assert.equal(queue.add('a'), false, 'waiting: not again');
  assert.equal(queue.add('b'), true);
  assert.deepEqual(started, [], 'nothing runs inside the caller');
  await new Promise((r) => setImmediate(r));
  assert.deepEqual(started, ['a'], 'one at a time');
  assert.equal(queue.add('a'), false, 'being pushed: not again');
  finish.get('a')!();
  await new Promise((r) => setImmediate(r));
  assert.deepEqual(started, ['a', 'b']);
  finish.get('b')!();
  await queue.idle();
  assert.equal(queue.add('a'), true, 'done: a new notification gives a new push');
  await new Promise((r) => setImmediate(r));
  finish.get('a')!();
  await queue.idle();
  assert.equal(dropped, 0);
});

test('beyond the pending bound a push is dropped and reported; a failing run does not stop the queue; closing drops what waits', async () => {
  let dropped = 0;
  const ran: string[] = [];
  const queue = new PushQueue(
    async (id) => {
      ran.push(id);
      if (id === 'x') throw new Error('the push service is down');
    },
    { concurrency: 1, maxPending: 2, dropped: () => (dropped += 1) },
  );
  queue.add('x');
  queue.add('y');
  assert.equal(queue.add('z'), false);
  assert.equal(dropped, 1);
  await new Promise((r) => setImmediate(r));
  await queue.idle();
  assert.deepEqual(ran, ['x', 'y']);
  queue.add('w');
  await queue.close();
  assert.deepEqual(ran, ['x', 'y'], 'what waited was dropped on close');
  assert.equal(queue.add('v'), false, 'a closed queue takes nothing');
});
