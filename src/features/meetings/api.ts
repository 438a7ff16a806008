import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { CLOCK_TIME } from '../../core/clock-time.js';
import type { Meeting } from './service.js';
import { MEETING_KEY } from './cursor-key.js';
import { requireAuth } from '../../platform/http/plugins/auth.js';
import { nextLink, PageQuery, Paged, pageRequest } from '../../platform/http/api-paging.js';
import { DateString } from '../progress/index.js';
import { bearer, errors, Id, Instant, NoContent } from '../../platform/http/api-schemas.js';
import { act } from '../act.js';
import { newCalendarFeed, recordMeeting, revokeCalendarFeed, setMeetingSchedule } from './actions.js';

const Agenda = {
  appreciations: Type.Optional(Type.String({ maxLength: 2000 })),
  wentWell: Type.Optional(Type.String({ maxLength: 2000 })),
  agreementLog: Type.Optional(Type.String({ maxLength: 2000 })),
  concern: Type.Optional(Type.String({ maxLength: 2000 })),
  requests: Type.Optional(Type.String({ maxLength: 2000 })),
};
const MeetingOut = Type.Object({
  id: Id,
  heldOn: DateString,
  createdBy: Id,
  createdAt: Instant,
  agenda: Type.Object({
    appreciations: Type.String(),
    wentWell: Type.String(),
    agreementLog: Type.String(),
    concern: Type.String(),
    requests: Type.String(),
  }),
});
const meetingDto = (m: Meeting) => ({ id: m.id, heldOn: m.heldOn, createdBy: m.createdBy, createdAt: m.createdAt, agenda: m.agenda });
/** HH:MM, the one rule of core/clock-time.ts. */
const ClockTime = Type.String({ pattern: CLOCK_TIME.source, maxLength: 5 });

/** Weekly check-in meetings: their records, their time, each partner's calendar feed (API.md "Check-ins and progress"). */
export async function meetingRoutes(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const ctx = app.mend;
  const SpaceParams = Type.Object({ spaceId: Id });

  api.post(
    '/spaces/:spaceId/meetings',
    {
      schema: {
        summary: 'Save the record of a weekly check-in meeting',
        description:
          'The guided agenda: appreciations, what went well, the week’s agreement log, one concern raised gently, requests for the coming week. A shared record.',
        tags: ['check-ins'],
        security: bearer,
        params: SpaceParams,
        body: Type.Object({ heldOn: Type.Optional(DateString), ...Agenda }, { additionalProperties: false }),
        response: { 201: Type.Object({ meeting: MeetingOut }), ...errors(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const { account } = requireAuth(request);
      const { heldOn, ...agenda } = request.body;
      const meeting = await act(ctx, recordMeeting(ctx, account, request.params.spaceId, { ...(heldOn ? { heldOn } : {}), agenda }));
      return reply.status(201).send({ meeting: meetingDto(meeting) });
    },
  );

  api.get(
    '/spaces/:spaceId/meetings',
    {
      schema: {
        summary: 'Weekly meeting records, newest first, a page at a time',
        tags: ['check-ins'],
        security: bearer,
        params: SpaceParams,
        querystring: PageQuery,
        response: { 200: Paged('meetings', MeetingOut), ...errors(400, 401, 404) },
      },
    },
    async (request) => {
      const { account } = requireAuth(request);
      const at = pageRequest(request.query, MEETING_KEY.length);
      const page = await ctx.rhythm.meetings.list(account.id, request.params.spaceId, at);
      return { meetings: page.items.map(meetingDto), next: nextLink(request, page, at.size) };
    },
  );

  const Schedule = Type.Object({
    weekday: Type.Integer({ minimum: 1, maximum: 7, description: '1 = Monday … 7 = Sunday' }),
    time: ClockTime,
    durationMinutes: Type.Integer(),
    timezone: Type.String(),
  });

  api.put(
    '/spaces/:spaceId/meeting-schedule',
    {
      schema: {
        summary: 'Set the weekly meeting time',
        description: 'In the time zone of the partner who sets it. It appears in each partner’s calendar feed.',
        tags: ['check-ins'],
        security: bearer,
        params: SpaceParams,
        body: Type.Object(
          {
            weekday: Type.Integer({ minimum: 1, maximum: 7 }),
            time: ClockTime,
            durationMinutes: Type.Optional(Type.Integer({ minimum: 10, maximum: 240 })),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ schedule: Schedule }), ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const { account } = requireAuth(request);
      const s = await act(ctx, setMeetingSchedule(ctx, account, request.params.spaceId, request.body));
      return { schedule: { weekday: s.weekday, time: s.time, durationMinutes: s.durationMinutes, timezone: s.timezone } };
    },
  );

  api.post(
    '/me/calendar-feed',
    {
      schema: {
        summary: 'A new secret calendar (.ics) address for your weekly meetings',
        description: 'Shown once. Any earlier address stops working. The feed names no one and quotes nothing anyone wrote.',
        tags: ['check-ins'],
        security: bearer,
        response: { 201: Type.Object({ url: Type.String() }), ...errors(401) },
      },
    },
    async (request, reply) => {
      const { account } = requireAuth(request);
      return reply.status(201).send(await act(ctx, newCalendarFeed(ctx, account.id)));
    },
  );

  api.delete(
    '/me/calendar-feed',
    {
      schema: {
        summary: 'Turn off your calendar address',
        tags: ['check-ins'],
        security: bearer,
        response: { 204: NoContent, ...errors(401) },
      },
    },
    async (request, reply) => {
      const { account } = requireAuth(request);
      await act(ctx, revokeCalendarFeed(ctx, account.id));
      return reply.status(204).send(null);
    },
  );
}
