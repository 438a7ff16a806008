import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { MAX_PLACE_LENGTH } from '../../core/drafts/places.js';
import { requireAuth } from '../../platform/http/plugins/auth.js';
import { fail } from '../../platform/errors.js';
import { nextLink, PageQuery, Paged, pageRequest } from '../../platform/http/api-paging.js';
import { bearer, errors, Id, Instant, NoContent } from '../../platform/http/api-schemas.js';
import { act } from '../act.js';
import { discardDraft, saveDraft } from './actions.js';
import type { Draft as StoredDraft } from './draft.js';
import { DRAFT_KEY } from './cursor-key.js';

const Place = Type.String({
  minLength: 3,
  maxLength: MAX_PLACE_LENGTH,
  pattern: '^[a-z-]+:[A-Za-z0-9_-]+(:([a-z_]+|\\d{4}-\\d{2}-\\d{2}))?$',
  description:
    'The form the draft belongs to: `apology:{journeyId}`, `apology-answer:{journeyId}` (what is missing from an apology being answered), `entry:{journeyId}:{prompt}`, `answer:{entryId}`, `meeting:{spaceId}`, `checkin-note:{spaceId}:{date}` (one a day; `checkin-note:{spaceId}` is the older, undated place), `log:{agreementId}`, `reassurance:{spaceId}`, `reassurance-answer:{requestId}`, `breach:{spaceId}`, `agreement:{journeyId}`, `counter:{agreementId}`.',
});

/** The most any one text of a draft may be (an entry's); each place bounds its own texts further. */
const Words = Type.String({ maxLength: 10_000 });

const Draft = Type.Object({
  place: Place,
  spaceId: Id,
  fields: Type.Record(Type.String(), Type.String(), { description: 'The form’s texts by field name, as the author last left them.' }),
  createdAt: Instant,
  updatedAt: Instant,
});

const dto = (d: StoredDraft) => ({ place: d.place, spaceId: d.spaceId, fields: d.fields, createdAt: d.createdAt, updatedAt: d.updatedAt });

const tags = ['drafts'];
const params = Type.Object({ place: Place });

/**
 * The author's own drafts (issue #18): what they are writing in a form, kept until they send it or
 * discard it. Every route reads and writes only the caller's drafts: a partner, a therapist or a
 * stranger asking for the same place gets their own (none), never the author's.
 */
export async function draftRoutes(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const ctx = app.mend;

  api.get(
    '/me/drafts',
    {
      schema: {
        summary: 'Your drafts, newest first, a page at a time',
        description: 'Only your own: nobody else’s drafts are ever listed, and yours are listed to nobody else.',
        tags,
        security: bearer,
        querystring: PageQuery,
        response: { 200: Paged('drafts', Draft), ...errors(400, 401) },
      },
    },
    async (request) => {
      const { account } = requireAuth(request);
      const at = pageRequest(request.query, DRAFT_KEY.length);
      const page = await ctx.drafts.list(account.id, at);
      return { drafts: page.items.map(dto), next: nextLink(request, page, at.size) };
    },
  );

  api.get(
    '/drafts/:place',
    {
      schema: {
        summary: 'Your draft for a form',
        description: '404 when you kept none there.',
        tags,
        security: bearer,
        params,
        response: { 200: Type.Object({ draft: Draft }), ...errors(400, 401, 404) },
      },
    },
    async (request) => {
      const { account } = requireAuth(request);
      return { draft: dto(await ctx.drafts.get(account, request.params.place)) };
    },
  );

  api.put(
    '/drafts/:place',
    {
      schema: {
        summary: 'Keep your draft for a form',
        description:
          'Replaces your draft for the place with these texts. Only the place’s own fields are allowed, each at most as long as the text it becomes (400 `invalid_input` names any other). A draft with no words is no draft: it is deleted and the answer is 204. Only the partners of the space the place is in keep drafts there (403 for a therapist, 404 for anyone else). Sending the text itself (an entry, an apology, a check-in, …) deletes its draft. Nothing is told to anyone.',
        tags,
        security: bearer,
        params,
        body: Type.Object(
          { fields: Type.Record(Type.String({ maxLength: 64 }), Words, { maxProperties: 10 }) },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ draft: Draft }), 204: NoContent, ...errors(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const { account } = requireAuth(request);
      const draft = await act(ctx, saveDraft(ctx, account, request.params.place, request.body.fields, { strict: true }));
      if (!draft) return reply.status(204).send(null);
      return { draft: dto(draft) };
    },
  );

  api.delete(
    '/drafts/:place',
    {
      schema: {
        summary: 'Discard your draft for a form',
        description: '404 when you kept none there (nobody else’s can be discarded).',
        tags,
        security: bearer,
        params,
        response: { 204: NoContent, ...errors(400, 401, 404) },
      },
    },
    async (request, reply) => {
      const { account } = requireAuth(request);
      if (!(await act(ctx, discardDraft(ctx, account, request.params.place)))) fail('not_found');
      return reply.status(204).send(null);
    },
  );
}
