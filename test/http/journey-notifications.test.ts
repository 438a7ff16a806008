import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { describeEachDatabase, json } from '../support/app.js';
import { acceptedAgreement, couple, journeyAtStep2, type Person } from '../support/api-client.js';
import { activeTherapist, pagesAs } from '../support/live-people.js';
import { NOTIFICATION_MESSAGES } from '../../src/core/notification-types.js';
import { localDate } from '../../src/core/time.js';
import { safeNotification, viewerOf } from '../../src/core/visibility/index.js';

/**
 * The apology, agreements, questions, the trigger log and the agreement log's disputes tell the
 * partner concerned (issue #17) — the same through the API and through the page forms, never the
 * one who acted, never a therapist, and never in anyone's words.
 */

type Door = 'api' | 'page';
const DOORS: Door[] = ['api', 'page'];
const M = NOTIFICATION_MESSAGES;

async function told(p: Person): Promise<{ messages: string[]; body: string }> {
  const res = await p.api.get('/api/v1/me/notifications');
  assert.equal(res.statusCode, 200, res.body);
  return { messages: json(res).notifications.map((n: { message: string }) => n.message), body: res.body };
}

/** Only `message` reached `to`; the others were told nothing of it; nobody's words are in any of it. */
async function onlyTold(to: Person, message: string, others: Person[], words: string[]): Promise<void> {
  const seen = await told(to);
  assert.ok(seen.messages.includes(message), `${to.displayName} was not told "${message}": ${JSON.stringify(seen.messages)}`);
  for (const o of others) assert.ok(!(await told(o)).messages.includes(message), `${o.displayName} was told "${message}"`);
  for (const p of [to, ...others]) {
    const { body } = await told(p);
    for (const w of words) assert.ok(!body.includes(w), 'a notification quotes what someone wrote');
  }
}

/** `a` broke trust; steps 1 and 2 done (apology delivered and answered), so step 3 is open. With an active therapist. */
async function atStep3(app: FastifyInstance) {
  const j = await journeyAtStep2(app);
  const t = await activeTherapist(app, j.a, j.b, j.spaceId);
  const apology = json(await j.a.api.post(`/api/v1/journeys/${j.journeyId}/apologies`, { text: 'I am sorry.' })).apology;
  assert.equal((await j.b.api.post(`/api/v1/apologies/${apology.id}/responses`, { received: true })).statusCode, 201);
  await j.a.api.post('/api/v1/me/notifications/read', {});
  await j.b.api.post('/api/v1/me/notifications/read', {});
  return { ...j, t };
}

const PARTS = {
  regret: 'REGRET-WORDS',
  responsibility: 'RESPONSIBILITY-WORDS',
  impact: 'IMPACT-WORDS',
  change: 'CHANGE-WORDS',
  repair: 'REPAIR-WORDS',
};

test('the policy lets a partner be told of a delivered apology, never of a draft (its author’s alone)', () => {
  const membership = { partnerIds: ['a', 'b'], therapist: { accountId: 't', active: true } };
  const draft = { type: 'apology_delivered', text: null };
  const about = (visibility: 'private' | 'shared') => ({ kind: 'apology' as const, id: 'x', authorId: 'a', visibility });
  assert.equal(safeNotification(viewerOf('b', membership), about('private'), draft), null);
  assert.equal(safeNotification(viewerOf('t', membership), about('private'), draft), null);
  assert.deepEqual(safeNotification(viewerOf('b', membership), about('shared'), draft), draft);
});

describeEachDatabase('journey notifications through both doors', (get) => {
  for (const door of DOORS) {
    test(`an apology delivered tells the partner it was written to; its answer tells its author (${door})`, async () => {
      const app = get().app;
      const { a, b, spaceId, journeyId } = await journeyAtStep2(app);
      const t = await activeTherapist(app, a, b, spaceId);
      let apologyId: string;
      if (door === 'api') {
        const res = await a.api.post(`/api/v1/journeys/${journeyId}/apologies`, { parts: PARTS });
        assert.equal(res.statusCode, 201, res.body);
        apologyId = json(res).apology.id;
      } else {
        const pa = await pagesAs(app, a);
        await pa.get(`/journeys/${journeyId}/apology`);
        const fields = Object.fromEntries(Object.entries(PARTS).map(([k, v]) => [`parts.${k}`, v]));
        const res = await pa.post(`/journeys/${journeyId}/apology`, { ...fields, action: 'deliver' });
        assert.equal(res.statusCode, 303, res.body);
        apologyId = json(await b.api.get(`/api/v1/journeys/${journeyId}/apologies`)).apologies[0].id;
      }
      await onlyTold(b, M.apology_delivered, [a, t], Object.values(PARTS));

      if (door === 'api') {
        assert.equal((await b.api.post(`/api/v1/apologies/${apologyId}/responses`, { received: true, sincere: true })).statusCode, 201);
      } else {
        const pb = await pagesAs(app, b);
        await pb.get(`/journeys/${journeyId}/apologies/${apologyId}/answer`);
        assert.equal((await pb.post(`/journeys/${journeyId}/apologies/${apologyId}/answer`, { sincere: 'yes' })).statusCode, 303);
      }
      await onlyTold(a, M.apology_answered, [b, t], Object.values(PARTS));
    });

    test(`an agreement proposed, countered and accepted tells the partner who must answer (${door})`, async () => {
      const app = get().app;
      const { a, b, t, spaceId, journeyId } = await atStep3(app);
      const words = ['FIRST-PROPOSAL-WORDS', 'COUNTER-WORDS'];
      let proposalId: string;
      if (door === 'api') {
        const res = await a.api.post(`/api/v1/spaces/${spaceId}/agreements`, {
          text: words[0],
          committedBy: [a.id],
          cadence: 'daily',
          journeyId,
        });
        assert.equal(res.statusCode, 201, res.body);
        proposalId = json(res).agreement.id;
      } else {
        const pa = await pagesAs(app, a);
        await pa.get(`/journeys/${journeyId}/agreements/new`);
        assert.equal(
          (await pa.post(`/journeys/${journeyId}/agreements`, { text: words[0]!, who: 'me', cadence: 'daily' })).statusCode,
          303,
        );
        proposalId = json(await a.api.get(`/api/v1/spaces/${spaceId}/agreements`)).agreements[0].id;
      }
      await onlyTold(b, M.agreement_proposed, [a, t], words);

      let counterId: string;
      if (door === 'api') {
        const res = await b.api.post(`/api/v1/agreements/${proposalId}/counter`, { text: words[1] });
        assert.equal(res.statusCode, 201, res.body);
        counterId = json(res).agreement.id;
      } else {
        const pb = await pagesAs(app, b);
        await pb.get(`/agreements/${proposalId}/counter`);
        assert.equal(
          (await pb.post(`/agreements/${proposalId}/counter`, { text: words[1]!, who: 'partner', cadence: 'daily' })).statusCode,
          303,
        );
        counterId = json(await b.api.get(`/api/v1/agreements/${proposalId}`)).agreement.replacedBy;
      }
      await onlyTold(a, M.agreement_countered, [b, t], words);

      if (door === 'api') assert.equal((await a.api.post(`/api/v1/agreements/${counterId}/accept`)).statusCode, 200);
      else {
        const pa = await pagesAs(app, a);
        await pa.get(`/journeys/${journeyId}/steps/3`);
        assert.equal((await pa.post(`/agreements/${counterId}/accept`, {})).statusCode, 303);
      }
      await onlyTold(b, M.agreement_accepted, [a, t], words);
    });

    test(`after an affair: a question and a trigger tell the partner; their answers tell whoever wrote them (${door})`, async () => {
      const app = get().app;
      const { a, b, spaceId } = await couple(app);
      const t = await activeTherapist(app, a, b, spaceId);
      const journeyId = json(await b.api.post(`/api/v1/spaces/${spaceId}/breaches`, { kind: 'emotional_affair', brokeTrust: [a.id] }))
        .journey.id as string;
      const words = ['QUESTION-WORDS', 'ANSWER-WORDS', 'TRIGGER-WORDS', 'RESPONSE-WORDS'];
      const write = async (p: Person, prompt: string, text: string, replyTo?: string): Promise<void> => {
        if (door === 'api') {
          const res = await p.api.post(`/api/v1/journeys/${journeyId}/entries`, { prompt, text, ...(replyTo ? { replyTo } : {}) });
          assert.equal(res.statusCode, 201, res.body);
          return;
        }
        const pages = await pagesAs(app, p);
        await pages.get(`/journeys/${journeyId}/${prompt.startsWith('trigger') ? 'triggers' : 'questions'}`);
        const res = await pages.post(`/journeys/${journeyId}/steps/5/entries`, { prompt, text, ...(replyTo ? { replyTo } : {}) });
        assert.equal(res.statusCode, 303, res.body);
      };
      const shared = async (prompt: string) => {
        const entries = json(await a.api.get(`/api/v1/journeys/${journeyId}/entries`)).entries as Array<{ id: string; prompt: string }>;
        return entries.find((e) => e.prompt === prompt)!.id;
      };

      await write(b, 'question', words[0]!);
      await onlyTold(a, M.question_asked, [b, t], words);
      await write(a, 'answer', words[1]!, await shared('question'));
      await onlyTold(b, M.question_answered, [a, t], words);
      await write(b, 'trigger', words[2]!);
      await onlyTold(a, M.trigger_logged, [b, t], words);
      await write(a, 'trigger_response', words[3]!, await shared('trigger'));
      await onlyTold(b, M.trigger_answered, [a, t], words);

      // A sealed half whose pair is still closed tells the partner only that it exists (issue #18;
      // test/http/sealed-half-notifications.test.ts), and nobody else anything.
      const before = await Promise.all([a, b, t].map(async (p) => (await told(p)).messages.length));
      assert.equal(
        (await a.api.post(`/api/v1/journeys/${journeyId}/entries`, { prompt: 'what_happened', text: 'SEALED-WORDS' })).statusCode,
        201,
      );
      const after = await Promise.all([a, b, t].map(async (p) => (await told(p)).messages.length));
      assert.deepEqual(after, [before[0], before[1]! + 1, before[2]]);
      await onlyTold(b, M.sealed_half_written, [a, t], [...words, 'SEALED-WORDS']);
    });

    test(`a date chosen for a question tells the partner who asked (${door})`, async () => {
      const app = get().app;
      const { a, b, spaceId } = await couple(app);
      const journeyId = json(await b.api.post(`/api/v1/spaces/${spaceId}/breaches`, { kind: 'emotional_affair', brokeTrust: [a.id] }))
        .journey.id as string;
      const question = json(await b.api.post(`/api/v1/journeys/${journeyId}/entries`, { prompt: 'question', text: 'WHEN-WORDS' })).entry;
      const until = localDate(new Date(Date.now() + 7 * 86_400_000), 'UTC');
      if (door === 'api') assert.equal((await a.api.post(`/api/v1/entries/${question.id}/deferral`, { until })).statusCode, 201);
      else {
        const pa = await pagesAs(app, a);
        await pa.get(`/journeys/${journeyId}/questions`);
        assert.equal((await pa.post(`/entries/${question.id}/defer`, { [`until-${question.id}`]: until })).statusCode, 303);
      }
      await onlyTold(b, M.question_dated, [a], ['WHEN-WORDS']);
    });

    test(`the agreement log: an occasion logged, confirmed or disputed tells the other partner (${door})`, async () => {
      const app = get().app;
      const { a, b, spaceId } = await couple(app);
      const t = await activeTherapist(app, a, b, spaceId);
      const agreementId = await acceptedAgreement(a, b, spaceId, 'I call when I am late.', [a.id]);
      const today = localDate(new Date(), 'UTC');
      const log = async (): Promise<string> => {
        if (door === 'api') {
          const res = await a.api.post(`/api/v1/agreements/${agreementId}/log`, {
            occurredOn: today,
            kept: true,
            note: { text: 'LOG-NOTE-WORDS', visibility: 'shared' },
          });
          assert.equal(res.statusCode, 201, res.body);
          return json(res).logEntry.id;
        }
        const pa = await pagesAs(app, a);
        await pa.get(`/spaces/${spaceId}/agreement-log`);
        const res = await pa.post(`/spaces/${spaceId}/agreement-log/${agreementId}`, {
          occurredOn: today,
          kept: 'yes',
          note: 'LOG-NOTE-WORDS',
          visibility: 'shared',
        });
        assert.equal(res.statusCode, 303, res.body);
        return json(await a.api.get(`/api/v1/spaces/${spaceId}/agreement-log`)).logEntries[0].id;
      };
      const review = async (id: string, how: 'confirm' | 'dispute'): Promise<void> => {
        if (door === 'api') {
          assert.equal(
            (await b.api.post(`/api/v1/agreement-log/${id}/${how}`, { note: { text: 'REVIEW-WORDS', visibility: 'shared' } })).statusCode,
            200,
          );
          return;
        }
        const pb = await pagesAs(app, b);
        await pb.get(`/spaces/${spaceId}/agreement-log`);
        assert.equal(
          (
            await pb.post(`/spaces/${spaceId}/agreement-log/entries/${id}/review`, {
              review: how === 'confirm' ? 'confirmed' : 'disputed',
              note: 'REVIEW-WORDS',
            })
          ).statusCode,
          303,
        );
      };
      const words = ['LOG-NOTE-WORDS', 'REVIEW-WORDS'];
      const first = await log();
      await onlyTold(b, M.agreement_logged, [a, t], words);
      await review(first, 'dispute');
      await onlyTold(a, M.agreement_log_disputed, [b, t], words);
      await b.api.post('/api/v1/me/notifications/read', {});
      const second = await log();
      await review(second, 'confirm');
      await onlyTold(a, M.agreement_log_confirmed, [b, t], words);
    });
  }
});
