import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { json } from './app.js';
import type { ApiClient } from './api-client.js';
import { ReassuranceStore } from '../../src/features/reassurance/store.js';
import { MeetingStore } from '../../src/features/meetings/store.js';
import { newId } from '../../src/platform/db/ids.js';

/** Every item of a paged list, following `next` to the end; also the raw bodies, to search for canaries. */
export async function followAll(
  api: ApiClient,
  first: string,
  key: string,
): Promise<{ items: Array<{ id: string }>; bodies: string; pages: number }> {
  const items: Array<{ id: string }> = [];
  let bodies = '';
  let pages = 0;
  for (let url: string | null = first; url; pages++) {
    const res = await api.get(url);
    assert.equal(res.statusCode, 200, res.body);
    bodies += res.body;
    const body = json(res);
    items.push(...body[key]);
    url = body.next;
  }
  return { items, bodies, pages };
}

/**
 * `count` calls for reassurance and meetings written straight through the stores in one
 * transaction (thousands in seconds); created one millisecond apart, newest last.
 */
export async function manyThroughStores(
  app: FastifyInstance,
  spaceId: string,
  by: string,
  count: number,
  note: (i: number) => string,
): Promise<void> {
  const { store, vault } = app.mend;
  const start = Date.parse('2024-01-01T00:00:00.000Z');
  await store.db.transaction().execute(async (trx) => {
    const reassurance = new ReassuranceStore(trx, vault);
    const meetings = new MeetingStore(trx, vault);
    for (let i = 0; i < count; i++) {
      const now = new Date(start + i).toISOString();
      await reassurance.create({ id: newId(), spaceId, requestedBy: by, note: { text: note(i), visibility: 'shared' }, now });
      const agenda = { appreciations: note(i), wentWell: '', agreementLog: '', concern: '', requests: '' };
      await meetings.create({
        id: newId(),
        spaceId,
        heldOn: new Date(start + i * 86_400_000).toISOString().slice(0, 10),
        createdBy: by,
        agenda,
        now,
      });
    }
  });
}
