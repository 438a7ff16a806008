import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { PASSWORD_MAX_LENGTH } from '../../core/accounts/password-policy.js';
import { reportUndelivered } from '../../platform/http/logging.js';
import { errors, NoContent } from '../../platform/http/api-schemas.js';
import { completePasswordReset, requestPasswordReset } from './actions.js';
import { act } from '../act.js';

export async function passwordResetRoutes(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const ctx = app.mend;

  api.post(
    '/password-resets',
    {
      schema: {
        summary: 'Ask for a link to choose a new password',
        description:
          'Answers 202 whether or not the email has an account. When Mend sends email, an account holder gets a link that works once, for an hour; without email, the operator makes one with `mend reset-password <email>`. Limited per address and per email.',
        tags: ['accounts'],
        body: Type.Object({ email: Type.String({ maxLength: 254 }) }, { additionalProperties: false }),
        response: { 202: NoContent, ...errors(400, 413, 415, 429) },
      },
    },
    async (request, reply) => {
      const { delivery } = await act(ctx, requestPasswordReset(ctx, request.ip, request.body.email));
      reportUndelivered(request.log, delivery);
      return reply.status(202).send(null);
    },
  );

  api.post(
    '/password-resets/:token',
    {
      schema: {
        summary: 'Choose a new password with a reset link',
        description:
          'The token is the last part of the link. Sets the password (the same rules as at sign-up), uses the link up and ends every session. 404 `reset_link_unusable` for a link that expired, was used or never existed; wrong links are limited per address. What the person kept private is under their own key (docs/encryption.md): send `recoveryCode` to keep it, or `letGo: true` to go on without it (it can then never be opened again; shared writing is kept, and a new recovery code is shown after the next sign-in). Neither: 400 `invalid_input` with `details.recoveryCode`; a wrong code: the same, counted like a wrong link.',
        tags: ['accounts'],
        params: Type.Object({ token: Type.String({ maxLength: 100 }) }),
        body: Type.Object(
          {
            password: Type.String({ maxLength: PASSWORD_MAX_LENGTH * 4 }),
            recoveryCode: Type.Optional(Type.String({ maxLength: 64 })),
            letGo: Type.Optional(Type.Boolean()),
          },
          { additionalProperties: false },
        ),
        response: { 204: NoContent, ...errors(400, 404, 413, 415, 429) },
      },
    },
    async (request, reply) => {
      const { password, recoveryCode, letGo } = request.body;
      await act(ctx, completePasswordReset(ctx, request.ip, request.params.token, password, { recoveryCode, letGo }));
      return reply.status(204).send(null);
    },
  );
}
