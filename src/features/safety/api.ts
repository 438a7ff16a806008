import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import {
  SCREENING_ANSWERS,
  SCREENING_QUESTION_IDS,
  resourcesFor,
  supportCountryFor,
  type CountryResources,
} from '../../core/safety/index.js';
import { requireAuth } from '../../platform/http/plugins/auth.js';
import { bearer, errors } from '../../platform/http/api-schemas.js';
import { submitScreening } from './actions.js';
import { act } from '../act.js';

const Contact = Type.Object({ kind: Type.String(), display: Type.String(), href: Type.String() });
const Resources = Type.Object({
  country: Type.String(),
  countryName: Type.String(),
  emergencyNumber: Type.String(),
  writtenOn: Type.String(),
  resources: Type.Array(
    Type.Object({
      id: Type.String(),
      kind: Type.String(),
      name: Type.String(),
      description: Type.String(),
      region: Type.Optional(Type.String()),
      open24Hours: Type.Boolean(),
      contacts: Type.Array(Contact),
      source: Type.Object({
        url: Type.String({ description: 'The page the details were checked against.' }),
        checkedOn: Type.String({ description: 'YYYY-MM-DD' }),
      }),
    }),
  ),
});

/** A plain (mutable) copy for the response serializer. */
const resourcesDto = (r: CountryResources) => ({
  ...r,
  resources: r.resources.map((x) => ({ ...x, contacts: [...x.contacts], source: { ...x.source } })),
});

const Answers = Type.Object(
  Object.fromEntries(SCREENING_QUESTION_IDS.map((id) => [id, Type.Optional(Type.Union(SCREENING_ANSWERS.map((a) => Type.Literal(a))))])),
  { additionalProperties: false },
);

/**
 * The private safety screening. Only the caller ever sees a result; nothing is stored but the
 * time it was done, and no other route, export or notification mentions it.
 */
export async function safetyRoutes(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const ctx = app.mend;

  api.post(
    '/me/safety-screenings',
    {
      schema: {
        summary: 'Answer the private safety screening',
        description:
          'Answers are scored and forgotten. Never visible to anyone else. Every question needs an answer (never, sometimes or often).',
        tags: ['safety'],
        security: bearer,
        body: Type.Object({ answers: Answers }, { additionalProperties: false }),
        response: { 201: Type.Object({ positive: Type.Boolean(), resources: Resources }), ...errors(400, 401) },
      },
    },
    async (request, reply) => {
      const outcome = await act(ctx, submitScreening(ctx, requireAuth(request), request.body.answers));
      return reply.status(201).send({ positive: outcome.positive, resources: resourcesDto(outcome.resources) });
    },
  );

  api.get(
    '/me/safety-screenings/due',
    {
      schema: {
        summary: 'Whether your next private safety screening is due',
        tags: ['safety'],
        security: bearer,
        response: { 200: Type.Object({ due: Type.Boolean() }), ...errors(401) },
      },
    },
    async (request) => ({ due: await ctx.safety.isDue(requireAuth(request).account.id) }),
  );

  api.get(
    '/support',
    {
      schema: {
        summary: 'Support services for a country (no sign-in needed)',
        tags: ['safety'],
        querystring: Type.Object({ country: Type.Optional(Type.String({ maxLength: 8 })) }),
        response: { 200: Resources, ...errors(400) },
      },
    },
    async (request) => resourcesDto(resourcesFor(request.query.country ?? (request.auth ? supportCountryFor(request.auth.account) : null))),
  );
}
