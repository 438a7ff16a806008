import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { describeEachDatabase, json } from '../support/app.js';
import { ApiClient, couple, signUp, type Person } from '../support/api-client.js';
import { PageClient } from '../support/browser-less.js';

/**
 * The privacy promise, tested as a property over the whole app: random sequences of writes by
 * both partners, with every visibility, each text carrying a unique marker; then every reader
 * (author, partner, active therapist, revoked therapist, stranger, signed out) calls every GET
 * route of the API and every page, plus the export, and no marker may reach anyone the rules of
 * SPEC section 3 forbid. A write that was refused must reach nobody at all.
 */

type Who = 'a' | 'b';
type Write =
  | { kind: 'sealed_entry'; by: Who }
  | { kind: 'question'; by: Who }
  | { kind: 'why'; by: Who; visibility: 'private' | 'shared' }
  | { kind: 'checkin_note'; by: Who; visibility: 'private' | 'shared' }
  | { kind: 'reassurance_note'; by: Who; visibility: 'private' | 'shared' }
  | { kind: 'breach'; by: Who; visibility: 'private' | 'shared' }
  | { kind: 'daily_answer'; by: Who };

const who = fc.constantFrom<Who>('a', 'b');
const noteVisibility = fc.constantFrom<'private' | 'shared'>('private', 'shared');
const write: fc.Arbitrary<Write> = fc.oneof(
  fc.record({ kind: fc.constant('sealed_entry' as const), by: who }),
  fc.record({ kind: fc.constant('question' as const), by: who }),
  fc.record({ kind: fc.constant('why' as const), by: who, visibility: noteVisibility }),
  fc.record({ kind: fc.constant('checkin_note' as const), by: who, visibility: noteVisibility }),
  fc.record({ kind: fc.constant('reassurance_note' as const), by: who, visibility: noteVisibility }),
  fc.record({ kind: fc.constant('breach' as const), by: who, visibility: noteVisibility }),
  fc.record({ kind: fc.constant('daily_answer' as const), by: who }),
);

interface Marker {
  text: string;
  checkin?: boolean;
  by: Who;
  accepted: boolean;
  /** Who may read it: computed after all writes (a sealed entry opens when the partner writes theirs). */
  visibility: 'private' | 'shared' | 'sealed' | 'daily';
}

type Reader = 'a' | 'b' | 'therapist' | 'revoked' | 'stranger' | 'anonymous';
const READERS: Reader[] = ['a', 'b', 'therapist', 'revoked', 'stranger', 'anonymous'];

let run = 0;

async function activeTherapist(app: FastifyInstance, a: Person, b: Person, spaceId: string, name: string): Promise<Person> {
  const t = await signUp(app, name);
  const { code } = json(await a.api.post(`/api/v1/spaces/${spaceId}/invitations`, { role: 'therapist' })).invitation;
  await t.api.post(`/api/v1/invitations/${code}/accept`);
  for (const p of [a, b]) await p.api.post(`/api/v1/spaces/${spaceId}/therapists/${t.id}/consent`, { password: p.password });
  return t;
}

async function signedInPages(app: FastifyInstance, person: Person): Promise<PageClient> {
  const client = new PageClient(app);
  await client.get('/sign-in');
  await client.post('/sign-in', { email: person.email, password: person.password });
  return client;
}

function fill(url: string, ids: Record<string, string[]>): string[] {
  const names = [...url.matchAll(/:(\w+)/g)].map((m) => m[1]!);
  let urls = [url];
  for (const name of names) {
    const values = ids[name];
    if (!values || values.length === 0) return [];
    urls = urls.flatMap((u) => values.map((v) => u.replace(`:${name}`, encodeURIComponent(v))));
  }
  return urls;
}

describeEachDatabase('privacy between partners, across every route (property)', (get) => {
  test('no reader ever sees a text the visibility rules forbid them', async () => {
    const { app } = get();
    const routes = app.mendRoutes.filter((r) => r.method === 'GET' && !r.url.startsWith('/static') && !r.url.includes('*'));
    await fc.assert(
      fc.asyncProperty(fc.array(write, { minLength: 1, maxLength: 7 }), async (writes) => {
        run += 1;
        const { a, b, spaceId } = await couple(app);
        const people: Record<Who, Person> = { a, b };
        const revoked = await activeTherapist(app, a, b, spaceId, 'Dr Former');
        await a.api.delete(`/api/v1/spaces/${spaceId}/therapists/${revoked.id}`);
        const therapist = await activeTherapist(app, a, b, spaceId, 'Dr Current');
        const stranger = await signUp(app, 'Stranger');

        const breach = await a.api.post(`/api/v1/spaces/${spaceId}/breaches`, { kind: 'infidelity', brokeTrust: [a.id] });
        assert.equal(breach.statusCode, 201, breach.body);
        const journeyIds = [json(breach).journey.id as string];
        const requestIds: string[] = [];
        const markers: Marker[] = [];
        const today = new Date().toISOString().slice(0, 10);

        for (const [k, w] of writes.entries()) {
          const text = `Zq${run}m${k}Q`;
          const author = people[w.by].api;
          const journey = journeyIds[0]!;
          let res;
          let visibility: Marker['visibility'] = 'shared';
          switch (w.kind) {
            case 'sealed_entry':
              visibility = 'sealed';
              res = await author.post(`/api/v1/journeys/${journey}/entries`, { prompt: 'what_happened', text, visibility: 'sealed' });
              break;
            case 'question':
              res = await author.post(`/api/v1/journeys/${journey}/entries`, { prompt: 'question', text, visibility: 'shared' });
              break;
            case 'why':
              visibility = w.visibility;
              res = await author.post(`/api/v1/journeys/${journey}/entries`, {
                prompt: 'why_im_doing_this',
                text,
                visibility: w.visibility,
              });
              break;
            case 'checkin_note':
              visibility = w.visibility;
              res = await author.put(`/api/v1/spaces/${spaceId}/checkins/${today}`, {
                safety: 5,
                trust: 5,
                closeness: 5,
                note: { text, visibility: w.visibility },
              });
              // A later check-in the same day replaces the earlier one, note and all: nobody may see the old note.
              if (res.statusCode < 300) for (const m of markers) if (m.by === w.by && m.checkin) m.accepted = false;
              break;
            case 'reassurance_note':
              visibility = w.visibility;
              res = await author.post(`/api/v1/spaces/${spaceId}/reassurance-requests`, { note: { text, visibility: w.visibility } });
              if (res.statusCode === 201) requestIds.push(json(res).reassuranceRequest.id);
              break;
            case 'daily_answer': {
              // The day's question (issue #25): a sealed pair of the two partners that no therapist reads.
              visibility = 'daily';
              const { question } = json(await author.get(`/api/v1/spaces/${spaceId}/daily-question`)).dailyQuestion;
              res = await author.post(`/api/v1/spaces/${spaceId}/daily-question/answer`, { questionId: question.id, text });
              break;
            }
            case 'breach':
              visibility = w.visibility;
              res = await author.post(`/api/v1/spaces/${spaceId}/breaches`, {
                kind: 'lying',
                brokeTrust: [people[w.by].id],
                description: { text, visibility: w.visibility },
              });
              if (res.statusCode === 201) journeyIds.push(json(res).journey.id);
              break;
          }
          assert.ok(res.statusCode < 500, `${w.kind}: ${res.statusCode} ${res.body}`);
          const marker: Marker = { text, by: w.by, accepted: res.statusCode < 300, visibility };
          if (w.kind === 'checkin_note') marker.checkin = true;
          markers.push(marker);
        }

        // Who may read each marker, now that every write is in.
        const sealedAuthors = new Set(markers.filter((m) => m.accepted && m.visibility === 'sealed').map((m) => m.by));
        const pairOpen = sealedAuthors.size === 2;
        const dailyOpen = new Set(markers.filter((m) => m.accepted && m.visibility === 'daily').map((m) => m.by)).size === 2;
        const allowed = (m: Marker, reader: Reader): boolean => {
          if (!m.accepted) return false;
          if (reader === m.by) return true;
          if (m.visibility === 'private') return false;
          if (m.visibility === 'sealed') return pairOpen && (reader === 'a' || reader === 'b' || reader === 'therapist');
          if (m.visibility === 'daily') return dailyOpen && (reader === 'a' || reader === 'b');
          return reader === 'a' || reader === 'b' || reader === 'therapist';
        };

        const ids: Record<string, string[]> = {
          spaceId: [spaceId],
          journeyId: journeyIds,
          requestId: requestIds,
          n: ['1', '2', '3', '4', '5', '6', '7'],
          month: [today.slice(0, 7)],
          date: [today],
          day: [today],
        };
        const apiClients: Record<Reader, ApiClient> = {
          a: a.api,
          b: b.api,
          therapist: therapist.api,
          revoked: revoked.api,
          stranger: stranger.api,
          anonymous: new ApiClient(app),
        };
        const pagePeople: Partial<Record<Reader, Person>> = { a, b, therapist, revoked, stranger };
        for (const reader of READERS) {
          let seen = '';
          const person = pagePeople[reader];
          const pages = person ? await signedInPages(app, person) : new PageClient(app);
          for (const route of routes) {
            for (const url of fill(route.url, ids)) {
              if (url.startsWith('/api/')) seen += (await apiClients[reader].get(url)).body;
              else seen += (await pages.get(url)).body;
            }
          }
          if (person) {
            await person.api.post('/api/v1/sessions/current/reauthenticate', { password: person.password });
            seen += (await person.api.get('/api/v1/me/export')).body;
            // The printable record, once the password is confirmed in the page session (404 for anyone not in the space).
            if ((await pages.get(`/spaces/${spaceId}/report`)).statusCode === 403)
              await pages.post(`/spaces/${spaceId}/report`, { password: person.password });
            seen += (await pages.get(`/spaces/${spaceId}/report`)).body;
          }
          for (const m of markers) {
            const found = seen.includes(m.text);
            if (!allowed(m, reader))
              assert.ok(!found, `${reader} must not see ${m.visibility} ${m.text} by ${m.by} (accepted: ${m.accepted})`);
            else if (reader === m.by) assert.ok(found, `${reader} sees their own ${m.text} somewhere (the test is not blind)`);
          }
        }
      }),
      { numRuns: 6 },
    );
  });
});
