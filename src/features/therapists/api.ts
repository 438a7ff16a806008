import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { CASELOAD_KEY } from '../spaces/index.js';
import { ACCESS_LOG_PAGE_KEY_LENGTH, THERAPIST_PAGE_KEY_LENGTH } from './service.js';
import { nextLink, PageQuery, Paged, pageRequest } from '../../platform/http/api-paging.js';
import { requireAuth } from '../../platform/http/plugins/auth.js';
import { bearer, errors, Id, Instant, NoContent } from '../../platform/http/api-schemas.js';
import { consentToTherapist, removeTherapist } from './actions.js';
import { act } from '../act.js';

const Therapist = Type.Object({
  accountId: Id,
  displayName: Type.String(),
  status: Type.Union([Type.Literal('pending'), Type.Literal('active')]),
  consentedBy: Type.Array(Id, { description: 'Partners who have agreed; access starts when every partner has.' }),
});

export async function therapistRoutes(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const ctx = app.mend;
  const Params = Type.Object({ spaceId: Id, therapistId: Id });
  const toDto = (t: { accountId: string; displayName: string; status: string; consentedBy: string[] }) => ({
    accountId: t.accountId,
    displayName: t.displayName,
    status: t.status as 'pending' | 'active',
    consentedBy: t.consentedBy,
  });

  api.get(
    '/spaces/:spaceId/therapists',
    {
      schema: {
        summary: "The space's therapists and who has consented (partners only), newest first, a page at a time",
        tags: ['therapist'],
        security: bearer,
        params: Type.Object({ spaceId: Id }),
        querystring: PageQuery,
        response: { 200: Paged('therapists', Therapist), ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const { account } = requireAuth(request);
      const at = pageRequest(request.query, THERAPIST_PAGE_KEY_LENGTH);
      const page = await ctx.therapists.listPage(account.id, request.params.spaceId, at);
      return { therapists: page.items.map(toDto), next: nextLink(request, page, at.size) };
    },
  );

  api.post(
    '/spaces/:spaceId/therapists/:therapistId/consent',
    {
      schema: {
        summary: 'Consent to the therapist seeing what you share (confirms your password)',
        tags: ['therapist'],
        security: bearer,
        params: Params,
        body: Type.Object({ password: Type.String({ maxLength: 1024 }) }, { additionalProperties: false }),
        response: { 200: Type.Object({ therapist: Therapist }), ...errors(400, 401, 403, 404, 429) },
      },
    },
    async (request) => {
      const auth = requireAuth(request);
      const therapist = await act(
        ctx,
        consentToTherapist(ctx, auth, request.params.spaceId, request.params.therapistId, request.body.password),
      );
      return { therapist: toDto(therapist) };
    },
  );

  api.delete(
    '/spaces/:spaceId/therapists/:therapistId',
    {
      schema: {
        summary: "End the therapist's access (either partner, at any time)",
        tags: ['therapist'],
        security: bearer,
        params: Params,
        response: { 204: NoContent, ...errors(401, 403, 404) },
      },
    },
    async (request, reply) => {
      await act(ctx, removeTherapist(ctx, requireAuth(request), request.params.spaceId, request.params.therapistId));
      return reply.status(204).send(null);
    },
  );

  api.get(
    '/spaces/:spaceId/therapist-access-log',
    {
      schema: {
        summary: 'What the therapist viewed, and when (partners only), newest first, a page at a time',
        tags: ['therapist'],
        security: bearer,
        params: Type.Object({ spaceId: Id }),
        querystring: PageQuery,
        response: {
          200: Paged('entries', Type.Object({ therapistId: Id, displayName: Type.String(), viewedAt: Instant, what: Type.String() })),
          ...errors(400, 401, 403, 404),
        },
      },
    },
    async (request) => {
      const { account } = requireAuth(request);
      const at = pageRequest(request.query, ACCESS_LOG_PAGE_KEY_LENGTH);
      const page = await ctx.therapists.accessLog(account.id, request.params.spaceId, at);
      return { entries: page.items, next: nextLink(request, page, at.size) };
    },
  );

  api.get(
    '/me/caseload',
    {
      schema: {
        summary: "A therapist's couples, side by side, newest first, a page at a time",
        description:
          "Each couple on the page whose partners' names are shown gets a line in its therapist access log; couples on other pages are not read.",
        tags: ['therapist'],
        security: bearer,
        querystring: PageQuery,
        response: {
          200: Paged(
            'spaces',
            Type.Object({
              spaceId: Id,
              spaceName: Type.String(),
              status: Type.Union([Type.Literal('pending'), Type.Literal('active')]),
              partnerNames: Type.Array(Type.String()),
            }),
          ),
          ...errors(400, 401),
        },
      },
    },
    async (request) => {
      const { account } = requireAuth(request);
      const at = pageRequest(request.query, CASELOAD_KEY.length);
      const page = await ctx.therapists.caseloadPage(account.id, '/api/v1/me/caseload', at);
      return { spaces: page.items, next: nextLink(request, page, at.size) };
    },
  );
}
