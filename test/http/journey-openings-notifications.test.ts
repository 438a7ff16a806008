import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { describeEachDatabase, json } from '../support/app.js';
import { couple, journeyAtStep2, type Person } from '../support/api-client.js';
import { activeTherapist, pagesAs } from '../support/live-people.js';
import { onlyTold, snapshot, toldTo } from '../support/told.js';

/**
 * Issue #18: a sealed half tells the other partner only that it exists ("write yours to open
 * both"), and the half that opens the pair tells the partner who was waiting; a step that opens
 * for someone tells them; a forgiveness statement shared tells the partner. Through the API and
 * the page forms alike: the right person, never the actor, never a therapist, never another
 * couple, never anyone's words; nothing for what is private.
 */
type Door = 'api' | 'page';
const DOORS: Door[] = ['api', 'page'];

/** A couple (Alex broke trust), an active therapist, and another couple in a third space. */
async function people(app: FastifyInstance) {
  const { a, b, spaceId } = await couple(app, ['Alex', 'Sam']);
  const t = await activeTherapist(app, a, b, spaceId);
  const other = await couple(app, ['Kim', 'Lou']);
  return { a, b, t, spaceId, strangers: [other.a, other.b] };
}

async function readAll(...ps: Person[]): Promise<void> {
  for (const p of ps) assert.equal((await p.api.post('/api/v1/me/notifications/read', {})).statusCode, 200);
}

/** Writes an entry through the API or its page form; answers its id. */
async function write(app: FastifyInstance, door: Door, p: Person, journeyId: string, prompt: string, text: string, visibility?: string) {
  if (door === 'api') {
    const res = await p.api.post(`/api/v1/journeys/${journeyId}/entries`, { prompt, text, ...(visibility ? { visibility } : {}) });
    assert.equal(res.statusCode, 201, res.body);
    return json(res).entry.id as string;
  }
  const pages = await pagesAs(app, p);
  const step = prompt === 'what_happened' ? 1 : prompt === 'trust_looks_like' ? 3 : prompt.startsWith('forgiveness') ? 7 : 2;
  await pages.get(`/journeys/${journeyId}/steps/${step}`);
  const res = await pages.post(`/journeys/${journeyId}/steps/${step}/entries`, { prompt, text, ...(visibility ? { visibility } : {}) });
  assert.equal(res.statusCode, 303, res.body);
  const entries = json(await p.api.get(`/api/v1/journeys/${journeyId}/entries`)).entries as Array<{ id: string; text?: string }>;
  return entries.find((e) => e.text === text)!.id;
}

describeEachDatabase('notifications of a journey’s openings (issue #18)', (get) => {
  for (const door of DOORS) {
    test(`a sealed half tells the other partner it exists, never its words; the half that opens both tells the first (${door})`, async () => {
      const app = get().app;
      const { a, b, t, spaceId, strangers } = await people(app);
      const journeyId = json(await b.api.post(`/api/v1/spaces/${spaceId}/breaches`, { kind: 'lying', brokeTrust: [a.id] })).journey.id;
      await readAll(a, b);
      const words = ['SEALED-CANARY-ALEX', 'SEALED-CANARY-SAM'];

      const first = await write(app, door, a, journeyId, 'what_happened', words[0]!);
      const link = `/journeys/${journeyId}/steps/1#what_happened-heading`;
      await onlyTold(b, 'sealed_half_written', [a, t, ...strangers], words, { link });
      // The place it links to says the same, and shows nothing of the half.
      const pb = await pagesAs(app, b);
      const place = await pb.get(link.split('#')[0]!);
      assert.equal(place.statusCode, 200);
      assert.match(place.body, /has written theirs\. It stays sealed until you write yours/);
      assert.match(place.body, /id="what_happened-heading"/);
      assert.ok(!place.body.includes(words[0]!));
      const notificationsPage = await pb.get('/notifications');
      assert.ok(notificationsPage.body.includes(`href="${link}"`), 'the notifications page links straight to the form');
      assert.ok(!notificationsPage.body.includes(words[0]!));

      await write(app, door, b, journeyId, 'what_happened', words[1]!);
      await onlyTold(a, 'sealed_pair_opened', [b, t, ...strangers], words, { link });
      assert.ok(!(await toldTo(a)).list.some((n) => n.type === 'sealed_half_written'), 'the one who wrote first is not told to write');

      // A half written again into a pair that opened before is read at once and asks nothing: nobody is told.
      const before = await snapshot([a, b, t]);
      assert.equal((await a.api.delete(`/api/v1/entries/${first}`)).statusCode, 204);
      await write(app, door, a, journeyId, 'what_happened', 'SEALED-CANARY-AGAIN');
      assert.deepEqual(await snapshot([a, b, t]), before);
    });

    test(`a step that opens tells the partner it opened for, never the one who acted nor a therapist (${door})`, async () => {
      const app = get().app;
      const { a, b, t, spaceId, strangers } = await people(app);
      const pa = door === 'page' ? await pagesAs(app, a) : null;
      const pb = door === 'page' ? await pagesAs(app, b) : null;

      // A new journey: step 1 is open for Alex.
      let journeyId: string;
      if (pb) {
        await pb.get(`/spaces/${spaceId}/breaches/new`);
        const res = await pb.post(`/spaces/${spaceId}/breaches`, { kind: 'lying', who: 'partner' });
        assert.equal(res.statusCode, 303, res.body);
        journeyId = String(res.headers.location).split('/').pop()!;
      } else {
        journeyId = json(await b.api.post(`/api/v1/spaces/${spaceId}/breaches`, { kind: 'lying', brokeTrust: [a.id] })).journey.id;
      }
      const step = (n: number) => `/journeys/${journeyId}/steps/${n}`;
      await onlyTold(a, 'step_opened', [b, t, ...strangers], [], { link: step(1) });

      // The second acknowledgement opens step 2 for the partner who acknowledged first.
      for (const p of [a, b])
        await p.api.post(`/api/v1/journeys/${journeyId}/entries`, { prompt: 'what_happened', text: `Mine, ${p.displayName}.` });
      assert.equal((await a.api.post(`/api/v1/journeys/${journeyId}/acknowledgements`)).statusCode, 201);
      if (pb) {
        await pb.get(step(1));
        assert.equal((await pb.post(`/journeys/${journeyId}/acknowledge`, {})).statusCode, 303);
      } else assert.equal((await b.api.post(`/api/v1/journeys/${journeyId}/acknowledgements`)).statusCode, 201);
      await onlyTold(a, 'step_opened', [b, t, ...strangers], [], { link: step(2), times: 2 });

      // Kept private, "what hurts" tells nobody anything.
      const quiet = await snapshot([a, b, t]);
      await write(app, door, b, journeyId, 'what_hurts', 'PRIVATE-HURT-CANARY', 'private');
      assert.deepEqual(await snapshot([a, b, t]), quiet);

      // The apology answered opens step 3 for its author: told both, each once.
      const apology = json(await a.api.post(`/api/v1/journeys/${journeyId}/apologies`, { text: 'APOLOGY-CANARY' })).apology;
      if (pb) {
        await pb.get(`/journeys/${journeyId}/apologies/${apology.id}/answer`);
        assert.equal((await pb.post(`/journeys/${journeyId}/apologies/${apology.id}/answer`, { sincere: 'yes' })).statusCode, 303);
      } else assert.equal((await b.api.post(`/api/v1/apologies/${apology.id}/responses`, { received: true })).statusCode, 201);
      await onlyTold(a, 'apology_answered', [b, t], ['APOLOGY-CANARY']);
      await onlyTold(a, 'step_opened', [b, t, ...strangers], ['APOLOGY-CANARY'], { link: step(3), times: 3 });

      // A proposal: Sam is told of it, and not again of step 3 (already open for Sam).
      const proposal = json(
        await a.api.post(`/api/v1/spaces/${spaceId}/agreements`, {
          text: 'AGREEMENT-CANARY',
          committedBy: [a.id],
          cadence: 'daily',
          journeyId,
        }),
      ).agreement;
      assert.ok(!(await toldTo(b)).list.some((n) => n.type === 'step_opened'));

      // The first agreement accepted opens steps 4 to 6: the proposer is told once, with a link to step 4.
      if (pb) {
        await pb.get(step(3));
        assert.equal((await pb.post(`/agreements/${proposal.id}/accept`, {})).statusCode, 303);
      } else assert.equal((await b.api.post(`/api/v1/agreements/${proposal.id}/accept`)).statusCode, 200);
      await onlyTold(a, 'agreement_accepted', [b, t], ['AGREEMENT-CANARY']);
      const opened = (await toldTo(a)).list.filter((n) => n.type === 'step_opened').map((n) => n.link);
      assert.deepEqual(opened, [step(4), step(3), step(2), step(1)]);
      await onlyTold(a, 'step_opened', [b, t, ...strangers], ['AGREEMENT-CANARY', 'PRIVATE-HURT-CANARY'], { link: step(4), times: 4 });
      if (pa) assert.equal((await pa.get(step(4))).statusCode, 200, 'the link goes to the step');
    });

    test(`a forgiveness statement shared tells the partner; kept private, a reflection or step 7 opened early tell nobody (${door})`, async () => {
      const app = get().app;
      const { a, b, journeyId } = await journeyAtStep2(app);
      const { spaceId } = json(await a.api.get(`/api/v1/journeys/${journeyId}`)).journey;
      const t = await activeTherapist(app, a, b, spaceId);
      const stranger = (await couple(app, ['Kim', 'Lou'])).a;
      await readAll(a, b);
      const words = ['REFLECTION-CANARY', 'STATEMENT-CANARY', 'SECOND-STATEMENT-CANARY'];

      const quiet = await snapshot([a, b, t]);
      // Sam (hurt) opens step 7 early: a private choice.
      if (door === 'page') {
        const pb = await pagesAs(app, b);
        await pb.get(`/journeys/${journeyId}/steps/7`);
        assert.equal((await pb.post(`/journeys/${journeyId}/forgiveness/open`, {})).statusCode, 303);
      } else assert.equal((await b.api.post(`/api/v1/journeys/${journeyId}/forgiveness/open`)).statusCode, 200);
      await write(app, door, b, journeyId, 'forgiveness_reflection', words[0]!, 'private');
      const statement = await write(app, door, b, journeyId, 'forgiveness_statement', words[1]!, 'private');
      assert.deepEqual(await snapshot([a, b, t]), quiet, 'nothing private tells anyone');

      // Shared later: Alex is told, once, with a link to step 7, where it can be read.
      if (door === 'page') {
        const pb = await pagesAs(app, b);
        await pb.get(`/journeys/${journeyId}/steps/7`);
        assert.equal((await pb.post(`/entries/${statement}/share`, { back: `/journeys/${journeyId}/steps/7` })).statusCode, 303);
      } else assert.equal((await b.api.put(`/api/v1/entries/${statement}/visibility`, { visibility: 'shared' })).statusCode, 200);
      const link = `/journeys/${journeyId}/steps/7`;
      await onlyTold(a, 'forgiveness_shared', [b, t, stranger], words, { link });
      const pa = await pagesAs(app, a);
      assert.ok((await pa.get(link)).body.includes(words[1]!), 'the statement is on the page the notification links to');
      assert.ok(!(await pa.get('/notifications')).body.includes(words[1]!));
      // Sharing what is already shared tells nothing again; a statement written shared tells once more.
      assert.equal((await b.api.put(`/api/v1/entries/${statement}/visibility`, { visibility: 'shared' })).statusCode, 200);
      await onlyTold(a, 'forgiveness_shared', [b, t], words, { link });
      await write(app, door, b, journeyId, 'forgiveness_statement', words[2]!, 'shared');
      await onlyTold(a, 'forgiveness_shared', [b, t, stranger], words, { link, times: 2 });
      assert.ok(!(await toldTo(a)).list.some((n) => n.type === 'step_opened' && n.link.endsWith('/steps/7')), 'step 7 is never announced');
    });
  }
});
