import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ITEM_TEXT_MAX, KINDS, PHASES } from '../../core/daily-question/library.js';
import { requireAuth } from '../../platform/http/plugins/auth.js';
import { bearer, CalendarDate, errors, Id, Instant } from '../../platform/http/api-schemas.js';
import { nextLink, Paged, PageQuery, pageRequest } from '../../platform/http/api-paging.js';
import { isIsoDate } from '../../core/time.js';
import { fail } from '../../platform/errors.js';
import { act } from '../act.js';
import { answerDailyQuestion, skipDailyQuestion } from './actions.js';
import { ANSWER_MAX, type DailyQuestionView } from './service.js';

const literals = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)));
const QuestionId = Type.String({
  minLength: 3,
  maxLength: 41,
  pattern: '^[a-z][a-z0-9-]+$',
  description: 'The id of an item of the library.',
});

const DailyQuestion = Type.Object({
  spaceId: Id,
  day: CalendarDate,
  mode: Type.Union([Type.Literal('pair'), Type.Literal('solo')], {
    description: '`pair` when two partners share the space (both answers open together); `solo` for one person alone (private).',
  }),
  question: Type.Object({
    id: QuestionId,
    phase: literals(PHASES),
    kind: literals(KINDS),
    text: Type.String({ maxLength: ITEM_TEXT_MAX }),
  }),
  own: Type.Union([
    Type.Object({
      state: Type.Union([Type.Literal('answered'), Type.Literal('skipped')]),
      text: Type.Union([Type.String(), Type.Null()], { description: 'Null when skipped (or when the stored words fail their check).' }),
      at: Instant,
    }),
    Type.Null(),
  ]),
  open: Type.Boolean({ description: 'Both partners answered: both answers are open to both.' }),
  partners: Type.Array(
    Type.Object({
      accountId: Id,
      displayName: Type.String(),
      state: Type.Union([Type.Literal('none'), Type.Literal('sealed'), Type.Literal('open')], {
        description:
          '`none`: no answer (a skip looks the same); `sealed`: they answered, and it opens when you answer; `open`: both answered.',
      }),
      text: Type.Optional(Type.String({ description: 'Only when `open`.' })),
      at: Type.Optional(Instant),
    }),
  ),
});

const dto = (v: DailyQuestionView) => ({
  spaceId: v.spaceId,
  day: v.day,
  mode: v.mode,
  question: { id: v.question.id, phase: v.question.phase, kind: v.question.kind, text: v.question.text },
  own: v.own,
  open: v.open,
  partners: v.partners.map((p) =>
    p.state === 'open'
      ? { accountId: p.accountId, displayName: p.displayName, state: p.state, text: p.text, at: p.at }
      : { accountId: p.accountId, displayName: p.displayName, state: p.state },
  ),
});

const tags = ['daily question'];
const params = Type.Object({ spaceId: Id });
const Answer = Type.Object({ dailyQuestion: DailyQuestion });

/**
 * The daily question (issue #25; docs/daily-question.md): today's question in the caller's time
 * zone, their answer or skip, and an earlier day read back. Partners only: 403 for a therapist,
 * 404 for anyone else. A partner's words are in an answer only once both answered.
 */
export async function dailyQuestionRoutes(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const ctx = app.mend;

  api.get(
    '/spaces/:spaceId/daily-question',
    {
      schema: {
        summary: 'Today’s question',
        description:
          'The day’s question or small exercise, chosen by the couple’s phase of repair (the same for both partners that day), with your answer and what you may see of your partner’s: only that they answered until you answer too, then their words. A person alone in the space gets a reflective question that only they read.',
        tags,
        security: bearer,
        params,
        response: { 200: Answer, ...errors(401, 403, 404) },
      },
    },
    async (request) => {
      const { account } = requireAuth(request);
      return { dailyQuestion: dto(await ctx.dailyQuestions.todays(account, request.params.spaceId)) };
    },
  );

  api.post(
    '/spaces/:spaceId/daily-question/answer',
    {
      schema: {
        summary: 'Answer today’s question',
        description:
          'Your answer to today’s question (`questionId` must be today’s: 400 otherwise). An answer is final: a second one is refused (400); an answer after a skip is taken. Nobody is notified: the pair opens for both when the second partner answers. An answer for two sends `daily_answer` `{kind, day}` on the space’s event stream to the partners only (never a therapist), so an open view can read the day again; it carries no text. Solo answers are private to you and send nothing.',
        tags,
        security: bearer,
        params,
        body: Type.Object(
          { questionId: QuestionId, text: Type.String({ minLength: 1, maxLength: ANSWER_MAX * 2 }) },
          { additionalProperties: false },
        ),
        response: { 200: Answer, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const { account } = requireAuth(request);
      const { questionId, text } = request.body;
      return { dailyQuestion: dto(await act(ctx, answerDailyQuestion(ctx, account, request.params.spaceId, questionId, text))) };
    },
  );

  api.post(
    '/spaces/:spaceId/daily-question/skip',
    {
      schema: {
        summary: 'Leave today’s question',
        description:
          'Nobody learns of it (to your partner it looks like no answer, and no live event is sent), nothing is counted, and you can still answer it today.',
        tags,
        security: bearer,
        params,
        body: Type.Object({ questionId: QuestionId }, { additionalProperties: false }),
        response: { 200: Answer, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const { account } = requireAuth(request);
      return { dailyQuestion: dto(await act(ctx, skipDailyQuestion(ctx, account, request.params.spaceId, request.body.questionId))) };
    },
  );

  api.get(
    '/spaces/:spaceId/daily-question/days',
    {
      schema: {
        summary: 'The days you answered',
        description:
          'The earlier days (before today, in your own time zone) on which you answered the question, newest first, a page at a time: each day’s question and pair are at `/daily-question/{day}`. Only your own days: a day only your partner answered, or one you skipped, is not listed. Partners only.',
        tags,
        security: bearer,
        params,
        querystring: PageQuery,
        response: { 200: Paged('days', CalendarDate), ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const { account } = requireAuth(request);
      const page = pageRequest(request.query, 1);
      const before = page.after?.[0];
      if (before !== undefined && !isIsoDate(before))
        fail('invalid_input', { cursor: 'This cursor is not one Mend gave. Start again without it, from the first page.' });
      const earlier = await ctx.dailyQuestions.earlierDays(account, request.params.spaceId, before, page.size);
      const last = earlier.days.at(-1);
      return {
        days: earlier.days,
        next: nextLink(request, { items: earlier.days, next: earlier.more && last ? [last] : null }, page.size),
      };
    },
  );

  api.get(
    '/spaces/:spaceId/daily-question/:day',
    {
      schema: {
        summary: 'An earlier day’s question and its pair',
        description:
          'A day you answered or skipped (404 otherwise), with your partner’s answer only if you both answered. Days are in your own time zone.',
        tags,
        security: bearer,
        params: Type.Object({ spaceId: Id, day: CalendarDate }),
        response: { 200: Answer, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const { account } = requireAuth(request);
      return { dailyQuestion: dto(await ctx.dailyQuestions.ofDay(account, request.params.spaceId, request.params.day)) };
    },
  );
}
