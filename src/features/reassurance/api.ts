import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { ReassuranceView } from './service.js';
import { requireAuth } from '../../platform/http/plugins/auth.js';
import { REASSURANCE_KEY } from './cursor-key.js';
import { nextLink, PageQuery, Paged, pageRequest } from '../../platform/http/api-paging.js';
import { ReassuranceRequest, TextIn } from '../progress/index.js';
import { bearer, errors, Id } from '../../platform/http/api-schemas.js';
import { act } from '../act.js';
import { answerReassurance, askForReassurance } from './actions.js';

export const reassuranceDto = (r: ReassuranceView) => ({
  id: r.id,
  requestedBy: r.requestedBy,
  note: r.note,
  createdAt: r.createdAt,
  answeredBy: r.answeredBy,
  answer: r.answer,
  answeredAt: r.answeredAt,
});

/** Calls for reassurance and their answers (API.md "Check-ins and progress"). */
export async function reassuranceRoutes(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const ctx = app.mend;
  const SpaceParams = Type.Object({ spaceId: Id });

  api.post(
    '/spaces/:spaceId/reassurance-requests',
    {
      schema: {
        summary: 'Ask your partner for reassurance',
        description:
          'Refused with 409 (conflict) while no other partner is in the space to answer: nobody has joined yet, or the partner left.',
        tags: ['check-ins'],
        security: bearer,
        params: SpaceParams,
        body: Type.Object({ note: Type.Optional(Type.Union([TextIn, Type.Null()])) }, { additionalProperties: false }),
        response: { 201: Type.Object({ reassuranceRequest: ReassuranceRequest }), ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const { account } = requireAuth(request);
      const r = await act(ctx, askForReassurance(ctx, account, request.params.spaceId, request.body.note));
      return reply.status(201).send({ reassuranceRequest: reassuranceDto(r) });
    },
  );

  api.get(
    '/spaces/:spaceId/reassurance-requests',
    {
      schema: {
        summary: 'Calls for reassurance in the space, newest first, a page at a time',
        tags: ['check-ins'],
        security: bearer,
        params: SpaceParams,
        querystring: PageQuery,
        response: { 200: Paged('reassuranceRequests', ReassuranceRequest), ...errors(400, 401, 404) },
      },
    },
    async (request) => {
      const { account } = requireAuth(request);
      const at = pageRequest(request.query, REASSURANCE_KEY.length);
      const page = await ctx.rhythm.reassurance.list(account.id, request.params.spaceId, at);
      return { reassuranceRequests: page.items.map(reassuranceDto), next: nextLink(request, page, at.size) };
    },
  );

  api.post(
    '/reassurance-requests/:requestId/answer',
    {
      schema: {
        summary: 'Answer your partner’s call for reassurance',
        description: 'The answer is shared with your partner (and an active therapist).',
        tags: ['check-ins'],
        security: bearer,
        params: Type.Object({ requestId: Id }),
        body: Type.Object({ text: Type.String({ minLength: 1, maxLength: 2000 }) }, { additionalProperties: false }),
        response: { 200: Type.Object({ reassuranceRequest: ReassuranceRequest }), ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const { account } = requireAuth(request);
      const answered = await act(ctx, answerReassurance(ctx, account, request.params.requestId, request.body.text));
      return { reassuranceRequest: reassuranceDto(answered) };
    },
  );
}
