import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { addDays } from '../../core/time.js';
import type { CheckinView, ReassuranceView } from './service.js';
import type { Meeting } from '../meetings/index.js';
import { requireAuth } from '../../platform/http/plugins/auth.js';
import { MEETING_KEY } from '../meetings/index.js';
import { REASSURANCE_KEY } from '../reassurance/index.js';
import { nextLink, PageQuery, Paged, pageRequest } from '../../platform/http/api-paging.js';
import { Checkin, DateString, DayMark, MonthString, NumbersShared, ReassuranceRequest, Score, TextIn } from '../progress/index.js';
import { bearer, errors, Id, Instant, NoContent } from '../../platform/http/api-schemas.js';

export const checkinDto = (c: CheckinView) => ({
  id: c.id,
  accountId: c.accountId,
  date: c.date,
  safety: c.safety,
  trust: c.trust,
  closeness: c.closeness,
  day: c.day,
  numbersShared: c.numbersShared,
  note: c.note,
  updatedAt: c.updatedAt,
});

export const reassuranceDto = (r: ReassuranceView) => ({
  id: r.id,
  requestedBy: r.requestedBy,
  note: r.note,
  createdAt: r.createdAt,
  answeredBy: r.answeredBy,
  answer: r.answer,
  answeredAt: r.answeredAt,
});

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
  agenda: Type.Object({ appreciations: Type.String(), wentWell: Type.String(), agreementLog: Type.String(), concern: Type.String(), requests: Type.String() }),
});
const meetingDto = (m: Meeting) => ({ id: m.id, heldOn: m.heldOn, createdBy: m.createdBy, createdAt: m.createdAt, agenda: m.agenda });

/** Check-ins, reassurance requests, monthly reviews, weekly meetings (API.md "Check-ins and progress"). */
export async function checkinRoutes(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const { rhythm } = app.mend;
  const SpaceParams = Type.Object({ spaceId: Id });

  api.put(
    '/spaces/:spaceId/checkins/:date',
    {
      schema: {
        summary: 'Your pulse check-in for a day',
        description:
          'Safety, trust and closeness from 0 to 10, an optional good / mixed / hard, and an optional note that is private or shared. ' +
          'One per partner per local day: 201 the first time, 200 when it replaces that day’s earlier one. The date is your local today, or one of the two days before; never the future. ' +
          '`numbersShared` is your choice whether your partner (and an active therapist) sees your numbers and how the day was, or only that you checked in; sent, it becomes your choice everywhere ' +
          '(as PUT /api/v1/me/checkin-numbers); left out, your choice stays as it is — and if you never made one, your numbers stay yours alone.',
        tags: ['check-ins'],
        security: bearer,
        params: Type.Object({ spaceId: Id, date: DateString }),
        body: Type.Object(
          {
            safety: Score,
            trust: Score,
            closeness: Score,
            day: Type.Optional(Type.Union([DayMark, Type.Null()])),
            note: Type.Optional(Type.Union([TextIn, Type.Null()])),
            numbersShared: Type.Optional(NumbersShared),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ checkin: Checkin }), 201: Type.Object({ checkin: Checkin }), ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const { account } = requireAuth(request);
      const { created, checkin, noticeable } = await rhythm.checkins.put(account, request.params.spaceId, request.params.date, request.body);
      // An edit of a private note alone is not announced: even its timing is the author's.
      if (noticeable) await app.mend.live.publish(request.params.spaceId, { kind: 'checkin', accountId: account.id, date: checkin.date });
      return reply.status(created ? 201 : 200).send({ checkin: checkinDto(checkin) });
    },
  );

  api.get(
    '/spaces/:spaceId/checkins',
    {
      schema: {
        summary: 'Check-ins you may see',
        description:
          'Every partner’s check-ins; their numbers and day mark only when they share them or they are yours (otherwise null, with `numbersShared: false`); notes only when shared or your own. ' +
          '`from` defaults to 27 days before `to`, `to` to your local today; at most 366 days.',
        tags: ['check-ins'],
        security: bearer,
        params: SpaceParams,
        querystring: Type.Object({ from: Type.Optional(DateString), to: Type.Optional(DateString) }, { additionalProperties: false }),
        response: { 200: Type.Object({ checkins: Type.Array(Checkin) }), ...errors(400, 401, 404) },
      },
    },
    async (request) => {
      const { account } = requireAuth(request);
      const to = request.query.to ?? rhythm.checkins.today(account);
      const from = request.query.from ?? addDays(to, -27);
      return { checkins: (await rhythm.checkins.list(account.id, request.params.spaceId, from, to)).map(checkinDto) };
    },
  );

  api.post(
    '/spaces/:spaceId/reassurance-requests',
    {
      schema: {
        summary: 'Ask your partner for reassurance',
        tags: ['check-ins'],
        security: bearer,
        params: SpaceParams,
        body: Type.Object({ note: Type.Optional(Type.Union([TextIn, Type.Null()])) }, { additionalProperties: false }),
        response: { 201: Type.Object({ reassuranceRequest: ReassuranceRequest }), ...errors(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const { account } = requireAuth(request);
      const r = await rhythm.checkins.requestReassurance(account, request.params.spaceId, request.body.note);
      // The call is a space record even when its note is private: the event names only its id.
      await app.mend.live.publish(r.spaceId, { kind: 'reassurance_requested', id: r.id });
      return reply.status(201).send({ reassuranceRequest: reassuranceDto(r) });
    },
  );

  api.get(
    '/spaces/:spaceId/reassurance-requests',
    {
      schema: {
        summary: 'Calls for reassurance in the space, newest first, a page at a time',
        tags: ['check-ins'],
        security: bearer,
        params: SpaceParams,
        querystring: PageQuery,
        response: { 200: Paged('reassuranceRequests', ReassuranceRequest), ...errors(400, 401, 404) },
      },
    },
    async (request) => {
      const { account } = requireAuth(request);
      const at = pageRequest(request.query, REASSURANCE_KEY.length);
      const page = await rhythm.checkins.listReassurance(account.id, request.params.spaceId, at);
      return { reassuranceRequests: page.items.map(reassuranceDto), next: nextLink(request, page, at.size) };
    },
  );

  api.post(
    '/reassurance-requests/:requestId/answer',
    {
      schema: {
        summary: 'Answer your partner’s call for reassurance',
        description: 'The answer is shared with your partner (and an active therapist).',
        tags: ['check-ins'],
        security: bearer,
        params: Type.Object({ requestId: Id }),
        body: Type.Object({ text: Type.String({ minLength: 1, maxLength: 2000 }) }, { additionalProperties: false }),
        response: { 200: Type.Object({ reassuranceRequest: ReassuranceRequest }), ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const { account } = requireAuth(request);
      const answered = await rhythm.checkins.answerReassurance(account, request.params.requestId, request.body.text);
      await app.mend.live.publish(answered.spaceId, { kind: 'reassurance_answered', id: answered.id });
      return { reassuranceRequest: reassuranceDto(answered) };
    },
  );

  api.put(
    '/spaces/:spaceId/monthly-reviews/:month',
    {
      schema: {
        summary: 'Your monthly progress review',
        description: 'Rate 1–5: "We communicate more openly", "I feel closer", "There is mutual respect and understanding". 201 the first time in a month, 200 when replacing.',
        tags: ['check-ins'],
        security: bearer,
        params: Type.Object({ spaceId: Id, month: MonthString }),
        body: Type.Object(
          { communicate: Type.Integer({ minimum: 1, maximum: 5 }), closer: Type.Integer({ minimum: 1, maximum: 5 }), respect: Type.Integer({ minimum: 1, maximum: 5 }) },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ month: MonthString }), 201: Type.Object({ month: MonthString }), ...errors(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const { account } = requireAuth(request);
      const { created } = await rhythm.checkins.saveMonthlyReview(account, request.params.spaceId, { month: request.params.month, ...request.body });
      // Both partners' ratings are on everyone's progress page (partners and an active therapist).
      await app.mend.live.publish(request.params.spaceId, { kind: 'monthly_review', accountId: account.id, month: request.params.month });
      return reply.status(created ? 201 : 200).send({ month: request.params.month });
    },
  );

  api.post(
    '/spaces/:spaceId/meetings',
    {
      schema: {
        summary: 'Save the record of a weekly check-in meeting',
        description: 'The guided agenda: appreciations, what went well, the week’s agreement log, one concern raised gently, requests for the coming week. A shared record.',
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
      const meeting = await rhythm.meetings.record(account, request.params.spaceId, { ...(heldOn ? { heldOn } : {}), agenda });
      await app.mend.live.publish(meeting.spaceId, { kind: 'meeting', id: meeting.id, date: meeting.heldOn });
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
      const page = await rhythm.meetings.list(account.id, request.params.spaceId, at);
      return { meetings: page.items.map(meetingDto), next: nextLink(request, page, at.size) };
    },
  );

  const Schedule = Type.Object({ weekday: Type.Integer({ minimum: 1, maximum: 7, description: '1 = Monday … 7 = Sunday' }), time: Type.String({ pattern: '^\\d{2}:\\d{2}$', maxLength: 5 }), durationMinutes: Type.Integer(), timezone: Type.String() });

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
          { weekday: Type.Integer({ minimum: 1, maximum: 7 }), time: Type.String({ pattern: '^\\d{2}:\\d{2}$', maxLength: 5 }), durationMinutes: Type.Optional(Type.Integer({ minimum: 10, maximum: 240 })) },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ schedule: Schedule }), ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const { account } = requireAuth(request);
      const s = await rhythm.meetings.setSchedule(account, request.params.spaceId, request.body);
      // The time is on every member's meetings page (a therapist's too), so it is news for all.
      await app.mend.live.publish(request.params.spaceId, { kind: 'meeting_schedule' });
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
      return reply.status(201).send(await rhythm.meetings.newFeed(account.id));
    },
  );

  api.delete(
    '/me/calendar-feed',
    {
      schema: { summary: 'Turn off your calendar address', tags: ['check-ins'], security: bearer, response: { 204: NoContent, ...errors(401) } },
    },
    async (request, reply) => {
      const { account } = requireAuth(request);
      await rhythm.meetings.revokeFeed(account.id);
      return reply.status(204).send(null);
    },
  );
}
