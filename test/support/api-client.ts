import type { FastifyInstance } from 'fastify';
import { json, succeeded, type Response } from './app.js';

let counter = 0;

/** A unique, strong password and email per call, so tests never collide. */
export function newPerson(name = 'Robin'): { email: string; password: string; displayName: string } {
  counter += 1;
  return {
    email: `${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}.${process.pid}.${counter}.${Date.now()}@example.org`,
    password: `quiet harbour lantern ${counter} meadow`,
    displayName: name,
  };
}

/** Calls the JSON API as one person, with their bearer token. */
export class ApiClient {
  constructor(
    readonly app: FastifyInstance,
    public token: string | null = null,
  ) {}

  request(method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, body?: unknown, headers: Record<string, string> = {}): Promise<Response> {
    return this.app.inject({
      method,
      url,
      headers: {
        ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      ...(body !== undefined ? { payload: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
    });
  }

  get(url: string) {
    return this.request('GET', url);
  }
  post(url: string, body?: unknown) {
    return this.request('POST', url, body);
  }
  put(url: string, body?: unknown) {
    return this.request('PUT', url, body);
  }
  delete(url: string, body?: unknown) {
    return this.request('DELETE', url, body);
  }
}

export interface Person {
  api: ApiClient;
  id: string;
  email: string;
  password: string;
  displayName: string;
  /** Given once at sign-up: opens the person's private writing after a forgotten password. */
  recoveryCode?: string;
}

export async function signUp(app: FastifyInstance, name = 'Robin', extra: Record<string, string> = {}): Promise<Person> {
  const person = newPerson(name);
  const response = await new ApiClient(app).post('/api/v1/accounts', { ...person, ...extra });
  if (response.statusCode !== 201) throw new Error(`sign-up failed: ${response.statusCode} ${response.body}`);
  const body = JSON.parse(response.body) as { account: { id: string }; token: string; recoveryCode?: string };
  // As a client that showed the person their recovery code would (issue #23): the pages then do not show it first.
  const kept = await new ApiClient(app, body.token).post('/api/v1/me/recovery-code/kept');
  if (kept.statusCode !== 204) throw new Error(`keeping the recovery code failed: ${kept.statusCode} ${kept.body}`);
  return {
    api: new ApiClient(app, body.token),
    id: body.account.id,
    ...person,
    ...(body.recoveryCode ? { recoveryCode: body.recoveryCode } : {}),
  };
}

/** Two partners in one space: the first creates it, the second joins by invitation. */
export async function couple(
  app: FastifyInstance,
  names: [string, string] = ['Alex', 'Sam'],
): Promise<{ a: Person; b: Person; spaceId: string }> {
  const a = await signUp(app, names[0]);
  const b = await signUp(app, names[1]);
  const created = await a.api.post('/api/v1/spaces', { name: 'Us' });
  const spaceId = (JSON.parse(created.body) as { space: { id: string } }).space.id;
  const invitation = await a.api.post(`/api/v1/spaces/${spaceId}/invitations`, {});
  const code = (JSON.parse(invitation.body) as { invitation: { code: string } }).invitation.code;
  const accepted = await b.api.post(`/api/v1/invitations/${code}/accept`);
  if (accepted.statusCode !== 200) throw new Error(`accept failed: ${accepted.statusCode} ${accepted.body}`);
  return { a, b, spaceId };
}

/** An agreement `a` proposes with these partners committed, accepted by `b`: active. */
export async function acceptedAgreement(a: Person, b: Person, spaceId: string, text: string, committedBy: string[]): Promise<string> {
  const id = json(await succeeded(a.api.post(`/api/v1/spaces/${spaceId}/agreements`, { text, committedBy, cadence: 'daily' }), 'agreement'))
    .agreement.id as string;
  await succeeded(b.api.post(`/api/v1/agreements/${id}/accept`), 'accept');
  return id;
}

/**
 * A couple's journey about `kind` where `a` (Alex) broke trust: step 1 done by both and Alex's
 * apology delivered, not yet answered (`received`: answered as received, so step 3 is open).
 */
export async function journeyWithApology(
  app: FastifyInstance,
  kind: 'infidelity' | 'lying',
  options: { occurredOn?: string; received?: boolean } = {},
): Promise<{ a: Person; b: Person; spaceId: string; journeyId: string; apologyId: string }> {
  const { a, b, spaceId } = await couple(app, ['Alex', 'Sam']);
  const breach = { kind, brokeTrust: [a.id], ...(options.occurredOn ? { occurredOn: options.occurredOn } : {}) };
  const journeyId = json(await succeeded(b.api.post(`/api/v1/spaces/${spaceId}/breaches`, breach), 'breach')).journey.id as string;
  for (const p of [a, b]) {
    await succeeded(
      p.api.post(`/api/v1/journeys/${journeyId}/entries`, { prompt: 'what_happened', text: `${p.displayName}'s side` }),
      'entry',
    );
    await succeeded(p.api.post(`/api/v1/journeys/${journeyId}/acknowledgements`), 'acknowledge');
  }
  const apology = json(
    await succeeded(a.api.post(`/api/v1/journeys/${journeyId}/apologies`, { text: 'I am sorry. I lied to you for months.' }), 'apology'),
  ).apology;
  if (options.received) await succeeded(b.api.post(`/api/v1/apologies/${apology.id}/responses`, { received: true }), 'received');
  return { a, b, spaceId, journeyId, apologyId: apology.id as string };
}

/** A couple's journey where `a` (Alex) broke trust, with step 1 done by both, so step 2 is open. */
export async function journeyAtStep2(app: FastifyInstance): Promise<{ a: Person; b: Person; spaceId: string; journeyId: string }> {
  const { a, b, spaceId } = await couple(app, ['Alex', 'Sam']);
  const journeyId = json(await b.api.post(`/api/v1/spaces/${spaceId}/breaches`, { kind: 'lying', brokeTrust: [a.id] })).journey
    .id as string;
  for (const [p, text] of [
    [a, 'Mine.'],
    [b, 'Theirs.'],
  ] as const) {
    await succeeded(p.api.post(`/api/v1/journeys/${journeyId}/entries`, { prompt: 'what_happened', text }), 'what happened');
    await succeeded(p.api.post(`/api/v1/journeys/${journeyId}/acknowledgements`), 'acknowledgement');
  }
  return { a, b, spaceId, journeyId };
}

/**
 * Each person chooses to let their partner see their check-in numbers — for tests about something
 * else than that choice (a choice never made is read as "not shared", issue #14).
 */
export async function sharingNumbers(...people: Person[]): Promise<void> {
  for (const p of people) await succeeded(p.api.put('/api/v1/me/checkin-numbers', { numbersShared: true }), 'share numbers');
}

/** A complete safety screening that is positive (one answer is "often"): its answers must never reach anyone. */
export const POSITIVE_SCREENING = {
  answers: {
    physical_harm: 'never',
    sexual_pressure: 'never',
    threatened: 'never',
    afraid: 'often',
    screamed_at: 'never',
    put_down: 'never',
    money_control: 'never',
    phone_control: 'never',
    isolation: 'never',
  },
} as const;
