import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { requireAuth } from '../../platform/http/plugins/auth.js';
import { bearer, errors } from '../../platform/http/api-schemas.js';
import { act } from '../act.js';
import { chooseCheckinNumbers } from './actions.js';

const Choice = Type.Object({
  numbersShared: Type.Union([Type.Boolean(), Type.Null()], {
    description:
      'true: your partner and an active therapist see your check-in numbers and how the day was; false: only that you checked in; null: not chosen yet, which is read as false.',
  }),
});

/** Whether a person's partner sees their check-in numbers (issue #14, docs/privacy-rules.md). */
export async function checkinNumbersRoutes(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const ctx = app.mend;

  api.get(
    '/me/checkin-numbers',
    {
      schema: {
        summary: 'Who sees your check-in numbers',
        tags: ['check-ins'],
        security: bearer,
        response: { 200: Choice, ...errors(401) },
      },
    },
    async (request) => ({ numbersShared: requireAuth(request).account.checkinNumbersShared }),
  );

  api.put(
    '/me/checkin-numbers',
    {
      schema: {
        summary: 'Choose who sees your check-in numbers',
        description: 'For every space you are a partner in, and for every check-in, past ones included. Nobody is told when you change it.',
        tags: ['check-ins'],
        security: bearer,
        body: Type.Object({ numbersShared: Type.Boolean() }, { additionalProperties: false }),
        response: { 200: Choice, ...errors(400, 401) },
      },
    },
    async (request) => {
      const { account } = requireAuth(request);
      return act(ctx, chooseCheckinNumbers(ctx, account, request.body.numbersShared));
    },
  );
}
