import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { CADENCES } from '../../core/journey/index.js';
import { MAX_PAGE_SIZE } from '../../core/paging/cursor.js';
import { AGREEMENT_KEY, AGREEMENT_TEXT_MAX, HISTORY_KEY, type AgreementView } from './service.js';
import { act } from '../act.js';
import { acceptAgreement, counterAgreement, proposeAgreement, withdrawAgreement } from './actions.js';
import { requireAuth } from '../../platform/http/plugins/auth.js';
import { NextLink, nextLink, Paged, PageQuery, pageRequest } from '../../platform/http/api-paging.js';
import { bearer, CalendarDate as Date_, errors, Id, Instant } from '../../platform/http/api-schemas.js';

const Cadence = Type.Union(
  CADENCES.map((c) => Type.Literal(c)),
  {
    description: 'each_time (on each occasion it comes up), daily, weekly, or once.',
  },
);

export const Agreement = Type.Object({
  id: Id,
  spaceId: Id,
  journeyId: Type.Union([Id, Type.Null()]),
  text: Type.String({ description: 'A concrete, observable behaviour.' }),
  committedBy: Type.Array(Id),
  cadence: Cadence,
  reviewOn: Type.Union([Date_, Type.Null()]),
  status: Type.Union([Type.Literal('proposed'), Type.Literal('active'), Type.Literal('countered'), Type.Literal('withdrawn')]),
  proposedBy: Id,
  proposedAt: Instant,
  acceptedBy: Type.Union([Id, Type.Null()]),
  acceptedAt: Type.Union([Instant, Type.Null()]),
  replaces: Type.Union([Id, Type.Null()], { description: 'The proposal this one countered.' }),
  replacedBy: Type.Union([Id, Type.Null()], { description: 'The counter-proposal that replaced this one.' }),
  withdrawnAt: Type.Union([Instant, Type.Null()]),
  transparency: Type.Boolean({
    description:
      'A transparency agreement: something one partner chooses to tell the other, with both partners’ consent, until reviewOn (its end, at most 12 weeks after it was proposed). Never monitoring.',
  }),
});

const Committed = Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { minItems: 1, maxItems: 2 });

export function agreementDto(a: AgreementView) {
  return {
    id: a.id,
    spaceId: a.spaceId,
    journeyId: a.journeyId,
    text: a.text,
    committedBy: [...a.committedBy],
    cadence: a.cadence,
    reviewOn: a.reviewOn,
    status: a.status,
    proposedBy: a.proposedBy,
    proposedAt: a.proposedAt,
    acceptedBy: a.acceptedBy,
    acceptedAt: a.acceptedAt,
    replaces: a.replaces,
    replacedBy: a.replacedBy,
    withdrawnAt: a.withdrawnAt,
    transparency: a.transparency,
  };
}

export async function agreementRoutes(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const ctx = app.mend;
  const AgreementParams = Type.Object({ agreementId: Id });
  const tags = ['agreements'];

  api.post(
    '/spaces/:spaceId/agreements',
    {
      schema: {
        summary: 'Propose an agreement',
        description:
          'Belongs to journeyId, or by default to the space’s newest open journey, whose step 3 must be open. In a space ' +
          'where the partner has not joined yet, a commitment of your own is active at once.',
        tags,
        security: bearer,
        params: Type.Object({ spaceId: Id }),
        body: Type.Object(
          {
            text: Type.String({ minLength: 1, maxLength: AGREEMENT_TEXT_MAX }),
            committedBy: Committed,
            cadence: Cadence,
            reviewOn: Type.Optional(Type.Union([Date_, Type.Null()])),
            journeyId: Type.Optional(Id),
            transparency: Type.Optional(
              Type.Boolean({ description: 'A transparency agreement: reviewOn is then required, its end, at most 12 weeks ahead.' }),
            ),
          },
          { additionalProperties: false },
        ),
        response: { 201: Type.Object({ agreement: Agreement }), ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const { account } = requireAuth(request);
      const agreement = await act(ctx, proposeAgreement(ctx, account, request.params.spaceId, request.body));
      return reply.status(201).send({ agreement: agreementDto(agreement) });
    },
  );

  api.get(
    '/spaces/:spaceId/agreements',
    {
      schema: {
        summary: 'The agreements of the space, every status, newest first, a page at a time',
        description: 'A counter-proposal is an agreement of its own; `replaces` and `replacedBy` link the proposals of one negotiation.',
        tags,
        security: bearer,
        params: Type.Object({ spaceId: Id }),
        querystring: PageQuery,
        response: { 200: Paged('agreements', Agreement), ...errors(400, 401, 404) },
      },
    },
    async (request) => {
      const { account } = requireAuth(request);
      const at = pageRequest(request.query, AGREEMENT_KEY.length);
      const page = await ctx.agreements.list(account, request.params.spaceId, at);
      return { agreements: page.items.map(agreementDto), next: nextLink(request, page, at.size) };
    },
  );

  api.get(
    '/agreements/:agreementId',
    {
      schema: {
        summary: 'An agreement and the proposals that led to it, oldest first',
        description:
          `\`history\` is the agreement and each proposal it countered, oldest first: the newest ${MAX_PAGE_SIZE} of them. ` +
          '`historyNext` is null unless the negotiation is longer; then it is the next (older) page of `GET /agreements/{agreementId}/history`.',
        tags,
        security: bearer,
        params: AgreementParams,
        response: {
          200: Type.Object({ agreement: Agreement, history: Type.Array(Agreement), historyNext: NextLink }),
          ...errors(401, 404),
        },
      },
    },
    async (request) => {
      const { account } = requireAuth(request);
      const { agreement, history, next } = await ctx.agreements.get(account, request.params.agreementId);
      request.viewedSpaceId = agreement.spaceId;
      const historyNext = nextLink(request, { items: history, next }, MAX_PAGE_SIZE, `${request.url.split('?')[0]!}/history`);
      return { agreement: agreementDto(agreement), history: history.map(agreementDto), historyNext };
    },
  );

  api.get(
    '/agreements/:agreementId/history',
    {
      schema: {
        summary: 'The proposals that led to an agreement, newest first, a page at a time',
        description: 'The agreement itself first, then each proposal it countered, following `replaces` back.',
        tags,
        security: bearer,
        params: AgreementParams,
        querystring: PageQuery,
        response: { 200: Paged('history', Agreement), ...errors(400, 401, 404) },
      },
    },
    async (request) => {
      const { account } = requireAuth(request);
      const at = pageRequest(request.query, HISTORY_KEY.length);
      const page = await ctx.agreements.history(account, request.params.agreementId, at);
      request.viewedSpaceId = page.spaceId;
      return { history: page.items.map(agreementDto), next: nextLink(request, page, at.size) };
    },
  );

  api.post(
    '/agreements/:agreementId/accept',
    {
      schema: {
        summary: 'Accept your partner’s proposal (it becomes active)',
        tags,
        security: bearer,
        params: AgreementParams,
        response: { 200: Type.Object({ agreement: Agreement }), ...errors(401, 403, 404, 409) },
      },
    },
    async (request) => {
      const { account } = requireAuth(request);
      const agreement = await act(ctx, acceptAgreement(ctx, account, request.params.agreementId));
      return { agreement: agreementDto(agreement) };
    },
  );

  api.post(
    '/agreements/:agreementId/counter',
    {
      schema: {
        summary: 'Counter your partner’s proposal with an edit',
        description: 'A new proposal replaces it; the old one keeps its text with status "countered". Fields left out keep their values.',
        tags,
        security: bearer,
        params: AgreementParams,
        body: Type.Object(
          {
            text: Type.String({ minLength: 1, maxLength: AGREEMENT_TEXT_MAX }),
            committedBy: Type.Optional(Committed),
            cadence: Type.Optional(Cadence),
            reviewOn: Type.Optional(Type.Union([Date_, Type.Null()])),
          },
          { additionalProperties: false },
        ),
        response: { 201: Type.Object({ agreement: Agreement, replaced: Agreement }), ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const { account } = requireAuth(request);
      const { agreement, replaced } = await act(ctx, counterAgreement(ctx, account, request.params.agreementId, request.body));
      return reply.status(201).send({ agreement: agreementDto(agreement), replaced: agreementDto(replaced) });
    },
  );

  api.post(
    '/agreements/:agreementId/withdraw',
    {
      schema: {
        summary: 'Withdraw your own proposal before it is accepted or countered',
        tags,
        security: bearer,
        params: AgreementParams,
        response: { 200: Type.Object({ agreement: Agreement }), ...errors(401, 403, 404, 409) },
      },
    },
    async (request) => {
      const { account } = requireAuth(request);
      const agreement = await act(ctx, withdrawAgreement(ctx, account, request.params.agreementId));
      return { agreement: agreementDto(agreement) };
    },
  );
}
