import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { requireAuth } from '../../platform/http/plugins/auth.js';
import { bearer, errors, Id, Instant, NoContent, Space } from '../../platform/http/api-schemas.js';
import { spaceDto } from './dto.js';
import { createSpace, invite, join, leave } from './actions.js';
import { act } from '../act.js';
import { WAITING_KINDS } from '../../core/waiting/waiting.js';

const Role = Type.Union([Type.Literal('partner'), Type.Literal('therapist')]);

const FormerPartner = Type.Object({
  accountId: Id,
  displayName: Type.String({ description: 'Empty once their account was deleted.' }),
  leftAt: Instant,
  accountDeletedAt: Type.Union([Instant, Type.Null()]),
});

export async function spaceRoutes(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const ctx = app.mend;
  const SpaceParams = Type.Object({ spaceId: Id });

  api.post(
    '/spaces',
    {
      schema: {
        summary: 'Create a space for the two of you',
        tags: ['spaces'],
        security: bearer,
        body: Type.Object({ name: Type.Optional(Type.String({ maxLength: 200 })) }, { additionalProperties: false }),
        response: { 201: Type.Object({ space: Space }), ...errors(400, 401) },
      },
    },
    async (request, reply) => {
      const space = await act(ctx, createSpace(ctx, requireAuth(request), request.body.name));
      return reply.status(201).send({ space: spaceDto(space) });
    },
  );

  api.get(
    '/spaces/:spaceId',
    {
      schema: {
        summary: 'A space you belong to',
        description:
          'With `formerPartners`: the partners who left the space (issue #19). Their shared writing stays, under their `accountId`. Once their account is deleted, `accountDeletedAt` is set, `accountId` is a stand-in with no name that nothing links to the person, and a text of theirs that reads as the empty string was removed by its author at that time (docs/api.md, "Leaving a space, and deleted accounts").',
        tags: ['spaces'],
        security: bearer,
        params: SpaceParams,
        response: { 200: Type.Object({ space: Space, formerPartners: Type.Array(FormerPartner) }), ...errors(401, 404) },
      },
    },
    async (request) => {
      const { account } = requireAuth(request);
      const space = spaceDto(await ctx.spaces.forMember(account.id, request.params.spaceId));
      return { space, formerPartners: await ctx.spaces.formerPartners(account.id, request.params.spaceId) };
    },
  );

  api.get(
    '/spaces/:spaceId/waiting',
    {
      schema: {
        summary: 'What waits on you in this space',
        description:
          'The "Waiting for you" list of the space home (issue #18, docs/notifications.md): calls for reassurance, questions, an apology, agreements and occasions your partner left for you, a sealed half they wrote, and your own check-in of today — each with the one page to act on it. Fixed kinds and links only, never anything anyone wrote. A partner on their own sees only their check-in; an active therapist gets an empty list (nothing waits on them); anyone else 404.',
        tags: ['spaces'],
        security: bearer,
        params: SpaceParams,
        response: {
          200: Type.Object({
            items: Type.Array(
              Type.Object({
                kind: Type.Union(WAITING_KINDS.map((k) => Type.Literal(k))),
                href: Type.String({ description: 'The page of Mend where you can act on it.' }),
                since: Type.Union([Instant, Type.Null()], { description: 'When it began to wait; null for today’s check-in.' }),
                count: Type.Integer({
                  minimum: 1,
                  description:
                    'How many it stands for: the occasions of one agreement are one item (the oldest is linked); 1 for any other kind.',
                }),
              }),
            ),
          }),
          ...errors(401, 404),
        },
      },
    },
    async (request) => {
      const { account } = requireAuth(request);
      const { items } = await ctx.spaces.waiting(account, request.params.spaceId);
      return { items: items.map((i) => ({ kind: i.kind, href: i.href, since: i.since, count: i.count })) };
    },
  );

  api.post(
    '/spaces/:spaceId/invitations',
    {
      schema: {
        summary: 'Invite your partner (or a therapist)',
        description: 'A single-use code, valid for 7 days. Give the code or the link to the person you invite.',
        tags: ['spaces'],
        security: bearer,
        params: SpaceParams,
        body: Type.Object({ role: Type.Optional(Role) }, { additionalProperties: false }),
        response: {
          201: Type.Object({ invitation: Type.Object({ code: Type.String(), expiresAt: Instant, url: Type.String() }) }),
          ...errors(400, 401, 403, 404, 409),
        },
      },
    },
    async (request, reply) => {
      const invitation = await act(ctx, invite(ctx, requireAuth(request), request.params.spaceId, request.body.role ?? 'partner'));
      return reply.status(201).send({ invitation });
    },
  );

  api.post(
    '/invitations/:code/accept',
    {
      schema: {
        summary: 'Join a space with an invitation code',
        tags: ['spaces'],
        security: bearer,
        params: Type.Object({ code: Type.String({ minLength: 1, maxLength: 64 }) }),
        response: { 200: Type.Object({ space: Space }), ...errors(401, 404, 409, 429) },
      },
    },
    async (request) => {
      return { space: spaceDto(await act(ctx, join(ctx, requireAuth(request), request.params.code))) };
    },
  );

  api.post(
    '/spaces/:spaceId/leave',
    {
      schema: {
        summary: 'Leave a space',
        description:
          'Needs your password: send it as `password` (403 `forbidden` when it is wrong; wrong tries are limited per account, 429 with Retry-After), or confirm it first with POST /api/v1/sessions/current/reauthenticate and leave within 10 minutes without a body (403 `reauthentication_required` otherwise). What you kept private in the space is deleted; what you shared stays for your partner, who sees that you left and when (docs/api.md, "Leaving a space"). The last partner to leave deletes the space.',
        tags: ['spaces'],
        security: bearer,
        params: SpaceParams,
        body: Type.Optional(Type.Object({ password: Type.Optional(Type.String({ maxLength: 1024 })) }, { additionalProperties: false })),
        response: { 204: NoContent, ...errors(400, 401, 403, 404, 429) },
      },
    },
    async (request, reply) => {
      await act(ctx, leave(ctx, requireAuth(request), request.params.spaceId, request.body?.password));
      return reply.status(204).send(null);
    },
  );
}
