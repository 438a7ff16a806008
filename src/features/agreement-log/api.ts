import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { LogEntryView } from './service.js';
import { LOG_ENTRY_KEY, REPLY_MAX } from './service.js';
import { act } from '../act.js';
import { logOccasion, replyToDispute, reviewOccasion } from './actions.js';
import { requireAuth } from '../../platform/http/plugins/auth.js';
import { DateString, LogEntry, TextIn } from '../progress/index.js';
import { nextLink, Paged, PageQuery, pageRequest } from '../../platform/http/api-paging.js';
import { bearer, errors, Id } from '../../platform/http/api-schemas.js';
import { MONTH_PATTERN } from '../../core/paging/months.js';

export const logEntryDto = (e: LogEntryView) => ({
  id: e.id,
  agreementId: e.agreementId,
  occurredOn: e.occurredOn,
  kept: e.kept,
  loggedBy: e.loggedBy,
  note: e.note,
  createdAt: e.createdAt,
  status: e.review ?? ('unconfirmed' as const),
  reviewedBy: e.reviewedBy,
  reviewedAt: e.reviewedAt,
  reviewNote: e.reviewNote,
  reply: e.reply !== null && e.repliedAt !== null ? { text: e.reply, repliedAt: e.repliedAt } : null,
});

/** Step 6: the agreement log (API.md "Agreements and consistency"). */
export async function agreementLogRoutes(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const { rhythm } = app.mend;
  const ReviewBody = Type.Object({ note: Type.Optional(Type.Union([TextIn, Type.Null()])) }, { additionalProperties: false });

  api.post(
    '/agreements/:agreementId/log',
    {
      schema: {
        summary: 'Log an occasion of an agreement as kept or missed',
        description:
          'By a partner who committed to the agreement, once it is active; for a day from the agreement’s start up to your local today.',
        tags: ['agreements'],
        security: bearer,
        params: Type.Object({ agreementId: Id }),
        body: Type.Object(
          { occurredOn: DateString, kept: Type.Boolean(), note: Type.Optional(Type.Union([TextIn, Type.Null()])) },
          { additionalProperties: false },
        ),
        response: { 201: Type.Object({ logEntry: LogEntry }), ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const { account } = requireAuth(request);
      const entry = await act(app.mend, logOccasion(app.mend, account, request.params.agreementId, request.body));
      return reply.status(201).send({ logEntry: logEntryDto(entry) });
    },
  );

  for (const action of ['confirm', 'dispute'] as const) {
    api.post(
      `/agreement-log/:logEntryId/${action}`,
      {
        schema: {
          summary: action === 'confirm' ? 'Confirm an occasion your partner logged' : 'Say you saw an occasion differently',
          description:
            'By the other partner, once. A disputed entry counts in the consistency score as the other partner saw it (docs/progress.md).',
          tags: ['agreements'],
          security: bearer,
          params: Type.Object({ logEntryId: Id }),
          body: ReviewBody,
          response: { 200: Type.Object({ logEntry: LogEntry }), ...errors(400, 401, 403, 404, 409) },
        },
      },
      async (request) => {
        const { account } = requireAuth(request);
        const entry = await act(
          app.mend,
          reviewOccasion(app.mend, account, request.params.logEntryId, action === 'confirm' ? 'confirmed' : 'disputed', request.body.note),
        );
        return { logEntry: logEntryDto(entry) };
      },
    );
  }

  api.post(
    '/agreement-log/:logEntryId/reply',
    {
      schema: {
        summary: 'Answer how your partner saw an occasion you logged',
        description:
          'By the partner who logged the occasion, once, after the other partner disputed it. Shared, like the dispute: both partners and an active therapist read it. The partner who disputed it is told, in fixed words that never quote it.',
        tags: ['agreements'],
        security: bearer,
        params: Type.Object({ logEntryId: Id }),
        body: Type.Object({ text: Type.String({ minLength: 1, maxLength: REPLY_MAX }) }, { additionalProperties: false }),
        response: { 200: Type.Object({ logEntry: LogEntry }), ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const { account } = requireAuth(request);
      const entry = await act(app.mend, replyToDispute(app.mend, account, request.params.logEntryId, request.body.text));
      return { logEntry: logEntryDto(entry) };
    },
  );

  api.get(
    '/spaces/:spaceId/agreement-log',
    {
      schema: {
        summary: 'The agreement log of the space, newest occasion first, a page at a time',
        tags: ['agreements'],
        security: bearer,
        params: Type.Object({ spaceId: Id }),
        description:
          'With `month`, only the occasions of that calendar month (still a page at a time), and `earlierMonth`: the newest earlier month with an occasion, to ask for next (null when there is none). The agreement log page reads the same way, a month at a time.',
        querystring: Type.Composite(
          [
            PageQuery,
            Type.Object({
              month: Type.Optional(
                Type.String({ pattern: MONTH_PATTERN, description: 'A calendar month, YYYY-MM: only the occasions of its days.' }),
              ),
            }),
          ],
          { additionalProperties: false },
        ),
        response: {
          200: Type.Composite([
            Paged('logEntries', LogEntry),
            Type.Object({
              earlierMonth: Type.Optional(
                Type.Union([Type.String({ pattern: MONTH_PATTERN }), Type.Null()], {
                  description: 'Only with `month`: the newest earlier month with an occasion; null when there is none.',
                }),
              ),
            }),
          ]),
          ...errors(400, 401, 404),
        },
      },
    },
    async (request) => {
      const { account } = requireAuth(request);
      const at = pageRequest(request.query, LOG_ENTRY_KEY.length);
      const month = request.query.month ?? null;
      const page = await rhythm.agreementLog.list(account.id, request.params.spaceId, at, month);
      const keep: Record<string, string> = month === null ? {} : { month };
      return {
        logEntries: page.items.map(logEntryDto),
        next: nextLink(request, page, at.size, undefined, keep),
        ...(month === null ? {} : { earlierMonth: page.earlierMonth ?? null }),
      };
    },
  );
}
