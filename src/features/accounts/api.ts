import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { SUPPORTED_COUNTRIES } from '../../core/safety/countries.js';
import { AuthResult, errors, RateLimited } from '../../platform/http/api-schemas.js';
import { accountDto } from './dto.js';
import { signUp } from './actions.js';
import { INVITATION_CODE_MAX } from './sign-up-mode.js';
import { act } from '../act.js';

export async function accountRoutes(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const ctx = app.mend;

  api.post(
    '/accounts',
    {
      schema: {
        summary: 'Create an account and sign in',
        description:
          'Limited per client address (MEND_SIGN_UP_PER_HOUR attempts an hour, 20 by default): over it, 429 `rate_limited` with `Retry-After` in seconds. ' +
          'The operator decides who may sign up (MEND_SIGNUPS): when sign-ups are closed, 403 `forbidden`; when they need an invitation, 403 `forbidden` with `details.invitationCode` unless `invitationCode` is a usable partner or therapist invitation (signing up does not use it; joining does).',
        tags: ['accounts'],
        body: Type.Object(
          {
            email: Type.String({ maxLength: 254 }),
            password: Type.String({ maxLength: 1024 }),
            displayName: Type.String({ maxLength: 200 }),
            timezone: Type.Optional(Type.String({ maxLength: 64, description: 'IANA time zone; UTC when omitted.' })),
            country: Type.Optional(
              Type.String({
                maxLength: 8,
                description: `Where the person lives, so support services for it come first: ${SUPPORTED_COUNTRIES.map((c) => c.code).join(', ')} (INTL: another country). Unanswered when omitted; the time zone then suggests one.`,
              }),
            ),
            invitationCode: Type.Optional(
              Type.String({
                maxLength: INVITATION_CODE_MAX,
                description: 'An invitation code to a space; needed only when the operator allows sign-ups by invitation alone.',
              }),
            ),
          },
          { additionalProperties: false },
        ),
        response: { 201: AuthResult, ...errors(400, 403, 409, 413, 415), 429: RateLimited },
      },
    },
    async (request, reply) => {
      const { account, token, recoveryCode } = await act(ctx, signUp(ctx, request.ip, request.body, 'bearer'));
      // The client shows it to the person to keep, and says so (POST /api/v1/me/recovery-code/kept).
      return reply.status(201).send({ account: accountDto(account), token, recoveryCode });
    },
  );
}
