import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { json } from './app.js';
import { signUp, type Person } from './api-client.js';
import { PageClient } from './browser-less.js';

/** A therapist invited by one partner and consented to by both: an active member of the space. */
export async function activeTherapist(app: FastifyInstance, a: Person, b: Person, spaceId: string, name = 'Dr Lee'): Promise<Person> {
  const t = await signUp(app, name);
  const { code } = json(await a.api.post(`/api/v1/spaces/${spaceId}/invitations`, { role: 'therapist' })).invitation;
  assert.equal((await t.api.post(`/api/v1/invitations/${code}/accept`)).statusCode, 200);
  for (const p of [a, b]) assert.ok((await p.api.post(`/api/v1/spaces/${spaceId}/therapists/${t.id}/consent`, { password: p.password })).statusCode < 300);
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
