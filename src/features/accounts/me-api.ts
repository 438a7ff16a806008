import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { requireAuth } from '../../platform/http/plugins/auth.js';
import { fail } from '../../platform/errors.js';
import { Account, bearer, errors, Id, NoContent } from '../../platform/http/api-schemas.js';
import { accountDto } from './dto.js';
import { Readable } from 'node:stream';
import { exportPieces } from '../export/index.js';
import { changePassword, confirmPassword, deleteAccount, keepRecoveryCode } from './actions.js';
import { act } from '../act.js';

export async function meRoutes(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const ctx = app.mend;

  api.get(
    '/me',
    {
      schema: {
        summary: 'Who you are and your spaces',
        tags: ['me'],
        security: bearer,
        response: {
          200: Type.Object({
            account: Account,
            spaces: Type.Array(Type.Object({ id: Id, name: Type.String(), role: Type.String() })),
          }),
          ...errors(401),
        },
      },
    },
    async (request) => {
      const { account } = requireAuth(request);
      return { account: accountDto(account), spaces: await ctx.spaces.listForAccount(account.id) };
    },
  );

  api.post(
    '/me/recovery-code',
    {
      schema: {
        summary: 'Your recovery code, after your password',
        description:
          'The code that opens your private writing after a forgotten password (docs/encryption.md). Answered only to a session that holds your personal key: a session begun before your key existed gets 403 `forbidden` (sign in again). A wrong password: 403, limited like sign-in.',
        tags: ['me'],
        security: bearer,
        body: Type.Object({ password: Type.String({ maxLength: 1024 }) }, { additionalProperties: false }),
        response: { 200: Type.Object({ recoveryCode: Type.String() }), ...errors(400, 401, 403, 429) },
      },
    },
    async (request) => {
      const auth = requireAuth(request);
      await act(ctx, confirmPassword(ctx, auth, request.body.password));
      const recoveryCode = await ctx.personalKeys.recoveryCode(auth.account.id, auth.personalKey ?? null, 'any');
      if (!recoveryCode) fail('forbidden', undefined, 'This session cannot open your recovery code. Sign in again, then ask once more.');
      return { recoveryCode };
    },
  );

  api.post(
    '/me/recovery-code/kept',
    {
      schema: {
        summary: 'Say you have kept your recovery code',
        description:
          'Until then, each sign-in answers `recoveryCode` and the web pages show it first; afterwards it is shown only after the password.',
        tags: ['me'],
        security: bearer,
        response: { 204: NoContent, ...errors(401) },
      },
    },
    async (request, reply) => {
      await act(ctx, keepRecoveryCode(ctx, requireAuth(request)));
      return reply.status(204).send(null);
    },
  );

  api.get(
    '/me/export',
    {
      schema: {
        summary: 'Everything your account may see, as one JSON document',
        description:
          "Needs a password confirmation in this session within the last 10 minutes (POST /api/v1/sessions/current/reauthenticate). A therapist's export is written to each couple's therapist access log first.",
        tags: ['me'],
        security: bearer,
        response: { 200: Type.Object({}, { additionalProperties: true }), ...errors(401, 403) },
      },
    },
    async (request, reply) => {
      const auth = requireAuth(request);
      if (!ctx.accounts.recentlyReauthenticated(auth)) fail('reauthentication_required');
      reply.header('Content-Disposition', 'attachment; filename="mend-export.json"');
      return reply.type('application/json; charset=utf-8').send(Readable.from(await exportPieces(ctx, auth.account, '/api/v1/me/export')));
    },
  );

  api.delete(
    '/me',
    {
      schema: {
        summary: 'Delete your account and everything you wrote',
        tags: ['me'],
        security: bearer,
        body: Type.Object({ password: Type.String({ maxLength: 1024 }) }, { additionalProperties: false }),
        response: { 204: NoContent, ...errors(400, 401, 403, 429) },
      },
    },
    async (request, reply) => {
      const auth = requireAuth(request);
      await act(ctx, deleteAccount(ctx, auth, request.body.password));
      return reply.status(204).send(null);
    },
  );

  api.put(
    '/me/password',
    {
      schema: {
        summary: 'Change your password',
        description:
          'Needs the current password (403 when it is wrong; wrong tries are limited per account, 429). The new one follows the sign-up rules (400 `weak_password`). Every other session ends; this one stays.',
        tags: ['me'],
        security: bearer,
        body: Type.Object(
          { currentPassword: Type.String({ maxLength: 1024 }), newPassword: Type.String({ maxLength: 1024 }) },
          { additionalProperties: false },
        ),
        response: { 204: NoContent, ...errors(400, 401, 403, 413, 415, 429) },
      },
    },
    async (request, reply) => {
      await act(ctx, changePassword(ctx, requireAuth(request), request.body.currentPassword, request.body.newPassword));
      return reply.status(204).send(null);
    },
  );
}
