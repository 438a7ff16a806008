import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { localDate } from '../../src/core/time.js';
import type { Person } from './api-client.js';
import { PageClient } from './browser-less.js';
import { apiEvents, pageEvents, pagesAs } from './live-people.js';
import type { SseStream } from './sse.js';

/**
 * What the live tests check again and again: who hears a space's events and reads its live
 * sections, and that no written text (the tests' canaries) ever reaches anyone else. Each check
 * names the person and the address it failed for.
 */

const today = () => localDate(new Date(), 'UTC');

/**
 * Ends a sequence of writes with one more event every member may see (B's check-in), waits for it
 * on every stream, then compares everything before it: a missing event or one too many fails the
 * assertion instead of leaving the test waiting. And none of `secrets` anywhere in any stream.
 */
export async function expectOnAll(
  streams: Record<string, SseStream>,
  expected: unknown[],
  b: Person,
  spaceId: string,
  secrets: string[],
): Promise<void> {
  const put = await b.api.put(`/api/v1/spaces/${spaceId}/checkins/${today()}`, { safety: 1, trust: 2, closeness: 3 });
  assert.ok(put.statusCode === 201 || put.statusCode === 200, put.body);
  const sentinel = JSON.stringify({ kind: 'checkin', accountId: b.id, date: today() });
  for (const [who, stream] of Object.entries(streams)) {
    while (stream.events.at(-1)?.data !== sentinel) await stream.waitForEvents(stream.events.length + 1);
    const got = stream.events.slice(0, -1);
    assert.deepEqual(
      got.map((e) => JSON.parse(e.data)),
      expected,
      `${who} hears every member's news, in order, and nothing else`,
    );
    assert.deepEqual(
      got.map((e) => e.event),
      expected.map((e) => (e as { kind: string }).kind),
      `${who}: the SSE event name is the kind`,
    );
    for (const secret of secrets) assert.ok(!stream.raw.includes(secret), `${who}: no written text (${secret}) in the stream`);
  }
}

/** A stream that must end without a single event (a revoked therapist's, a signed-out session's). */
export async function expectEndsUnheard(stream: SseStream, message: string): Promise<void> {
  await stream.ended;
  assert.equal(stream.events.length, 0, message);
}

/**
 * Nobody outside the space subscribes to it: each of `outsiders` (a stranger, a revoked
 * therapist…) gets 404 from the API stream and from the page stream, a signed-out caller 401 from
 * both — never a stream, and never a redirect an EventSource would follow.
 */
export async function expectCannotSubscribe(app: FastifyInstance, base: string, spaceId: string, outsiders: Person[]): Promise<void> {
  for (const person of outsiders) {
    assert.equal((await apiEvents(base, person, spaceId)).status, 404, `${person.email}: the API stream`);
    assert.equal((await pageEvents(base, await pagesAs(app, person), spaceId)).status, 404, `${person.email}: the page stream`);
  }
  assert.equal((await apiEvents(base, null, spaceId)).status, 401, 'signed out: the API stream');
  assert.equal((await pageEvents(base, null, spaceId)).status, 401, 'signed out: the page stream');
}

/** A therapist's copy of a live section: readable, with nothing to submit and none of `secrets`. Returns it. */
export async function expectReadOnlyFragment(client: PageClient, url: string, secrets: string[]): Promise<string> {
  const res = await client.get(url);
  assert.equal(res.statusCode, 200, url);
  assert.doesNotMatch(res.body, /<form\b|<input\b|<button\b|<textarea\b|_csrf/, `${url}: a therapist's copy has nothing to submit`);
  for (const secret of secrets) assert.ok(!res.body.includes(secret), `${url}: no written text (${secret}) in the therapist's copy`);
  return res.body;
}

/**
 * Nobody outside the space reads its live sections: each of `outsiders` gets 404 and a signed-out
 * caller 401 at every one of `urls`, and no answer holds any of `traces` (the sections' markup,
 * the texts written in the space).
 */
export async function expectFragmentsRefused(app: FastifyInstance, outsiders: Person[], urls: string[], traces: string[]): Promise<void> {
  const callers: Array<[string, PageClient]> = [];
  for (const person of outsiders) callers.push([person.email, await pagesAs(app, person)]);
  callers.push(['signed out', new PageClient(app)]);
  for (const [who, client] of callers) {
    for (const url of urls) {
      const res = await client.get(url);
      assert.equal(res.statusCode, who === 'signed out' ? 401 : 404, `${who} ${url}`);
      for (const trace of traces) assert.ok(!res.body.includes(trace), `${who} ${url}: nothing of the section (${trace})`);
    }
  }
}
