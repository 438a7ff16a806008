import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { requireAuth } from '../../platform/http/plugins/auth.js';
import { nextLink, PageQuery, Paged, pageRequest } from '../../platform/http/api-paging.js';
import { AuthResult, bearer, errors, Id, NoContent, Session } from '../../platform/http/api-schemas.js';
import { accountDto } from './dto.js';
import { SESSION_PAGE_KEY_LENGTH } from './service.js';
import { reauthenticate, revokeSession, signIn, signOutEverywhere } from './actions.js';
import { act } from '../act.js';

export async function sessionRoutes(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const ctx = app.mend;

  api.post(
    '/sessions',
    {
      schema: {
        summary: 'Sign in',
        description:
          'Unknown email and wrong password get the same answer. Limited per address and per account (429 with Retry-After); a browser that signed in before is limited on its own (its device cookie), so others cannot lock its owner out. An account the operator disabled (`mend accounts disable`) gets 403 `forbidden`, and only with the right password.',
        tags: ['sessions'],
        body: Type.Object(
          { email: Type.String({ maxLength: 254 }), password: Type.String({ maxLength: 1024 }) },
          { additionalProperties: false },
        ),
        response: { 201: AuthResult, ...errors(400, 401, 403, 413, 415, 429) },
      },
    },
    async (request, reply) => {
      const { account, token, recoveryCode } = await act(ctx, signIn(ctx, request.ip, request.body.email, request.body.password, 'bearer'));
      if (recoveryCode === null) return reply.status(201).send({ account: accountDto(account), token });
      // Until the person has said they kept it (POST /api/v1/me/recovery-code/kept, or the web page).
      return reply.status(201).send({ account: accountDto(account), token, recoveryCode });
    },
  );

  api.get(
    '/sessions',
    {
      schema: {
        summary: 'Your sessions, newest first (by when they began), a page at a time',
        tags: ['sessions'],
        security: bearer,
        querystring: PageQuery,
        response: { 200: Paged('sessions', Session), ...errors(400, 401) },
      },
    },
    async (request) => {
      const { account, session } = requireAuth(request);
      const at = pageRequest(request.query, SESSION_PAGE_KEY_LENGTH);
      const page = await ctx.accounts.sessionsPage(account.id, at);
      return {
        sessions: page.items.map((s) => ({ id: s.id, createdAt: s.createdAt, lastSeenAt: s.lastSeenAt, current: s.id === session.id })),
        next: nextLink(request, page, at.size),
      };
    },
  );

  api.post(
    '/sessions/current/reauthenticate',
    {
      schema: {
        summary: 'Confirm your password in this session',
        description:
          'Unlocks export for 10 minutes in this session. Wrong passwords are limited per account, like sign-in (429 with Retry-After).',
        tags: ['sessions'],
        security: bearer,
        body: Type.Object({ password: Type.String({ maxLength: 1024 }) }, { additionalProperties: false }),
        response: { 204: NoContent, ...errors(400, 401, 403, 429) },
      },
    },
    async (request, reply) => {
      await act(ctx, reauthenticate(ctx, requireAuth(request), request.body.password));
      return reply.status(204).send(null);
    },
  );

  api.delete(
    '/sessions/current',
    { schema: { summary: 'Sign out this session', tags: ['sessions'], security: bearer, response: { 204: NoContent, ...errors(401) } } },
    async (request, reply) => {
      const auth = requireAuth(request);
      await act(ctx, revokeSession(ctx, auth, auth.session.id));
      return reply.status(204).send(null);
    },
  );

  api.delete(
    '/sessions/:id',
    {
      schema: {
        summary: 'Revoke one of your sessions',
        tags: ['sessions'],
        security: bearer,
        params: Type.Object({ id: Id }),
        response: { 204: NoContent, ...errors(401, 404) },
      },
    },
    async (request, reply) => {
      await act(ctx, revokeSession(ctx, requireAuth(request), request.params.id));
      return reply.status(204).send(null);
    },
  );

  api.delete(
    '/sessions',
    { schema: { summary: 'Sign out everywhere', tags: ['sessions'], security: bearer, response: { 204: NoContent, ...errors(401) } } },
    async (request, reply) => {
      await act(ctx, signOutEverywhere(ctx, requireAuth(request)));
      return reply.status(204).send(null);
    },
  );
}
