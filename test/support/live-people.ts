import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { json } from './app.js';
import { signUp, type Person } from './api-client.js';
import { PageClient } from './browser-less.js';
import { openSse, type SseStream } from './sse.js';

/** A therapist invited by one partner and consented to by both: an active member of the space. */
export async function activeTherapist(app: FastifyInstance, a: Person, b: Person, spaceId: string, name = 'Dr Lee'): Promise<Person> {
  const t = await signUp(app, name);
  const { code } = json(await a.api.post(`/api/v1/spaces/${spaceId}/invitations`, { role: 'therapist' })).invitation;
  assert.equal((await t.api.post(`/api/v1/invitations/${code}/accept`)).statusCode, 200);
  for (const p of [a, b])
    assert.ok((await p.api.post(`/api/v1/spaces/${spaceId}/therapists/${t.id}/consent`, { password: p.password })).statusCode < 300);
  return t;
}

/** The web pages as `person`, signed in through the sign-in form (a cookie session). */
export async function pagesAs(app: FastifyInstance, person: Person): Promise<PageClient> {
  const client = new PageClient(app);
  await client.get('/sign-in');
  const res = await client.post('/sign-in', { email: person.email, password: person.password });
  assert.equal(res.statusCode, 303, res.body);
  return client;
}

/** The page client's cookies as a Cookie header, for a real HTTP request (an event stream). */
export const cookieHeader = (client: PageClient): string =>
  Object.entries(client.cookies)
    .map(([k, v]) => `${k}=${v}`)
    .join('; ');

/** The space's API event stream as `person` (a bearer token); signed out when `person` is null. */
export const apiEvents = (base: string, person: Person | null, spaceId: string, headers: Record<string, string> = {}): Promise<SseStream> =>
  openSse(`${base}/api/v1/spaces/${spaceId}/events`, {
    ...(person?.api.token ? { authorization: `Bearer ${person.api.token}` } : {}),
    ...headers,
  });

/** The space's page event stream (the island's) on `client`'s cookie session; signed out when null. */
export const pageEvents = (base: string, client: PageClient | null, spaceId: string): Promise<SseStream> =>
  openSse(`${base}/spaces/${spaceId}/live`, client ? { cookie: cookieHeader(client) } : {});

/**
 * An agreement A committed to and B accepted (its text holds the test's canary), then a journey
 * where A broke trust: made before any stream opens, so none of it is in the streams.
 */
export async function journeyAndAgreement(
  a: Person,
  b: Person,
  spaceId: string,
  agreementText: string,
): Promise<{ journeyId: string; agreementId: string }> {
  const proposed = await a.api.post(`/api/v1/spaces/${spaceId}/agreements`, { text: agreementText, committedBy: [a.id], cadence: 'daily' });
  assert.equal(proposed.statusCode, 201, proposed.body);
  const agreementId = json(proposed).agreement.id as string;
  assert.equal((await b.api.post(`/api/v1/agreements/${agreementId}/accept`)).statusCode, 200);
  const breach = await a.api.post(`/api/v1/spaces/${spaceId}/breaches`, { kind: 'lying', brokeTrust: [a.id] });
  assert.equal(breach.statusCode, 201, breach.body);
  return { journeyId: json(breach).journey.id as string, agreementId };
}
