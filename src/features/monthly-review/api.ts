import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { requireAuth } from '../../platform/http/plugins/auth.js';
import { MonthString } from '../progress/index.js';
import { bearer, errors, Id } from '../../platform/http/api-schemas.js';
import { act } from '../act.js';
import { saveMonthlyReview } from './actions.js';

/** A partner's monthly progress review (API.md "Check-ins and progress"). */
export async function monthlyReviewRoutes(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const ctx = app.mend;

  api.put(
    '/spaces/:spaceId/monthly-reviews/:month',
    {
      schema: {
        summary: 'Your monthly progress review',
        description:
          'Rate 1–5: "We communicate more openly", "I feel closer", "There is mutual respect and understanding". 201 the first time in a month, 200 when replacing.',
        tags: ['check-ins'],
        security: bearer,
        params: Type.Object({ spaceId: Id, month: MonthString }),
        body: Type.Object(
          {
            communicate: Type.Integer({ minimum: 1, maximum: 5 }),
            closer: Type.Integer({ minimum: 1, maximum: 5 }),
            respect: Type.Integer({ minimum: 1, maximum: 5 }),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ month: MonthString }), 201: Type.Object({ month: MonthString }), ...errors(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const { account } = requireAuth(request);
      const { created } = await act(
        ctx,
        saveMonthlyReview(ctx, account, request.params.spaceId, { month: request.params.month, ...request.body }),
      );
      return reply.status(created ? 201 : 200).send({ month: request.params.month });
    },
  );
}
