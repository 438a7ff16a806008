import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDatabase, json } from '../support/app.js';
import { ApiClient, couple, signUp, type Person } from '../support/api-client.js';
import { fixedClock } from '../../src/platform/clock.js';

const clock = fixedClock(new Date('2026-03-02T09:00:00Z'));
const DAY = 86_400_000;

type Step = { number: number; key: string; status: string };
const statusOf = (journey: { steps: Step[] }) => journey.steps.map((s) => s.status).join(' ');

async function breach(person: Person, spaceId: string, body: Record<string, unknown>) {
  const res = await person.api.post(`/api/v1/spaces/${spaceId}/breaches`, body);
  assert.equal(res.statusCode, 201, res.body);
  return json(res) as { breach: { id: string }; journey: { id: string; steps: Step[] } };
}

async function journey(person: Person, id: string) {
  const res = await person.api.get(`/api/v1/journeys/${id}`);
  assert.equal(res.statusCode, 200, res.body);
  return json(res).journey;
}

/** Steps 1 and 2 done: both wrote and acknowledged, a apologised, b answered. */
async function throughStepTwo(a: Person, b: Person, journeyId: string): Promise<void> {
  for (const p of [a, b]) {
    assert.equal(
      (await p.api.post(`/api/v1/journeys/${journeyId}/entries`, { prompt: 'what_happened', text: `${p.displayName}'s side` })).statusCode,
      201,
    );
    assert.equal((await p.api.post(`/api/v1/journeys/${journeyId}/acknowledgements`)).statusCode, 201);
  }
  const apology = json(await a.api.post(`/api/v1/journeys/${journeyId}/apologies`, { text: 'I am sorry that I lied to you.' })).apology;
  assert.equal((await b.api.post(`/api/v1/apologies/${apology.id}/responses`, { received: true })).statusCode, 201);
}

describeEachDatabase(
  'journeys API',
  (get) => {
    test('recording a breach opens a journey; the space lists every journey newest first', async () => {
      const { a, b, spaceId } = await couple(get().app);
      const first = await breach(b, spaceId, {
        kind: 'lying',
        brokeTrust: [a.id],
        occurredOn: '2026-02-01',
        cameOut: 'discovered',
        hurt: 4,
        description: { text: 'The messages I found', visibility: 'private' },
      });
      assert.equal(first.journey.steps.length, 7);
      assert.equal(statusOf(first.journey), 'open locked locked locked locked locked locked');
      assert.deepEqual(
        first.journey.steps.map((s) => s.key),
        ['acknowledge', 'responsibility', 'expectations', 'patience', 'communicate', 'consistency', 'forgive'],
      );
      clock.advance(DAY);
      const second = await breach(a, spaceId, { kind: 'broken_promise', brokeTrust: [a.id, b.id] });
      const list = json(await a.api.get(`/api/v1/spaces/${spaceId}/journeys`)).journeys;
      assert.deepEqual(
        list.map((j: { id: string }) => j.id),
        [second.journey.id, first.journey.id],
      );

      // The description is private to the partner who wrote it; the record itself is shared.
      const seenByB = await journey(b, first.journey.id);
      assert.equal(seenByB.breach.description.text, 'The messages I found');
      const seenByA = await journey(a, first.journey.id);
      assert.equal(seenByA.breach.description, null);
      assert.equal(seenByA.breach.hurt, 4);
      assert.equal(seenByA.role, 'broke_trust');
      assert.equal(seenByB.role, 'hurt');
      assert.doesNotMatch((await a.api.get(`/api/v1/journeys/${first.journey.id}`)).body, /messages I found/);
    });

    test('a breach must name partners of the space, a real past date and a known kind', async () => {
      const { a, spaceId } = await couple(get().app);
      const stranger = await signUp(get().app, 'Stranger');
      const cases: Array<[Record<string, unknown>, number]> = [
        [{ kind: 'betrayal', brokeTrust: [a.id] }, 400],
        [{ kind: 'lying', brokeTrust: [] }, 400],
        [{ kind: 'lying', brokeTrust: [stranger.id] }, 400],
        [{ kind: 'lying', brokeTrust: [a.id, a.id] }, 400],
        [{ kind: 'lying', brokeTrust: ['absent-partner'] }, 400],
        [{ kind: 'lying', brokeTrust: [a.id], occurredOn: '2026-02-30' }, 400],
        [{ kind: 'lying', brokeTrust: [a.id], occurredOn: '2030-01-01' }, 400],
        [{ kind: 'lying', brokeTrust: [a.id], hurt: 6 }, 400],
        [{ kind: 'lying', brokeTrust: [a.id], description: { text: 'x', visibility: 'sealed' } }, 400],
        [{ kind: 'lying', brokeTrust: [a.id], extra: true }, 400],
      ];
      for (const [body, status] of cases) {
        const res = await a.api.post(`/api/v1/spaces/${spaceId}/breaches`, body);
        assert.equal(res.statusCode, status, `${JSON.stringify(body)} → ${res.body}`);
        assert.equal(json(res).error.code, 'invalid_input');
      }
      assert.equal((await stranger.api.post(`/api/v1/spaces/${spaceId}/breaches`, { kind: 'lying', brokeTrust: [a.id] })).statusCode, 404);
      assert.equal(
        (await new ApiClient(get().app).post(`/api/v1/spaces/${spaceId}/breaches`, { kind: 'lying', brokeTrust: [a.id] })).statusCode,
        401,
      );
    });

    test('step 1: a sealed pair opens for both at the moment the second partner writes theirs', async () => {
      const { a, b, spaceId } = await couple(get().app);
      const { journey: j } = await breach(b, spaceId, { kind: 'lying', brokeTrust: [a.id] });
      const written = await a.api.post(`/api/v1/journeys/${j.id}/entries`, {
        prompt: 'what_happened',
        text: 'I know I hurt you when I lied',
        visibility: 'sealed',
      });
      assert.equal(written.statusCode, 201, written.body);
      assert.equal(json(written).entry.visibility, 'sealed');

      const beforeB = await b.api.get(`/api/v1/journeys/${j.id}/entries`);
      assert.equal(beforeB.statusCode, 200);
      assert.deepEqual(json(beforeB).entries, [
        { id: json(written).entry.id, journeyId: j.id, prompt: 'what_happened', authorId: a.id, sealed: true },
      ]);
      assert.doesNotMatch(beforeB.body, /hurt you/);
      assert.deepEqual((await journey(a, j.id)).sealedWaiting, ['what_happened']);

      // Only sealed is allowed for this prompt, and only once per partner.
      assert.equal(
        (await b.api.post(`/api/v1/journeys/${j.id}/entries`, { prompt: 'what_happened', text: 'x', visibility: 'shared' })).statusCode,
        400,
      );
      assert.equal((await a.api.post(`/api/v1/journeys/${j.id}/entries`, { prompt: 'what_happened', text: 'again' })).statusCode, 409);

      assert.equal(
        (await b.api.post(`/api/v1/journeys/${j.id}/entries`, { prompt: 'what_happened', text: 'I feel betrayed because' })).statusCode,
        201,
      );
      for (const p of [a, b]) {
        const entries = json(await p.api.get(`/api/v1/journeys/${j.id}/entries`)).entries;
        assert.deepEqual(entries.map((e: { text: string }) => e.text).sort(), ['I feel betrayed because', 'I know I hurt you when I lied']);
      }
      // A sealed entry cannot be turned into a shared one, and the pair opens by the pair rule only.
      const own = json(written).entry.id;
      assert.equal((await a.api.put(`/api/v1/entries/${own}/visibility`, { visibility: 'shared' })).statusCode, 409);
    });

    test('step 1 is done when both acknowledged; acknowledging twice keeps the first', async () => {
      const { a, b, spaceId } = await couple(get().app);
      const { journey: j } = await breach(a, spaceId, { kind: 'financial', brokeTrust: [a.id] });
      const first = json(await a.api.post(`/api/v1/journeys/${j.id}/acknowledgements`)).acknowledgement;
      clock.advance(1000);
      const again = await a.api.post(`/api/v1/journeys/${j.id}/acknowledgements`);
      assert.equal(again.statusCode, 201);
      assert.equal(json(again).acknowledgement.createdAt, first.createdAt);
      assert.equal((await journey(a, j.id)).steps[0].status, 'open');
      await b.api.post(`/api/v1/journeys/${j.id}/acknowledgements`);
      assert.equal(statusOf(await journey(a, j.id)), 'done open locked locked locked locked locked');
    });

    test('step 2: only the partner who broke trust apologises, only the hurt partner answers, once', async () => {
      const { a, b, spaceId } = await couple(get().app);
      const stranger = await signUp(get().app, 'Stranger');
      const { journey: j } = await breach(b, spaceId, { kind: 'lying', brokeTrust: [a.id] });
      // Step 2 opens only after step 1.
      assert.equal((await a.api.post(`/api/v1/journeys/${j.id}/apologies`, { text: 'I am sorry.' })).statusCode, 409);
      for (const p of [a, b]) await p.api.post(`/api/v1/journeys/${j.id}/acknowledgements`);

      const byHurt = await b.api.post(`/api/v1/journeys/${j.id}/apologies`, { text: 'I am sorry.' });
      assert.equal(byHurt.statusCode, 403);
      assert.equal((await stranger.api.post(`/api/v1/journeys/${j.id}/apologies`, { text: 'I am sorry.' })).statusCode, 404);
      assert.equal((await new ApiClient(get().app).post(`/api/v1/journeys/${j.id}/apologies`, { text: 'I am sorry.' })).statusCode, 401);

      // The builder: every part but asking forgiveness is needed.
      const incomplete = await a.api.post(`/api/v1/journeys/${j.id}/apologies`, { parts: { regret: 'I am sorry I lied.' } });
      assert.equal(incomplete.statusCode, 400);
      assert.ok(json(incomplete).error.details['parts.responsibility']);
      const parts = {
        regret: 'I am sorry that I lied to you about the money.',
        responsibility: 'It was my choice to hide it.',
        impact: 'You could not trust what I said.',
        change: 'I will show you every statement each month.',
        repair: 'I will pay it back into our shared account.',
      };
      const delivered = await a.api.post(`/api/v1/journeys/${j.id}/apologies`, { parts });
      assert.equal(delivered.statusCode, 201, delivered.body);
      const apology = json(delivered).apology;
      assert.equal(apology.text.split('\n\n').length, 5);
      assert.ok(apology.deliveredAt);

      const apologies = json(await b.api.get(`/api/v1/journeys/${j.id}/apologies`)).apologies;
      assert.equal(apologies[0].id, apology.id);
      assert.equal((await stranger.api.get(`/api/v1/journeys/${j.id}/apologies`)).statusCode, 404);

      assert.equal((await a.api.post(`/api/v1/apologies/${apology.id}/responses`, { received: true })).statusCode, 403);
      assert.equal((await stranger.api.post(`/api/v1/apologies/${apology.id}/responses`, { received: true })).statusCode, 404);
      assert.equal((await b.api.post(`/api/v1/apologies/${apology.id}/responses`, { received: false })).statusCode, 400);
      assert.equal((await b.api.post(`/api/v1/apologies/${apology.id}/responses`, { received: true, missing: ['sorry'] })).statusCode, 400);
      const answered = await b.api.post(`/api/v1/apologies/${apology.id}/responses`, {
        received: true,
        sincere: true,
        missing: ['repair'],
      });
      assert.equal(answered.statusCode, 201, answered.body);
      assert.deepEqual(json(answered).response.missing, ['repair']);
      assert.equal((await b.api.post(`/api/v1/apologies/${apology.id}/responses`, { received: true })).statusCode, 409);
      assert.equal(statusOf(await journey(b, j.id)), 'done done open locked locked locked locked');

      // "What hurts" is the hurt partner's to write.
      assert.equal((await a.api.post(`/api/v1/journeys/${j.id}/entries`, { prompt: 'what_hurts', text: 'x' })).statusCode, 403);
      assert.equal(
        (await b.api.post(`/api/v1/journeys/${j.id}/entries`, { prompt: 'what_hurts', text: 'I feel alone when…', visibility: 'shared' }))
          .statusCode,
        201,
      );
    });

    test('step 3: a sealed "what trust looks like" pair and an agreement proposed, countered and accepted', async () => {
      const { a, b, spaceId } = await couple(get().app);
      const { journey: j } = await breach(b, spaceId, { kind: 'lying', brokeTrust: [a.id] });
      // Agreements wait for step 3.
      const early = await a.api.post(`/api/v1/spaces/${spaceId}/agreements`, {
        text: 'I tell you where I am',
        committedBy: [a.id],
        cadence: 'daily',
      });
      assert.equal(early.statusCode, 409);
      await throughStepTwo(a, b, j.id);

      await a.api.post(`/api/v1/journeys/${j.id}/entries`, { prompt: 'trust_looks_like', text: 'You believe me' });
      const stub = json(await b.api.get(`/api/v1/journeys/${j.id}/entries`)).entries.find(
        (e: { prompt: string }) => e.prompt === 'trust_looks_like',
      );
      assert.equal(stub.sealed, true);
      assert.equal(stub.text, undefined);

      const proposed = await a.api.post(`/api/v1/spaces/${spaceId}/agreements`, {
        text: 'I show you my bank statement on the first of each month',
        committedBy: [a.id],
        cadence: 'weekly',
        reviewOn: '2026-06-01',
      });
      assert.equal(proposed.statusCode, 201, proposed.body);
      const first = json(proposed).agreement;
      assert.equal(first.status, 'proposed');
      assert.equal(first.journeyId, j.id);
      assert.equal((await a.api.post(`/api/v1/agreements/${first.id}/accept`)).statusCode, 403, 'not your own proposal');

      const countered = await b.api.post(`/api/v1/agreements/${first.id}/counter`, {
        text: 'We look at the bank statement together',
        cadence: 'once',
      });
      assert.equal(countered.statusCode, 201, countered.body);
      const second = json(countered).agreement;
      assert.equal(second.replaces, first.id);
      assert.equal(second.proposedBy, b.id);
      assert.equal(second.cadence, 'once');
      assert.deepEqual(second.committedBy, [a.id]);
      assert.equal(json(countered).replaced.status, 'countered');
      assert.equal((await a.api.post(`/api/v1/agreements/${first.id}/accept`)).statusCode, 409, 'a countered proposal cannot be accepted');

      const accepted = await a.api.post(`/api/v1/agreements/${second.id}/accept`);
      assert.equal(accepted.statusCode, 200, accepted.body);
      assert.equal(json(accepted).agreement.status, 'active');
      assert.equal(json(accepted).agreement.acceptedBy, a.id);

      const detail = json(await b.api.get(`/api/v1/agreements/${second.id}`));
      assert.deepEqual(
        detail.history.map((h: { id: string }) => h.id),
        [first.id, second.id],
      );
      assert.equal(detail.history[0].text, 'I show you my bank statement on the first of each month');
      const list = json(await b.api.get(`/api/v1/spaces/${spaceId}/agreements`)).agreements;
      assert.equal(list.length, 2);
      assert.equal(statusOf(await journey(a, j.id)), 'done done done open open open locked');
    });

    test('agreements: validation, withdrawing, and outsiders', async () => {
      const { a, b, spaceId } = await couple(get().app);
      const stranger = await signUp(get().app, 'Stranger');
      const { journey: j } = await breach(b, spaceId, { kind: 'lying', brokeTrust: [a.id] });
      await throughStepTwo(a, b, j.id);
      const base = { text: 'I text you when I leave work', committedBy: [a.id], cadence: 'daily' };
      for (const body of [
        { ...base, cadence: 'sometimes' },
        { ...base, committedBy: [stranger.id] },
        { ...base, committedBy: [a.id, a.id] },
        { ...base, reviewOn: '2020-01-01' },
        { ...base, reviewOn: '2026-13-01' },
        { ...base, text: '   ' },
        { ...base, journeyId: 'nope' },
      ]) {
        const res = await a.api.post(`/api/v1/spaces/${spaceId}/agreements`, body);
        assert.equal(res.statusCode, 400, `${JSON.stringify(body)} → ${res.body}`);
      }
      const proposed = json(await a.api.post(`/api/v1/spaces/${spaceId}/agreements`, base)).agreement;
      assert.equal((await stranger.api.get(`/api/v1/agreements/${proposed.id}`)).statusCode, 404);
      assert.equal((await stranger.api.post(`/api/v1/agreements/${proposed.id}/accept`)).statusCode, 404);
      assert.equal((await stranger.api.post(`/api/v1/agreements/${proposed.id}/counter`, { text: 'x' })).statusCode, 404);
      assert.equal((await stranger.api.get(`/api/v1/spaces/${spaceId}/agreements`)).statusCode, 404);
      assert.equal((await new ApiClient(get().app).get(`/api/v1/spaces/${spaceId}/agreements`)).statusCode, 401);
      assert.equal((await b.api.post(`/api/v1/agreements/${proposed.id}/withdraw`)).statusCode, 403);
      const withdrawn = await a.api.post(`/api/v1/agreements/${proposed.id}/withdraw`);
      assert.equal(json(withdrawn).agreement.status, 'withdrawn');
      assert.equal((await b.api.post(`/api/v1/agreements/${proposed.id}/accept`)).statusCode, 409);
    });

    test('private entries stay private until shared; shared never becomes private; only the author deletes', async () => {
      const { a, b, spaceId } = await couple(get().app);
      const stranger = await signUp(get().app, 'Stranger');
      const { journey: j } = await breach(b, spaceId, { kind: 'lying', brokeTrust: [a.id] });
      await throughStepTwo(a, b, j.id);
      await a.api.post(`/api/v1/spaces/${spaceId}/agreements`, {
        text: 'I answer my phone when you call',
        committedBy: [a.id],
        cadence: 'each_time',
      });
      const proposal = json(await a.api.get(`/api/v1/spaces/${spaceId}/agreements`)).agreements[0];
      await b.api.post(`/api/v1/agreements/${proposal.id}/accept`);

      const written = await b.api.post(`/api/v1/journeys/${j.id}/entries`, {
        prompt: 'why_im_doing_this',
        text: 'Because of our kids',
        visibility: 'private',
      });
      assert.equal(written.statusCode, 201, written.body);
      const id = json(written).entry.id;
      for (const viewer of [a, stranger]) {
        const res = await viewer.api.get(`/api/v1/journeys/${j.id}/entries`);
        assert.doesNotMatch(res.body, /our kids/);
      }
      assert.equal((await stranger.api.get(`/api/v1/journeys/${j.id}/entries`)).statusCode, 404);
      assert.equal((await new ApiClient(get().app).get(`/api/v1/journeys/${j.id}/entries`)).statusCode, 401);
      // The partner cannot touch what they cannot see: it does not exist for them.
      assert.equal((await a.api.put(`/api/v1/entries/${id}/visibility`, { visibility: 'shared' })).statusCode, 404);
      assert.equal((await a.api.delete(`/api/v1/entries/${id}`)).statusCode, 404);

      const shared = await b.api.put(`/api/v1/entries/${id}/visibility`, { visibility: 'shared' });
      assert.equal(shared.statusCode, 200, shared.body);
      assert.match((await a.api.get(`/api/v1/journeys/${j.id}/entries`)).body, /our kids/);
      assert.equal((await b.api.put(`/api/v1/entries/${id}/visibility`, { visibility: 'private' })).statusCode, 409);
      assert.equal((await a.api.delete(`/api/v1/entries/${id}`)).statusCode, 403);
      assert.equal((await stranger.api.delete(`/api/v1/entries/${id}`)).statusCode, 404);
      assert.equal((await b.api.delete(`/api/v1/entries/${id}`)).statusCode, 204);
      assert.doesNotMatch((await a.api.get(`/api/v1/journeys/${j.id}/entries`)).body, /our kids/);
      assert.equal((await b.api.delete(`/api/v1/entries/${id}`)).statusCode, 404);
    });

    test('a stranger and a signed-out caller get nothing from any journey route', async () => {
      const { a, b, spaceId } = await couple(get().app);
      const stranger = await signUp(get().app, 'Stranger');
      const { journey: j } = await breach(b, spaceId, { kind: 'infidelity', brokeTrust: [a.id] });
      const entry = json(await b.api.post(`/api/v1/journeys/${j.id}/entries`, { prompt: 'question', text: 'Who else knew?' })).entry;
      const signedOut = new ApiClient(get().app);
      const reads = [
        `/api/v1/spaces/${spaceId}/journeys`,
        `/api/v1/journeys/${j.id}`,
        `/api/v1/journeys/${j.id}/entries`,
        `/api/v1/journeys/${j.id}/apologies`,
      ];
      for (const url of reads) {
        assert.equal((await stranger.api.get(url)).statusCode, 404, url);
        assert.equal((await signedOut.get(url)).statusCode, 401, url);
      }
      const writes: Array<[string, unknown]> = [
        [`/api/v1/journeys/${j.id}/entries`, { prompt: 'question', text: 'x' }],
        [`/api/v1/journeys/${j.id}/acknowledgements`, undefined],
        [`/api/v1/journeys/${j.id}/forgiveness/open`, undefined],
        [`/api/v1/entries/${entry.id}/deferral`, { until: '2026-04-01' }],
      ];
      for (const [url, body] of writes) {
        const res = await stranger.api.post(url, body);
        assert.equal(res.statusCode, 404, `${url} ${res.body}`);
        assert.doesNotMatch(res.body, /Who else knew/);
        assert.equal((await signedOut.post(url, body)).statusCode, 401, url);
      }
      assert.equal((await stranger.api.put(`/api/v1/entries/${entry.id}/visibility`, { visibility: 'shared' })).statusCode, 404);
    });

    test('after an affair: questions answered or deferred once, triggers and reassurance, the therapy recommendation', async () => {
      const { a, b, spaceId } = await couple(get().app);
      const { journey: j } = await breach(b, spaceId, { kind: 'emotional_affair', brokeTrust: [a.id] });
      const view = await journey(b, j.id);
      assert.equal(view.therapyRecommended, true);
      assert.equal(view.timeline.usualRange.lowMonths, 12);

      const question = json(await b.api.post(`/api/v1/journeys/${j.id}/entries`, { prompt: 'question', text: 'When did it start?' })).entry;
      assert.equal((await a.api.post(`/api/v1/journeys/${j.id}/entries`, { prompt: 'question', text: 'x' })).statusCode, 403);
      assert.equal((await b.api.post(`/api/v1/entries/${question.id}/deferral`, { until: '2026-03-10' })).statusCode, 403);
      assert.equal((await a.api.post(`/api/v1/entries/${question.id}/deferral`, { until: '2026-01-10' })).statusCode, 400);
      const deferred = await a.api.post(`/api/v1/entries/${question.id}/deferral`, { until: '2026-03-10' });
      assert.equal(deferred.statusCode, 201, deferred.body);
      assert.equal((await a.api.post(`/api/v1/entries/${question.id}/deferral`, { until: '2026-03-20' })).statusCode, 409);
      assert.deepEqual((await journey(b, j.id)).questions, [{ id: question.id, state: 'deferred', until: '2026-03-10' }]);
      // Answers reply to the partner's question, never to nothing.
      assert.equal((await a.api.post(`/api/v1/journeys/${j.id}/entries`, { prompt: 'answer', text: 'In May.' })).statusCode, 400);
      assert.equal(
        (await a.api.post(`/api/v1/journeys/${j.id}/entries`, { prompt: 'answer', text: 'In May.', replyTo: question.id })).statusCode,
        201,
      );
      assert.equal((await journey(a, j.id)).questions[0].state, 'answered');

      const trigger = json(await b.api.post(`/api/v1/journeys/${j.id}/entries`, { prompt: 'trigger', text: 'A song in the car' })).entry;
      assert.equal((await journey(a, j.id)).triggers[0].state, 'waiting_for_reassurance');
      assert.equal(
        (await a.api.post(`/api/v1/journeys/${j.id}/entries`, { prompt: 'trigger_response', text: 'I am here.', replyTo: trigger.id }))
          .statusCode,
        201,
      );
      assert.equal((await journey(b, j.id)).triggers[0].state, 'reassured');

      // Not after other kinds of breach.
      const { journey: other } = await breach(b, spaceId, { kind: 'lying', brokeTrust: [a.id] });
      assert.equal((await b.api.post(`/api/v1/journeys/${other.id}/entries`, { prompt: 'question', text: 'x' })).statusCode, 400);
      assert.equal((await journey(b, other.id)).therapyRecommended, false);
    });

    test('step 7: offered to the hurt partner by their own choice; never to the partner who broke trust', async () => {
      const { a, b, spaceId } = await couple(get().app);
      const { journey: j } = await breach(b, spaceId, { kind: 'lying', brokeTrust: [a.id] });
      const asA = await journey(a, j.id);
      assert.equal(asA.forgiveness, null);
      const asB = await journey(b, j.id);
      assert.equal(asB.forgiveness.offered, false);
      assert.equal(asB.forgiveness.requiredWeeks, 4);
      assert.equal((await a.api.post(`/api/v1/journeys/${j.id}/entries`, { prompt: 'forgiveness_reflection', text: 'x' })).statusCode, 403);
      assert.equal((await b.api.post(`/api/v1/journeys/${j.id}/entries`, { prompt: 'forgiveness_reflection', text: 'x' })).statusCode, 409);
      assert.equal((await a.api.post(`/api/v1/journeys/${j.id}/forgiveness/open`)).statusCode, 403);

      const opened = await b.api.post(`/api/v1/journeys/${j.id}/forgiveness/open`);
      assert.equal(opened.statusCode, 200);
      assert.equal(json(opened).journey.steps[6].status, 'open');
      // The early choice is private: the partner's view does not change.
      assert.equal((await journey(a, j.id)).steps[6].status, 'locked');
      assert.equal(
        (
          await b.api.post(`/api/v1/journeys/${j.id}/entries`, {
            prompt: 'forgiveness_reflection',
            text: 'Where I am',
            visibility: 'shared',
          })
        ).statusCode,
        400,
      );
      assert.equal(
        (await b.api.post(`/api/v1/journeys/${j.id}/entries`, { prompt: 'forgiveness_reflection', text: 'Where I am' })).statusCode,
        201,
      );
      const statement = json(
        await b.api.post(`/api/v1/journeys/${j.id}/entries`, {
          prompt: 'forgiveness_statement',
          text: 'I forgive you.',
          visibility: 'private',
        }),
      ).entry;
      assert.equal((await journey(b, j.id)).steps[6].status, 'open');
      await b.api.put(`/api/v1/entries/${statement.id}/visibility`, { visibility: 'shared' });
      assert.equal((await journey(b, j.id)).steps[6].status, 'done');
      assert.equal((await journey(a, j.id)).steps[6].status, 'done');
      assert.doesNotMatch((await a.api.get(`/api/v1/journeys/${j.id}/entries`)).body, /Where I am/);
    });

    test('a solo journey completes what does not need the partner, and says what waits for them', async () => {
      const app = get().app;
      const solo = await signUp(app, 'Jo');
      const spaceId = json(await solo.api.post('/api/v1/spaces', {})).space.id;
      const { journey: j, breach: b } = await breach(solo, spaceId, { kind: 'broken_promise', brokeTrust: ['absent-partner'] });
      assert.deepEqual(j.steps[0], {
        number: 1,
        key: 'acknowledge',
        status: 'open',
        waitingFor: [
          { who: 'you', accountId: solo.id, task: 'acknowledge' },
          { who: 'partner', accountId: null, task: 'acknowledge' },
        ],
      });
      await solo.api.post(`/api/v1/journeys/${j.id}/acknowledgements`);
      await solo.api.post(`/api/v1/journeys/${j.id}/entries`, {
        prompt: 'what_hurts',
        text: 'I need you to keep your word',
        visibility: 'private',
      });
      const agreement = await solo.api.post(`/api/v1/spaces/${spaceId}/agreements`, {
        text: 'I say what I need out loud',
        committedBy: [solo.id],
        cadence: 'weekly',
      });
      assert.equal(json(agreement).agreement.status, 'active');
      const view = await journey(solo, j.id);
      assert.equal(statusOf(view), 'done done done open open open locked');
      assert.ok(view.waitingForPartner.some((w: { task: string }) => w.task === 'join_space'));

      // When the partner joins, they take the absent partner's place.
      const partner = await signUp(app, 'Kim');
      const { code } = json(await solo.api.post(`/api/v1/spaces/${spaceId}/invitations`, {})).invitation;
      await partner.api.post(`/api/v1/invitations/${code}/accept`);
      const joined = await journey(partner, j.id);
      assert.deepEqual(joined.breach.brokeTrust, [partner.id]);
      assert.equal(joined.breach.id, b.id);
      assert.equal(joined.role, 'broke_trust');
      assert.equal(joined.steps[0].status, 'open', 'step 1 now waits for the partner');
    });
  },
  { clock },
);
