import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { requireAuth } from '../../platform/http/plugins/auth.js';
import { liveStreams, openMemberStream } from '../../platform/live/live-stream.js';
import { bearer, errors, Id } from '../../platform/http/api-schemas.js';
import { liveMembership } from './live-membership.js';

const EVENTS_DESCRIPTION = [
  'A server-sent events stream (`text/event-stream`; send `Accept: text/event-stream`) of what changes in the space, for every active member.',
  'Events carry only kinds, ids and dates — never text anyone wrote; fetch the resource to see it, with the usual visibility rules.',
  'Event names and `data` (JSON): `checkin` `{kind, accountId, date}` — a partner checked in (scores are space records);',
  '`agreement` `{kind, id}` — an agreement was proposed, countered, accepted or withdrawn;',
  '`journey_entry` `{kind, journeyId, id}` — a shared entry was written; `entries_revealed` `{kind, journeyId}` — a sealed pair opened;',
  '`reassurance_requested` / `reassurance_answered` `{kind, id}` — a partner asked for reassurance, or answered;',
  '`meeting` `{kind, id, date}` — a weekly meeting was recorded; `agreement_log` `{kind, agreementId, id}` — an occasion was logged kept or missed, or confirmed or disputed;',
  '`apology` `{kind, journeyId, id}` — an apology was delivered, or answered; `monthly_review` `{kind, accountId, month}` — a partner saved a monthly review;',
  '`journey_acknowledged` `{kind, journeyId}` — a partner acknowledged step 1 (“trust was broken”); `meeting_schedule` `{kind}` — a partner set the weekly meeting time.',
  '`daily_answer` `{kind, day}` — a partner answered the day’s question for two (never sent for a skip or a solo answer, and only to the partners’ streams, never a therapist’s); it only says to read the day’s question again, which opens the pair once both answered.',
  'A private entry, a sealed one whose pair is still closed, an apology not delivered, or anything else only its author may see produces no event at all.',
  'Missed events are not replayed: a client that reconnects with `Last-Event-ID` (EventSource does) first gets `resync` `{kind}` — re-read what you show.',
  'Lines starting with `:` are keep-alive comments. The stream ends when the session is revoked or the caller leaves the space,',
  'and when the server shuts down (reconnect then; the `retry` field suggests how soon). At most 6 open streams per account and server (429).',
].join(' ');

/** `GET /api/v1/spaces/:spaceId/events`: live updates for API clients (bearer sessions). */
export async function liveEventRoutes(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const ctx = app.mend;
  const open = liveStreams(app);

  api.get(
    '/spaces/:spaceId/events',
    {
      schema: {
        summary: 'Live updates in a space (server-sent events)',
        description: EVENTS_DESCRIPTION,
        tags: ['spaces'],
        security: bearer,
        params: Type.Object({ spaceId: Id }),
        response: {
          200: { description: 'An open event stream.', content: { 'text/event-stream': { schema: Type.String() } } },
          ...errors(400, 401, 404, 429),
        },
      },
    },
    async (request, reply) => {
      const { account } = requireAuth(request);
      const token = request.headers.authorization?.slice(7).trim() ?? '';
      return openMemberStream(open, request, reply, liveMembership(ctx), { accountId: account.id, spaceId: request.params.spaceId, token });
    },
  );
}
