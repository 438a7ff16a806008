import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { ApiClient } from './api-client.js';
import { draw, operationsOf, requestArbitrary, type FuzzContext, type FuzzRequest, type Operation, type PoolItem } from './openapi-fuzz.js';
import { access, ACTING_CALLERS, buildWorld, mayRead, type Canary, type Identity, type World } from './openapi-fuzz-world.js';

/**
 * The hostile-input run: `requests` generated requests, each as one of the acting callers, against
 * an app built for the test. Checks every answer: never a 5xx; never a canary the caller may not
 * see; never a 2xx for another couple's data (reads) or on another couple's objects (writes); the
 * app answers /healthz throughout; and couple C, which never sends a request, is exactly as it
 * was. Failures name the seed, the request's index, caller, method, URL and shape — never a text
 * beyond the run's own canaries.
 */

export interface FuzzOptions {
  requests: number;
  seed: number;
  log?: (line: string) => void;
}

export interface FuzzReport {
  seed: number;
  requests: number;
  operations: number;
  skipped: string[];
  statuses: Record<string, number>;
  perRoute: Record<string, Record<string, number>>;
  perCaller: Record<string, number>;
  failures: string[];
  healthChecks: number;
  /** Responses that carried at least one canary, and canaries seen by their author and by others allowed: the run is not blind. */
  responsesWithCanaries: number;
  canaries: { planted: number; seenByAuthor: number; seenByOthersAllowed: number };
  crossIdRequests: number;
  vaultRoutesCompared: number;
  durationMs: number;
}

const MAX_POOL = 80;
const KEYS_TO_POOL: Record<string, string> = {
  space: 'spaceId',
  journey: 'journeyId',
  entry: 'entryId',
  agreement: 'agreementId',
  logEntry: 'logEntryId',
  reassuranceRequest: 'requestId',
  apology: 'apologyId',
};
const SEALED_PAIR = new Set(['what_happened', 'trust_looks_like']);

/** A seed per request, so request i of seed S is the same request in every run. */
function mix(seed: number, i: number): number {
  let h = (seed ^ Math.imul(i + 1, 0x9e3779b1)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
  return (h ^ (h >>> 13)) | 0;
}

interface Disposable {
  person: Identity;
  spaceId: string;
}

export async function runFuzz(app: FastifyInstance, options: FuzzOptions): Promise<FuzzReport> {
  const started = Date.now();
  const log = options.log ?? (() => undefined);
  const world = await buildWorld(app);
  const doc = JSON.parse((await app.inject({ method: 'GET', url: '/api/openapi.json' })).body);
  const all = operationsOf(doc);
  // Streams (the space's server-sent events) never end, and `app.inject` waits for the end: they
  // are left out here on purpose; test/http/live.test.ts subscribes over real HTTP as every reader.
  const ops = all.filter((op) => !op.streaming);
  const report: FuzzReport = {
    seed: options.seed,
    requests: 0,
    operations: ops.length,
    skipped: all.filter((op) => op.streaming).map((op) => `${op.method} ${op.path}`),
    statuses: {},
    perRoute: {},
    perCaller: {},
    failures: [],
    healthChecks: 0,
    responsesWithCanaries: 0,
    canaries: { planted: 0, seenByAuthor: 0, seenByOthersAllowed: 0 },
    crossIdRequests: 0,
    vaultRoutesCompared: 0,
    durationMs: 0,
  };
  const fail = (message: string) => {
    if (report.failures.length < 50) report.failures.push(`seed ${options.seed} ${message}`);
  };
  const vaultBefore = await snapshotVault(app, world);
  let disposable: Disposable | null = null;
  const marker = `zq${world.runId}`;
  const seenByAuthor = new Set<string>();
  const seenByOthers = new Set<string>();

  for (let i = 0; i < options.requests; i++) {
    const seed = mix(options.seed, i);
    const [op, callerKey] = draw(fc.tuple(fc.constantFrom(...ops), fc.constantFrom(...ACTING_CALLERS)), seed);
    let caller = world.people[callerKey]!;
    const rights = access(world, caller.key);
    const ctx: FuzzContext = {
      mine: op.method === 'GET' ? rights.read : rights.write,
      pools: world.pools,
      accountIds: world.accountIds,
      today: world.today,
      password: /reauthenticate|consent|sessions$/.test(op.path) ? caller.password || null : null,
      ...(op.path === '/api/v1/sessions' && caller.email ? { email: caller.email } : {}),
    };
    const generated = draw(requestArbitrary(op, ctx), seed ^ 0x5bd1e995);
    let url = generated.url;
    // Leaving one's own space would end the world mid-run: a partner of A or B leaves a
    // throw-away couple's space instead (the same route and checks, someone else's world).
    if (
      op.path.endsWith('/leave') &&
      caller.home &&
      ['A', 'B'].includes(caller.home) &&
      generated.ids.some((p) => p.owner === caller.home)
    ) {
      disposable ??= await makeDisposable(app, world.runId, i);
      caller = disposable.person;
      url = `/api/v1/spaces/${disposable.spaceId}/leave`;
    }
    const headers: Record<string, string> = {};
    if (caller.api.token) headers.authorization = `Bearer ${caller.api.token}`;
    else if (i % 7 === 0)
      headers.authorization = draw(fc.constantFrom('Bearer ', 'Bearer x', `Bearer ${'t'.repeat(300)}`, 'Basic YTpi', 'bearer\u0000'), seed);
    if (generated.contentType) headers['content-type'] = generated.contentType;
    const req: FuzzRequest = { ...generated, url, headers };
    const label = `#${i} ${caller.key} ${req.method} ${url.slice(0, 160)} [${req.shape}]`;

    let status: number;
    let body: string;
    try {
      const res = await app.inject({ method: req.method, url, headers, ...(req.payload !== undefined ? { payload: req.payload } : {}) });
      status = res.statusCode;
      body = res.body;
    } catch (error) {
      fail(`${label}: the request threw ${(error as Error).name}: ${(error as Error).message.slice(0, 200)}`);
      continue;
    }
    report.requests += 1;
    const route = `${op.method} ${op.path}`;
    const routeStatuses = (report.perRoute[route] ??= {});
    routeStatuses[status] = (routeStatuses[status] ?? 0) + 1;
    report.statuses[status] = (report.statuses[status] ?? 0) + 1;
    report.perCaller[caller.key] = (report.perCaller[caller.key] ?? 0) + 1;

    if (status >= 500) {
      fail(`${label} → ${status} (payload ${String(req.payload ?? '').slice(0, 200)})`);
      await health(app, report, fail, label);
    }

    // Every refusal in the API's one error shape (API.md), as the smaller hostile-input test checks.
    if (status >= 400 && !errorShaped(body)) fail(`${label} → ${status}: not in the error shape: ${body.slice(0, 160)}`);

    // Canaries the caller may not see.
    const lower = body.toLowerCase();
    if (lower.includes(marker)) {
      report.responsesWithCanaries += 1;
      for (const c of leaksIn(world, caller.key, lower)) {
        fail(`${label} → ${status}: leaked ${c.visibility} ${c.kind} ${c.text} of ${c.author} (group ${c.group}) to ${caller.key}`);
      }
      for (const c of world.canaries) if (lower.includes(c.text)) (c.author === caller.key ? seenByAuthor : seenByOthers).add(c.text);
    }

    // Other people's ids: a read of their data or a write on their objects never succeeds.
    // Leaving is something a member does to themselves: a therapist may end their own access.
    const allowed = req.method === 'GET' || op.path.endsWith('/leave') ? rights.read : rights.write;
    const foreign = req.ids.filter((p) => p.owner !== null && !allowed.has(p.owner));
    if (foreign.length > 0) report.crossIdRequests += 1;
    // Marking notifications read is scoped to the caller: someone else's notification id is a
    // no-op answered 200, proved harmless by couple C's unchanged notifications at the end.
    const scopedToCaller = op.path === '/api/v1/me/notifications/read';
    if (status >= 200 && status < 300 && foreign.length > 0 && !scopedToCaller) {
      fail(`${label} → ${status}: succeeded with ids of ${[...new Set(foreign.map((p) => p.owner))].join(', ')}`);
    }

    if (status >= 200 && status < 300) await afterSuccess(app, world, req, caller, body, fail, label);
    if (disposable && caller === disposable.person && op.path.endsWith('/leave') && status < 300) disposable = null;
    if (i % 250 === 249) await health(app, report, fail, label);
    if (i % 1000 === 999) log(`  ${i + 1} requests, ${report.failures.length} failures`);
  }

  await health(app, report, fail, 'end of run');
  const vaultAfter = await snapshotVault(app, world);
  for (const [route, before] of Object.entries(vaultBefore)) {
    report.vaultRoutesCompared += 1;
    if (vaultAfter[route] !== before) fail(`couple C (never a caller) changed: ${route}`);
  }
  report.canaries = { planted: world.canaries.length, seenByAuthor: seenByAuthor.size, seenByOthersAllowed: seenByOthers.size };
  report.durationMs = Date.now() - started;
  return report;
}

function errorShaped(body: string): boolean {
  try {
    const error = (JSON.parse(body) as { error?: { code?: unknown; message?: unknown } }).error;
    return typeof error?.code === 'string' && typeof error.message === 'string';
  } catch {
    return false;
  }
}

/** The canaries in a (lowercased) response body that `reader` may not see. */
export function leaksIn(world: World, reader: string, lowerBody: string): Canary[] {
  return world.canaries.filter((c) => lowerBody.includes(c.text) && !mayRead(world, c, reader));
}

async function health(app: FastifyInstance, report: FuzzReport, fail: (m: string) => void, label: string): Promise<void> {
  report.healthChecks += 1;
  const res = await app.inject({ method: 'GET', url: '/healthz' });
  if (res.statusCode !== 200) fail(`/healthz → ${res.statusCode} after ${label}`);
}

/** Keeps the world's expectations in step with what its own people legitimately did. */
async function afterSuccess(
  app: FastifyInstance,
  world: World,
  req: FuzzRequest,
  caller: Identity,
  body: string,
  fail: (m: string) => void,
  label: string,
): Promise<void> {
  const path = req.op.path;
  const segment = (n: number) => decodeURIComponent(req.url.split('?')[0]!.split('/')[n] ?? '');
  const entryId = req.op.pathParams.includes('entryId') ? segment(4) : undefined;
  const entryCanary = entryId ? world.canaries.find((c) => c.entryId === entryId) : undefined;

  if (path === '/api/v1/entries/{entryId}/visibility' && entryCanary) {
    if (caller.key !== entryCanary.author) fail(`${label}: ${caller.key} changed the visibility of ${entryCanary.author}'s entry`);
    const visibility = (req.body as { visibility?: string } | undefined)?.visibility;
    if (visibility === 'shared' || visibility === 'private') entryCanary.visibility = visibility;
  }
  if (path === '/api/v1/entries/{entryId}' && req.method === 'DELETE' && entryCanary && caller.key !== entryCanary.author) {
    fail(`${label}: ${caller.key} deleted ${entryCanary.author}'s entry`);
  }
  if (path === '/api/v1/journeys/{journeyId}/entries' && req.method === 'POST') {
    const prompt = (req.body as { prompt?: string } | undefined)?.prompt;
    const journeyId = segment(4);
    if (
      prompt &&
      SEALED_PAIR.has(prompt) &&
      world.canaries.some((c) => c.journeyId === journeyId && c.prompt === prompt && c.author !== caller.key)
    ) {
      world.openPairs.add(`${journeyId}:${prompt}`);
    }
  }
  if (path.startsWith('/api/v1/spaces/{spaceId}/therapists/{therapistId}') || path.endsWith('/leave')) {
    await keepTherapist(app, world);
  }
  if (path.startsWith('/api/v1/sessions')) await keepSessions(app, world, caller, fail, label);

  // New objects join the pools, owned by whoever owns the path they were made under.
  if (req.method === 'GET' || !body) return;
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return;
  }
  if (!parsed || typeof parsed !== 'object') return;
  const owner =
    path === '/api/v1/spaces'
      ? `own:${caller.key}`
      : (req.ids.find((p) => p.owner && !p.owner.startsWith('self:'))?.owner ?? `own:${caller.key}`);
  for (const [key, value] of Object.entries(parsed as Record<string, unknown>)) {
    const pool = KEYS_TO_POOL[key];
    const id = (value as { id?: unknown } | null)?.id;
    if (!pool || typeof id !== 'string') continue;
    const list = (world.pools[pool] ??= []);
    if (list.length < MAX_POOL && !list.some((p) => p.value === id)) list.push({ value: id, owner });
  }
}

/** If a partner revoked the active therapist of A, invite them again so the run keeps all six readers. */
async function keepTherapist(app: FastifyInstance, world: World): Promise<void> {
  const therapist = world.people.therapist!;
  const spaceId = world.spaces.A!;
  if ((await therapist.api.get(`/api/v1/spaces/${spaceId}`)).statusCode === 200) return;
  world.therapists.A!.delete('therapist');
  const [a1, a2] = [world.people.a1!, world.people.a2!];
  const invitation = await a1.api.post(`/api/v1/spaces/${spaceId}/invitations`, { role: 'therapist' });
  if (invitation.statusCode !== 201) throw new Error(`re-inviting the therapist: ${invitation.statusCode}`);
  await therapist.api.post(`/api/v1/invitations/${JSON.parse(invitation.body).invitation.code}/accept`);
  for (const p of [a1, a2]) await p.api.post(`/api/v1/spaces/${spaceId}/therapists/${therapist.id}/consent`, { password: p.password });
  if ((await therapist.api.get(`/api/v1/spaces/${spaceId}`)).statusCode !== 200)
    throw new Error('the therapist could not be given access again');
  world.therapists.A!.add('therapist');
  void app;
}

/**
 * After a sign-out, the caller gets a fresh session straight from the account service (signing in
 * again would soon hit the sign-in limits); anyone else who lost a session is a failure.
 */
async function keepSessions(app: FastifyInstance, world: World, caller: Identity, fail: (m: string) => void, label: string): Promise<void> {
  for (const person of Object.values(world.people)) {
    if (!person.api.token) continue;
    if ((await person.api.get('/api/v1/me')).statusCode === 200) continue;
    if (person.key !== caller.key) fail(`${label}: ${caller.key} ended ${person.key}'s session`);
    // The session holds the person's own key, as one begun at sign-in would (issue #23).
    const key = await app.mend.personalKeys.openWithPassword(person.id, person.password);
    const issued = await (
      app.mend.accounts as unknown as {
        startSession(id: string, kind: string, key: unknown): Promise<{ token: string; session: { id: string } }>;
      }
    ).startSession(person.id, 'bearer', key);
    person.api.token = issued.token;
    const pool = (world.pools.id ??= []);
    if (pool.length < MAX_POOL) pool.push({ value: issued.session.id, owner: `self:${person.key}` });
  }
}

let disposables = 0;
async function makeDisposable(app: FastifyInstance, runId: string, i: number): Promise<Disposable> {
  disposables += 1;
  const people: Identity[] = [];
  for (const n of [1, 2]) {
    const email = `leaver.${runId}.${i}.${disposables}.${n}@example.org`;
    const password = `quiet harbour lantern ${runId} leaver meadow`;
    const res = await new ApiClient(app).post('/api/v1/accounts', { email, password, displayName: 'Leaver' });
    const body = JSON.parse(res.body);
    people.push({ key: `leaver`, id: body.account.id, email, password, api: new ApiClient(app, body.token), home: 'D' });
  }
  const spaceId = JSON.parse((await people[0]!.api.post('/api/v1/spaces', {})).body).space.id as string;
  const code = JSON.parse((await people[0]!.api.post(`/api/v1/spaces/${spaceId}/invitations`, {})).body).invitation.code as string;
  await people[1]!.api.post(`/api/v1/invitations/${code}/accept`);
  return { person: people[1]!, spaceId };
}

/** Everything couple C can read, as each of its partners sees it. */
async function snapshotVault(app: FastifyInstance, world: World): Promise<Record<string, string>> {
  const spaceId = world.spaces.C!;
  const journeys = (world.pools.journeyId ?? []).filter((p) => p.owner === 'C').map((p) => p.value);
  const urls = [
    '/api/v1/me',
    '/api/v1/me/notifications',
    '/api/v1/me/reminders',
    '/api/v1/me/caseload',
    `/api/v1/spaces/${spaceId}`,
    `/api/v1/spaces/${spaceId}/checkins?from=${shift(world.today, -30)}&to=${world.today}`,
    `/api/v1/spaces/${spaceId}/journeys`,
    `/api/v1/spaces/${spaceId}/agreements`,
    `/api/v1/spaces/${spaceId}/agreement-log`,
    `/api/v1/spaces/${spaceId}/reassurance-requests`,
    `/api/v1/spaces/${spaceId}/meetings`,
    `/api/v1/spaces/${spaceId}/therapists`,
    `/api/v1/spaces/${spaceId}/therapist-access-log`,
    `/api/v1/spaces/${spaceId}/progress`,
    ...journeys.flatMap((j) => [`/api/v1/journeys/${j}`, `/api/v1/journeys/${j}/entries`, `/api/v1/journeys/${j}/apologies`]),
  ];
  const snapshot: Record<string, string> = {};
  for (const key of world.partners.C!) {
    const person = world.people[key]!;
    for (const url of urls) {
      const res = await person.api.get(url);
      snapshot[`${key} GET ${url.replace(spaceId, '{C}')}`] = `${res.statusCode} ${res.body}`;
    }
  }
  return snapshot;
}

function shift(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** The summary printed by the script and the test: status histogram and per-route counts. */
export function summarise(report: FuzzReport): string {
  const lines = [
    `seed ${report.seed}: ${report.requests} requests over ${report.operations} operations in ${(report.durationMs / 1000).toFixed(1)} s`,
    `statuses: ${Object.entries(report.statuses)
      .sort()
      .map(([s, n]) => `${s}×${n}`)
      .join(' ')}`,
    `callers: ${Object.entries(report.perCaller)
      .map(([c, n]) => `${c} ${n}`)
      .join(', ')}`,
    `requests carrying another couple's ids: ${report.crossIdRequests}; health checks: ${report.healthChecks}; couple C routes compared: ${report.vaultRoutesCompared}`,
    `responses with canaries: ${report.responsesWithCanaries}; canaries planted ${report.canaries.planted}, seen by their author ${report.canaries.seenByAuthor}, by others allowed ${report.canaries.seenByOthersAllowed}`,
  ];
  if (report.skipped.length > 0) lines.push(`skipped (streams): ${report.skipped.join(', ')}`);
  for (const [route, statuses] of Object.entries(report.perRoute).sort()) {
    lines.push(
      `  ${route.padEnd(66)} ${Object.entries(statuses)
        .map(([s, n]) => `${s}×${n}`)
        .join(' ')}`,
    );
  }
  lines.push(report.failures.length === 0 ? 'no failures' : `${report.failures.length} failures:\n${report.failures.join('\n')}`);
  return lines.join('\n');
}

export type { Operation, PoolItem };
