import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { addDays } from '../../core/time.js';
import type { CheckinView } from './service.js';
import { requireAuth } from '../../platform/http/plugins/auth.js';
import { Checkin, DateString, DayMark, NumbersShared, Score, TextIn } from '../progress/index.js';
import { bearer, errors, Id } from '../../platform/http/api-schemas.js';
import { act } from '../act.js';
import { saveCheckin } from './actions.js';

export const checkinDto = (c: CheckinView) => ({
  id: c.id,
  accountId: c.accountId,
  date: c.date,
  safety: c.safety,
  trust: c.trust,
  closeness: c.closeness,
  day: c.day,
  numbersShared: c.numbersShared,
  note: c.note,
  updatedAt: c.updatedAt,
});

/** Daily pulse check-ins (API.md "Check-ins and progress"). */
export async function checkinRoutes(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const ctx = app.mend;
  const SpaceParams = Type.Object({ spaceId: Id });

  api.put(
    '/spaces/:spaceId/checkins/:date',
    {
      schema: {
        summary: 'Your pulse check-in for a day',
        description:
          'Safety, trust and closeness from 0 to 10, an optional good / mixed / hard, and an optional note that is private or shared. ' +
          'One per partner per local day: 201 the first time, 200 when it replaces that day’s earlier one. The date is your local today, or one of the two days before; never the future. ' +
          '`numbersShared` is your choice whether your partner (and an active therapist) sees your numbers and how the day was, or only that you checked in; sent, it becomes your choice everywhere ' +
          '(as PUT /api/v1/me/checkin-numbers); left out, your choice stays as it is — and if you never made one, your numbers stay yours alone.',
        tags: ['check-ins'],
        security: bearer,
        params: Type.Object({ spaceId: Id, date: DateString }),
        body: Type.Object(
          {
            safety: Score,
            trust: Score,
            closeness: Score,
            day: Type.Optional(Type.Union([DayMark, Type.Null()])),
            note: Type.Optional(Type.Union([TextIn, Type.Null()])),
            numbersShared: Type.Optional(NumbersShared),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ checkin: Checkin }), 201: Type.Object({ checkin: Checkin }), ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const { account } = requireAuth(request);
      const { created, checkin } = await act(ctx, saveCheckin(ctx, account, request.params.spaceId, request.params.date, request.body));
      return reply.status(created ? 201 : 200).send({ checkin: checkinDto(checkin) });
    },
  );

  api.get(
    '/spaces/:spaceId/checkins',
    {
      schema: {
        summary: 'Check-ins you may see',
        description:
          'Every partner’s check-ins; their numbers and day mark only when they share them or they are yours (otherwise null, with `numbersShared: false`); notes only when shared or your own. ' +
          '`from` defaults to 27 days before `to`, `to` to your local today; at most 366 days.',
        tags: ['check-ins'],
        security: bearer,
        params: SpaceParams,
        querystring: Type.Object({ from: Type.Optional(DateString), to: Type.Optional(DateString) }, { additionalProperties: false }),
        response: { 200: Type.Object({ checkins: Type.Array(Checkin) }), ...errors(400, 401, 404) },
      },
    },
    async (request) => {
      const { account } = requireAuth(request);
      const to = request.query.to ?? ctx.rhythm.checkins.today(account);
      const from = request.query.from ?? addDays(to, -27);
      return { checkins: (await ctx.rhythm.checkins.list(account.id, request.params.spaceId, from, to)).map(checkinDto) };
    },
  );
}
