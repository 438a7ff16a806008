import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { analyze, COACH_MAX_TEXT } from '../../core/coach/index.js';
import { MendError } from '../../platform/errors.js';
import { requireAuth } from '../../platform/http/plugins/auth.js';
import { bearer, errors } from '../../platform/http/api-schemas.js';

const Finding = Type.Object({
  type: Type.String(),
  start: Type.Integer({ minimum: 0 }),
  end: Type.Integer({ minimum: 0 }),
  excerpt: Type.String(),
  explanation: Type.String(),
});

const Components = Type.Object({
  regret: Type.Boolean(),
  responsibility: Type.Boolean(),
  impact: Type.Boolean(),
  change: Type.Boolean(),
  repair: Type.Boolean(),
  forgiveness: Type.Boolean(),
});

/** One JSON shape per kind, the same as `mend coach --jsonl` prints. */
const CoachResult = Type.Union([
  Type.Object({ harsh: Type.Boolean(), findings: Type.Array(Finding), suggestion: Type.Optional(Type.String()) }),
  Type.Object({ nonApology: Type.Boolean(), components: Components, findings: Type.Array(Finding) }),
  Type.Object({ vague: Type.Boolean(), findings: Type.Array(Finding), question: Type.Optional(Type.String()) }),
]);

/**
 * The gentle-language coach for scripts and apps. The text is analysed in memory and answered;
 * it is never stored or logged (the request logger records only the route).
 */
export async function coachRoutes(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const ctx = app.mend;

  api.post(
    '/coach/analyze',
    {
      schema: {
        summary: 'Analyse a text with the gentle-language coach',
        description: 'Suggestions only; nothing is stored or logged. Limited to 300 analyses per account in 10 minutes.',
        tags: ['coach'],
        security: bearer,
        body: Type.Object(
          {
            kind: Type.Union([Type.Literal('message'), Type.Literal('apology'), Type.Literal('agreement')]),
            text: Type.String({ maxLength: COACH_MAX_TEXT }),
          },
          { additionalProperties: false },
        ),
        response: { 200: CoachResult, ...errors(400, 401, 413, 429) },
      },
    },
    async (request) => {
      const { account } = requireAuth(request);
      const wait = await ctx.limits.coach.hit(account.id);
      if (wait > 0) throw new MendError('rate_limited', undefined, undefined, wait);
      return analyze(request.body.kind, request.body.text);
    },
  );
}
