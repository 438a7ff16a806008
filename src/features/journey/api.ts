import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { JourneySummary as Summary, JourneyView } from './service.js';
import { requireAuth } from '../../platform/http/plugins/auth.js';
import {
  Apology,
  ApologyBody,
  ApologyResponse,
  ApologyResponseBody,
  Breach,
  BreachBody,
  BreachDatesBody,
  Date_,
  Entry,
  EntryBody,
  Journey,
  JourneySummary,
  VisibilityValue,
} from './api-schemas.js';
import { bearer, errors, Id, Instant, NoContent } from '../../platform/http/api-schemas.js';
import { APOLOGY_KEY, ENTRY_KEY, JOURNEY_KEY } from './service.js';
import { act } from '../act.js';
import * as journeyActions from './actions.js';
import { nextLink, PageQuery, Paged, pageRequest } from '../../platform/http/api-paging.js';

/** Steps with mutable arrays, as the response type wants them. */
export function stepsDto(steps: Summary['steps']) {
  return steps.map((s) => ({
    number: s.number,
    key: s.key,
    status: s.status,
    ...(s.waitingFor ? { waitingFor: s.waitingFor.map((w) => ({ ...w })) } : {}),
  }));
}

export function summaryDto(s: Summary) {
  return {
    id: s.id,
    spaceId: s.spaceId,
    breachId: s.breachId,
    kind: s.kind,
    openedAt: s.openedAt,
    closedAt: s.closedAt,
    steps: stepsDto(s.steps),
  };
}

/** The journey as the API shows it: the status flattened beside the journey's own fields. */
export function journeyDto(view: JourneyView) {
  const { status, timeline } = view;
  return {
    id: view.id,
    spaceId: view.spaceId,
    breachId: view.breachId,
    kind: view.kind,
    openedAt: view.openedAt,
    closedAt: view.closedAt,
    steps: stepsDto(view.steps),
    breach: view.breach,
    role: status.role,
    solo: status.solo,
    afterCheating: status.afterCheating,
    waitingForPartner: status.waitingForPartner.map((w) => ({ ...w })),
    sealedWaiting: [...status.sealedWaiting],
    forgiveness: status.forgiveness,
    therapyRecommended: status.therapyRecommended,
    timeline: {
      elapsedDays: timeline.elapsedDays,
      elapsedWeeks: timeline.elapsedWeeks,
      elapsedMonths: timeline.elapsedMonths,
      usualRange: { ...timeline.range },
      position: timeline.position,
      countsFrom: timeline.countsFrom,
      since: timeline.since,
    },
    questions: view.questions,
    triggers: view.triggers,
    openedPairs: view.openedPairs,
  };
}

export async function journeyRoutes(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const ctx = app.mend;
  const SpaceParams = Type.Object({ spaceId: Id });
  const JourneyParams = Type.Object({ journeyId: Id });
  const EntryParams = Type.Object({ entryId: Id });
  const tags = ['journeys'];

  api.post(
    '/spaces/:spaceId/breaches',
    {
      schema: {
        summary: 'Record what broke trust; a journey opens with it',
        description:
          'brokeTrust names one partner or both. In a space where the partner has not joined yet, "absent-partner" stands for them.',
        tags,
        security: bearer,
        params: SpaceParams,
        body: BreachBody,
        response: { 201: Type.Object({ breach: Breach, journey: Journey }), ...errors(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const { account } = requireAuth(request);
      const result = await act(ctx, journeyActions.recordBreach(ctx, account, request.params.spaceId, request.body));
      return reply.status(201).send({ breach: result.breach, journey: journeyDto(result.journey) });
    },
  );

  api.get(
    '/spaces/:spaceId/journeys',
    {
      schema: {
        summary: 'Every journey of the space, past and present, newest first, a page at a time',
        tags,
        security: bearer,
        params: SpaceParams,
        querystring: PageQuery,
        response: { 200: Paged('journeys', JourneySummary), ...errors(400, 401, 404) },
      },
    },
    async (request) => {
      const { account } = requireAuth(request);
      const at = pageRequest(request.query, JOURNEY_KEY.length);
      const page = await ctx.journeys.page(account, request.params.spaceId, at);
      return { journeys: page.items.map(summaryDto), next: nextLink(request, page, at.size) };
    },
  );

  api.get(
    '/journeys/:journeyId',
    {
      schema: {
        summary: 'A journey and its seven steps, as you see them',
        tags,
        security: bearer,
        params: JourneyParams,
        response: { 200: Type.Object({ journey: Journey }), ...errors(401, 404) },
      },
    },
    async (request) => {
      const { account } = requireAuth(request);
      const view = await ctx.journeys.journey(account, request.params.journeyId);
      // The therapist access log (plugins/therapist-access-log.ts) needs to know the space.
      request.viewedSpaceId = view.spaceId;
      return { journey: journeyDto(view) };
    },
  );

  api.put(
    '/journeys/:journeyId/breach-dates',
    {
      schema: {
        summary: 'Correct when the breach happened or came out',
        description:
          'Either partner may correct these dates; the time in the journey counts from when it came out, else when it happened, else when it was recorded. Both are given; null means not known. Neither may be in the future, more than 60 years back, nor may it come out before it happened.',
        tags,
        security: bearer,
        params: JourneyParams,
        body: BreachDatesBody,
        response: { 200: Type.Object({ breach: Breach, journey: Journey }), ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const { account } = requireAuth(request);
      const view = await act(ctx, journeyActions.correctBreachDates(ctx, account, request.params.journeyId, request.body));
      return { breach: view.breach, journey: journeyDto(view) };
    },
  );

  api.post(
    '/journeys/:journeyId/entries',
    {
      schema: {
        summary: 'Write an entry for one of the journey’s exercises',
        description:
          'visibility is the author’s choice and has no default: it may be left out only when the prompt allows a single one (a sealed prompt, a private reflection, a question or answer that is always shared); otherwise leaving it out is a 400 with details.visibility. Answers and trigger responses name the entry they reply to in replyTo.',
        tags,
        security: bearer,
        params: JourneyParams,
        body: EntryBody,
        response: { 201: Type.Object({ entry: Entry }), ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const { account } = requireAuth(request);
      const entry = await act(ctx, journeyActions.writeEntry(ctx, account, request.params.journeyId, request.body));
      return reply.status(201).send({ entry });
    },
  );

  api.get(
    '/journeys/:journeyId/entries',
    {
      schema: {
        summary: 'The journey’s entries you may see, newest first, a page at a time',
        description:
          'A sealed entry you may not open yet appears as {id, authorId, prompt, sealed: true}, without text. Entries you may not see take no place on a page.',
        tags,
        security: bearer,
        params: JourneyParams,
        querystring: PageQuery,
        response: { 200: Paged('entries', Entry), ...errors(400, 401, 404) },
      },
    },
    async (request) => {
      const { account } = requireAuth(request);
      const at = pageRequest(request.query, ENTRY_KEY.length);
      const { spaceId, page } = await ctx.journeys.entriesPage(account, request.params.journeyId, at);
      request.viewedSpaceId = spaceId;
      return { entries: page.items, next: nextLink(request, page, at.size) };
    },
  );

  api.put(
    '/entries/:entryId/visibility',
    {
      schema: {
        summary: 'Share a private entry',
        description: 'Private may become shared; shared never becomes private again (delete it instead). Author only.',
        tags,
        security: bearer,
        params: EntryParams,
        body: Type.Object({ visibility: VisibilityValue }, { additionalProperties: false }),
        response: { 200: Type.Object({ entry: Entry }), ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const { account } = requireAuth(request);
      const entry = await act(ctx, journeyActions.changeVisibility(ctx, account, request.params.entryId, request.body.visibility));
      return { entry };
    },
  );

  api.delete(
    '/entries/:entryId',
    {
      schema: {
        summary: 'Delete your own entry',
        tags,
        security: bearer,
        params: EntryParams,
        response: { 204: NoContent, ...errors(401, 403, 404) },
      },
    },
    async (request, reply) => {
      const { account } = requireAuth(request);
      await act(ctx, journeyActions.deleteEntry(ctx, account, request.params.entryId));
      return reply.status(204).send(null);
    },
  );

  api.post(
    '/journeys/:journeyId/acknowledgements',
    {
      schema: {
        summary: '“I acknowledge that trust was broken.”',
        description: 'Saying it again keeps the first time.',
        tags,
        security: bearer,
        params: JourneyParams,
        response: { 201: Type.Object({ acknowledgement: Type.Object({ accountId: Id, createdAt: Instant }) }), ...errors(401, 403, 404) },
      },
    },
    async (request, reply) => {
      const { account } = requireAuth(request);
      const acknowledgement = await act(ctx, journeyActions.acknowledge(ctx, account, request.params.journeyId));
      return reply.status(201).send({ acknowledgement });
    },
  );

  api.get(
    '/journeys/:journeyId/apologies',
    {
      schema: {
        summary: 'The journey’s delivered apologies and their answers, newest first, a page at a time',
        tags,
        security: bearer,
        params: JourneyParams,
        querystring: PageQuery,
        response: { 200: Paged('apologies', Apology), ...errors(400, 401, 404) },
      },
    },
    async (request) => {
      const { account } = requireAuth(request);
      const at = pageRequest(request.query, APOLOGY_KEY.length);
      const { spaceId, page } = await ctx.journeys.apologiesPage(account, request.params.journeyId, at);
      request.viewedSpaceId = spaceId;
      return { apologies: page.items, next: nextLink(request, page, at.size) };
    },
  );

  api.post(
    '/journeys/:journeyId/apologies',
    {
      schema: {
        summary: 'Deliver an apology (the partner who broke trust only)',
        tags,
        security: bearer,
        params: JourneyParams,
        body: ApologyBody,
        response: { 201: Type.Object({ apology: Apology }), ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const { account } = requireAuth(request);
      const apology = await act(ctx, journeyActions.deliverApology(ctx, account, request.params.journeyId, request.body));
      return reply.status(201).send({ apology });
    },
  );

  api.post(
    '/apologies/:apologyId/responses',
    {
      schema: {
        summary: 'Answer an apology (the partner it was written to only)',
        description: 'Received; optionally felt sincere; optionally naming the parts that were missing. Answering is not forgiving.',
        tags,
        security: bearer,
        params: Type.Object({ apologyId: Id }),
        body: ApologyResponseBody,
        response: { 201: Type.Object({ response: ApologyResponse }), ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const { account } = requireAuth(request);
      const response = await act(ctx, journeyActions.respondToApology(ctx, account, request.params.apologyId, request.body));
      return reply.status(201).send({ response });
    },
  );

  api.post(
    '/journeys/:journeyId/forgiveness/open',
    {
      schema: {
        summary: 'Open step 7 now, by your own choice (the partner who was hurt only)',
        description: 'Private to you. Mend never asks anyone to do this.',
        tags,
        security: bearer,
        params: JourneyParams,
        response: { 200: Type.Object({ journey: Journey }), ...errors(401, 403, 404) },
      },
    },
    async (request) => {
      const { account } = requireAuth(request);
      return { journey: journeyDto(await act(ctx, journeyActions.openForgivenessEarly(ctx, account, request.params.journeyId))) };
    },
  );

  api.post(
    '/entries/:entryId/deferral',
    {
      schema: {
        summary: '“Not now, but I will by <date>” for a question (after an affair)',
        description: 'Once per question. Answer it later with an entry {prompt: "answer", replyTo: <question id>}.',
        tags,
        security: bearer,
        params: EntryParams,
        body: Type.Object({ until: Date_ }, { additionalProperties: false }),
        response: {
          201: Type.Object({ deferral: Type.Object({ questionId: Id, until: Date_, createdAt: Instant }) }),
          ...errors(400, 401, 403, 404, 409),
        },
      },
    },
    async (request, reply) => {
      const { account } = requireAuth(request);
      const deferral = await act(ctx, journeyActions.deferQuestion(ctx, account, request.params.entryId, request.body.until));
      return reply.status(201).send({ deferral });
    },
  );
}
