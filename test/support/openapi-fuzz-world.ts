import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { ApiClient } from './api-client.js';
import type { PoolItem } from './openapi-fuzz.js';

/**
 * The world the fuzzer attacks: three couples (A and B act; C never sends a request, so anything
 * that changes C was done by someone else), an active therapist of A, a revoked one, a stranger
 * with a space of their own, and a signed-out caller. Every partner plants canary texts — private,
 * shared and sealed — in entries, breach descriptions, check-in notes, reassurance notes and
 * answers, agreements, agreement-log notes, meeting records and apologies, and in their names and
 * email addresses. Canaries are short lowercase tokens unique to the run, never real user text.
 */

export type Visibility = 'private' | 'shared' | 'sealed';

export interface Identity {
  key: string;
  id: string;
  email: string;
  password: string;
  api: ApiClient;
  /** The group whose partner this is (A, B, C, S for the stranger), or null for therapists and the signed-out. */
  home: string | null;
}

export interface Canary {
  text: string;
  group: string;
  author: string;
  visibility: Visibility;
  kind: string;
  /** For entries: their id, journey and prompt, so a later share or an opened pair is tracked. */
  entryId?: string;
  journeyId?: string;
  prompt?: string;
  /** Names and emails: seen by the group's partners and its active therapist, never by others. */
  profile?: 'name' | 'email';
}

export interface World {
  runId: string;
  people: Record<string, Identity>;
  /** Partners of each group. */
  partners: Record<string, string[]>;
  /** Active therapists of each group (changes when a partner revokes one). */
  therapists: Record<string, Set<string>>;
  spaces: Record<string, string>;
  canaries: Canary[];
  pools: Record<string, PoolItem[]>;
  accountIds: PoolItem[];
  /** Journeys whose sealed pair for a prompt has opened: `${journeyId}:${prompt}`. */
  openPairs: Set<string>;
  today: string;
}

export const ACTING_CALLERS = ['a1', 'a2', 'b1', 'b2', 'therapist', 'revoked', 'stranger', 'anonymous'] as const;

const MALFORMED_IDS = ['', 'x', '-1', '0', 'AAAA-BBBB-CCCC-DDDD', "'; select 1; --", 'ﬀ'];

function must(res: { statusCode: number; body: string }, what: string, ok: number[] = [200, 201, 204]): any {
  if (!ok.includes(res.statusCode)) throw new Error(`world: ${what} → ${res.statusCode} ${res.body.slice(0, 300)}`);
  return res.body ? JSON.parse(res.body) : null;
}

export async function buildWorld(app: FastifyInstance, today = new Date().toISOString().slice(0, 10)): Promise<World> {
  const runId = randomBytes(3).toString('hex');
  let k = 0;
  const canary = () => `zq${runId}k${(k += 1)}q`;
  const world: World = {
    runId,
    people: {},
    partners: { A: ['a1', 'a2'], B: ['b1', 'b2'], C: ['c1', 'c2'], S: ['stranger'] },
    therapists: { A: new Set(), B: new Set(), C: new Set(), S: new Set() },
    spaces: {},
    canaries: [],
    pools: {},
    accountIds: [],
    openPairs: new Set(),
    today,
  };
  const pool = (name: string, value: string, owner: string | null) => (world.pools[name] ??= []).push({ value, owner });
  const plant = (c: Canary) => world.canaries.push(c);

  async function person(key: string, home: string | null): Promise<Identity> {
    const name = canary();
    const email = `${canary()}@example.org`;
    const password = `quiet harbour lantern ${runId} ${key} meadow`;
    const res = await new ApiClient(app).post('/api/v1/accounts', { email, password, displayName: name });
    const body = must(res, `sign up ${key}`);
    const id: Identity = { key, id: body.account.id, email, password, api: new ApiClient(app, body.token), home };
    world.people[key] = id;
    // A therapist's name is shown to the couples they serve, so only partners' names are canaries.
    if (home) {
      plant({ text: name, group: home, author: key, visibility: 'shared', kind: 'display-name', profile: 'name' });
      plant({ text: email.slice(0, email.indexOf('@')), group: home, author: key, visibility: 'private', kind: 'email', profile: 'email' });
    }
    world.accountIds.push({ value: body.account.id, owner: home });
    pool('therapistId', body.account.id, null);
    return id;
  }

  async function inviteTherapist(group: string, therapist: Identity): Promise<void> {
    const [x1, x2] = world.partners[group]!.map((p) => world.people[p]!);
    const spaceId = world.spaces[group]!;
    const { code } = must(
      await x1!.api.post(`/api/v1/spaces/${spaceId}/invitations`, { role: 'therapist' }),
      'invite therapist',
    ).invitation;
    must(await therapist.api.post(`/api/v1/invitations/${code}/accept`), 'therapist accepts');
    pool('code', code, group);
    for (const p of [x1!, x2!])
      must(await p.api.post(`/api/v1/spaces/${spaceId}/therapists/${therapist.id}/consent`, { password: p.password }), 'consent');
  }

  async function plantCouple(group: string): Promise<void> {
    const [k1, k2] = world.partners[group]!;
    const x1 = await person(k1!, group); // broke trust
    const x2 = await person(k2!, group); // was hurt
    const spaceName = canary();
    const space = must(await x1.api.post('/api/v1/spaces', { name: spaceName }), 'space').space;
    world.spaces[group] = space.id;
    pool('spaceId', space.id, group);
    plant({ text: spaceName, group, author: k1!, visibility: 'shared', kind: 'space-name', profile: 'name' });
    const { code } = must(await x1.api.post(`/api/v1/spaces/${space.id}/invitations`, {}), 'invite partner').invitation;
    must(await x2.api.post(`/api/v1/invitations/${code}/accept`), 'partner accepts');
    pool('code', code, group);

    const journeys: string[] = [];
    for (const [kind, visibility] of [
      ['infidelity', 'private'],
      ['lying', 'shared'],
    ] as const) {
      const text = canary();
      const res = must(
        await x2.api.post(`/api/v1/spaces/${space.id}/breaches`, { kind, brokeTrust: [x1.id], description: { text, visibility } }),
        'breach',
      );
      journeys.push(res.journey.id);
      pool('journeyId', res.journey.id, group);
      // The partner who broke trust is drafting an apology (issue #18): theirs alone, even its existence.
      const draft = canary();
      must(await x1.api.put(`/api/v1/drafts/apology:${res.journey.id}`, { fields: { 'parts.regret': draft } }), 'draft');
      plant({ text: draft, group, author: k1!, visibility: 'private', kind: 'draft' });
      pool('place', `apology:${res.journey.id}`, group);
      plant({ text, group, author: k2!, visibility, kind: 'breach-description' });
    }
    const entry = async (who: Identity, journeyId: string, prompt: string, visibility: Visibility) => {
      const text = canary();
      const res = await who.api.post(`/api/v1/journeys/${journeyId}/entries`, { prompt, text, visibility });
      if (res.statusCode !== 201) return null;
      const id = JSON.parse(res.body).entry.id as string;
      pool('entryId', id, group);
      plant({ text, group, author: who.key, visibility, kind: `entry:${prompt}`, entryId: id, journeyId, prompt });
      return id;
    };
    // Journey 1: a sealed entry that stays sealed (its pair is never written), a question and a trigger.
    if (!(await entry(x1, journeys[0]!, 'what_happened', 'sealed'))) throw new Error('world: the sealed entry was refused');
    const question = await entry(x2, journeys[0]!, 'question', 'shared');
    await entry(x2, journeys[0]!, 'trigger', 'shared');
    if (question) {
      const until = new Date(Date.parse(`${today}T00:00:00Z`) + 7 * 86_400_000).toISOString().slice(0, 10);
      await x1.api.post(`/api/v1/entries/${question}/deferral`, { until });
    }
    // Journey 2 (the newest, so agreements belong to it): an opened pair, steps 1 and 2 done, a
    // sealed "what trust looks like" that stays sealed, private and shared entries further on.
    const j2 = journeys[1]!;
    await entry(x1, j2, 'what_happened', 'sealed');
    await entry(x2, j2, 'what_happened', 'sealed');
    world.openPairs.add(`${j2}:what_happened`);
    for (const p of [x1, x2]) must(await p.api.post(`/api/v1/journeys/${j2}/acknowledgements`), 'acknowledge');
    const apologyText = canary();
    const apology = must(await x1.api.post(`/api/v1/journeys/${j2}/apologies`, { text: apologyText }), 'apology').apology;
    pool('apologyId', apology.id, group);
    plant({ text: apologyText, group, author: k1!, visibility: 'shared', kind: 'apology' });
    must(await x2.api.post(`/api/v1/apologies/${apology.id}/responses`, { received: true, sincere: true }), 'apology response');
    await entry(x2, j2, 'what_hurts', 'private');
    await entry(x2, j2, 'what_hurts', 'shared');
    if (!(await entry(x1, j2, 'trust_looks_like', 'sealed'))) throw new Error('world: the sealed trust entry was refused');

    for (const [who, visibility, offset] of [
      [x1, 'private', 0],
      [x2, 'shared', 0],
      [x1, 'shared', -1],
      [x2, 'private', -1],
    ] as const) {
      const text = canary();
      const date = new Date(Date.parse(`${today}T00:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);
      must(
        await who.api.put(`/api/v1/spaces/${space.id}/checkins/${date}`, {
          safety: 6,
          trust: 5,
          closeness: 4,
          day: 'mixed',
          note: { text, visibility },
        }),
        'check-in',
      );
      plant({ text, group, author: who.key, visibility, kind: 'checkin-note' });
    }

    for (const visibility of ['private', 'shared'] as const) {
      const text = canary();
      const req = must(await x2.api.post(`/api/v1/spaces/${space.id}/reassurance-requests`, { note: { text, visibility } }), 'reassurance');
      const id = req.reassuranceRequest.id as string;
      pool('requestId', id, group);
      plant({ text, group, author: k2!, visibility, kind: 'reassurance-note' });
      if (visibility === 'shared') {
        const answer = canary();
        must(await x1.api.post(`/api/v1/reassurance-requests/${id}/answer`, { text: answer }), 'reassurance answer');
        plant({ text: answer, group, author: k1!, visibility: 'shared', kind: 'reassurance-answer' });
      }
    }
    // One unanswered shared request, so answering it is possible during the run.
    const open = must(await x2.api.post(`/api/v1/spaces/${space.id}/reassurance-requests`, {}), 'open reassurance');
    pool('requestId', open.reassuranceRequest.id, group);

    const agreementText = canary();
    const agreement = must(
      await x1.api.post(`/api/v1/spaces/${space.id}/agreements`, { text: agreementText, committedBy: [x1.id], cadence: 'daily' }),
      'agreement',
    ).agreement;
    pool('agreementId', agreement.id, group);
    plant({ text: agreementText, group, author: k1!, visibility: 'shared', kind: 'agreement' });
    must(await x2.api.post(`/api/v1/agreements/${agreement.id}/accept`), 'accept agreement');
    const proposalText = canary();
    const proposal = must(
      await x2.api.post(`/api/v1/spaces/${space.id}/agreements`, { text: proposalText, committedBy: [x1.id, x2.id], cadence: 'weekly' }),
      'proposal',
    ).agreement;
    pool('agreementId', proposal.id, group);
    plant({ text: proposalText, group, author: k2!, visibility: 'shared', kind: 'agreement' });
    for (const [visibility, offset] of [
      ['private', 0],
      ['shared', -1],
    ] as const) {
      const text = canary();
      const occurredOn = new Date(Date.parse(`${today}T00:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);
      const log = must(
        await x1.api.post(`/api/v1/agreements/${agreement.id}/log`, { occurredOn, kept: offset === 0, note: { text, visibility } }),
        'log',
      ).logEntry;
      pool('logEntryId', log.id, group);
      plant({ text, group, author: k1!, visibility, kind: 'log-note' });
      if (offset === 0) {
        const dispute = canary();
        must(await x2.api.post(`/api/v1/agreement-log/${log.id}/dispute`, { note: { text: dispute, visibility: 'private' } }), 'dispute');
        plant({ text: dispute, group, author: k2!, visibility: 'private', kind: 'log-dispute-note' });
      }
    }

    await entry(x1, j2, 'why_im_doing_this', 'private');
    await entry(x2, j2, 'why_im_doing_this', 'shared');

    const meeting = { appreciations: canary(), wentWell: canary(), concern: canary(), requests: canary() };
    must(await x1.api.post(`/api/v1/spaces/${space.id}/meetings`, { heldOn: today, ...meeting }), 'meeting');
    for (const text of Object.values(meeting)) plant({ text, group, author: k1!, visibility: 'shared', kind: 'meeting' });
    must(await x1.api.put(`/api/v1/spaces/${space.id}/meeting-schedule`, { weekday: 7, time: '19:30', durationMinutes: 45 }), 'schedule');
    // A positive safety screening, whose answers must never be stored nor reach anyone.
    await x2.api.post('/api/v1/me/safety-screenings', { answers: { afraid: 'often', threatened: 'sometimes' } });
  }

  for (const group of ['A', 'B', 'C']) await plantCouple(group);

  const therapist = await person('therapist', null);
  const revoked = await person('revoked', null);
  await inviteTherapist('A', revoked);
  must(await world.people.a1!.api.delete(`/api/v1/spaces/${world.spaces.A}/therapists/${revoked.id}`), 'revoke');
  await inviteTherapist('A', therapist);
  world.therapists.A!.add('therapist');

  // The stranger has a space and a journey of their own: other people's ids for everyone else.
  const stranger = await person('stranger', 'S');
  const own = must(await stranger.api.post('/api/v1/spaces', { name: canary() }), 'stranger space').space;
  world.spaces.S = own.id;
  pool('spaceId', own.id, 'S');
  const breach = await stranger.api.post(`/api/v1/spaces/${own.id}/breaches`, { kind: 'other', brokeTrust: [stranger.id] });
  if (breach.statusCode === 201) pool('journeyId', JSON.parse(breach.body).journey.id, 'S');
  world.people.anonymous = { key: 'anonymous', id: '', email: '', password: '', api: new ApiClient(app), home: null };

  for (const p of Object.values(world.people)) {
    if (!p.api.token) continue;
    for (const s of must(await p.api.get('/api/v1/sessions'), 'sessions').sessions) pool('id', s.id, `self:${p.key}`);
    for (const n of must(await p.api.get('/api/v1/me/notifications'), 'notifications').notifications ?? [])
      pool('notificationId', n.id, `self:${p.key}`);
  }
  for (const name of [
    'spaceId',
    'journeyId',
    'entryId',
    'agreementId',
    'logEntryId',
    'requestId',
    'apologyId',
    'therapistId',
    'id',
    'code',
    'place',
  ]) {
    for (const value of MALFORMED_IDS) pool(name, value, null);
  }
  return world;
}

/** May `reader` see this canary now? SPEC section 3, as privacy-property.test.ts states it. */
export function mayRead(world: World, c: Canary, reader: string): boolean {
  if (reader === c.author) return true;
  const partner = world.partners[c.group]!.includes(reader);
  const therapist = world.therapists[c.group]!.has(reader);
  if (c.profile === 'email') return partner;
  if (c.visibility === 'private') return false;
  if (c.visibility === 'sealed' && !world.openPairs.has(`${c.journeyId}:${c.prompt}`)) return false;
  return partner || therapist;
}

/** Which groups may `caller` read (partners and active therapists) and write (partners only). */
export function access(world: World, caller: string): { read: Set<string>; write: Set<string> } {
  const read = new Set<string>();
  const write = new Set<string>();
  for (const [group, members] of Object.entries(world.partners)) {
    if (members.includes(caller)) {
      read.add(group);
      write.add(group);
    }
    if (world.therapists[group]!.has(caller)) read.add(group);
  }
  for (const own of [`self:${caller}`, `own:${caller}`]) {
    write.add(own);
    read.add(own);
  }
  return { read, write };
}
