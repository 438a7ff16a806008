import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { requireAuth } from '../../platform/http/plugins/auth.js';
import { NOTIFICATION_KEY } from './cursor-key.js';
import { CLOCK_TIME } from '../../core/clock-time.js';
import { act } from '../act.js';
import { markNotificationsRead, setReminders } from './actions.js';
import { nextLink, PageQuery, Paged, pageRequest } from '../../platform/http/api-paging.js';
import { bearer, errors, Id, Instant } from '../../platform/http/api-schemas.js';

const Notification = Type.Object({
  id: Id,
  spaceId: Type.Union([Id, Type.Null()]),
  type: Type.String(),
  message: Type.String({ description: 'Fixed words for the type; never anything a user wrote.' }),
  link: Type.String(),
  createdAt: Instant,
  readAt: Type.Union([Instant, Type.Null()]),
});

const ClockTime = Type.String({ pattern: CLOCK_TIME.source, maxLength: 5 });
const QuietHours = Type.Union(
  [
    Type.Object(
      {
        start: Type.String({ pattern: CLOCK_TIME.source, maxLength: 5, description: 'Local HH:MM when they begin.' }),
        end: Type.String({
          pattern: CLOCK_TIME.source,
          maxLength: 5,
          description: 'Local HH:MM when they end; earlier than start crosses midnight.',
        }),
      },
      { additionalProperties: false },
    ),
    Type.Null(),
  ],
  {
    description:
      'When Mend sends you no email (in your time zone); null for none. What is held back goes once they end. 22:00–08:00 until you choose.',
  },
);
const WaitingEmail = Type.Boolean({
  description:
    'Email you, at most once an hour, when something waits for you and you have not been on Mend since. The email says only that. On until you turn it off.',
});
const ReminderEmail = Type.Boolean({ description: 'Email the reminders too, not only in Mend. On until you turn it off.' });

const Reminders = Type.Object({
  dailyTime: Type.Union([ClockTime, Type.Null()], {
    description: 'Local HH:MM for the daily check-in reminder; null for none.',
  }),
  weeklyEmail: Type.Boolean({ description: 'A reminder on the day of the weekly meeting.' }),
  waitingEmail: WaitingEmail,
  reminderEmail: ReminderEmail,
  quietHours: QuietHours,
});

/** In-app notifications and reminder settings. Reminders run in-process; see features/notifications/reminders.ts. */
export async function notificationRoutes(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const ctx = app.mend;
  const { rhythm } = ctx;

  // The reminder loop lives as long as the app: unref'd, and stopped when the app closes.
  rhythm.reminders.start({ log: app.log });
  app.addHook('onClose', async () => rhythm.reminders.stop());

  api.get(
    '/me/notifications',
    {
      schema: {
        summary: 'Your notifications, newest first, a page at a time',
        tags: ['notifications'],
        security: bearer,
        querystring: PageQuery,
        response: {
          200: Type.Composite([Paged('notifications', Notification), Type.Object({ unread: Type.Integer() })]),
          ...errors(400, 401),
        },
      },
    },
    async (request) => {
      const { account } = requireAuth(request);
      const at = pageRequest(request.query, NOTIFICATION_KEY.length);
      const page = await rhythm.notifications.list(account.id, at);
      return {
        notifications: page.items.map((n) => ({
          id: n.id,
          spaceId: n.spaceId,
          type: n.type,
          message: n.message,
          link: n.link,
          createdAt: n.createdAt,
          readAt: n.readAt,
        })),
        next: nextLink(request, page, at.size),
        unread: await rhythm.notifications.unreadCount(account.id),
      };
    },
  );

  api.get(
    '/me/notifications/unread',
    {
      schema: {
        summary: 'How many of your notifications are unread',
        description: 'The count the header shows on every page (issue #18). Reading notifications lowers it.',
        tags: ['notifications'],
        security: bearer,
        response: { 200: Type.Object({ unread: Type.Integer({ minimum: 0 }) }), ...errors(401) },
      },
    },
    async (request) => {
      const { account } = requireAuth(request);
      return { unread: await rhythm.notifications.unreadCount(account.id) };
    },
  );

  api.post(
    '/me/notifications/read',
    {
      schema: {
        summary: 'Mark one notification (or, without an id, all) as read',
        tags: ['notifications'],
        security: bearer,
        body: Type.Object({ id: Type.Optional(Id) }, { additionalProperties: false }),
        response: { 200: Type.Object({ marked: Type.Integer() }), ...errors(400, 401) },
      },
    },
    async (request) => {
      const { account } = requireAuth(request);
      return act(ctx, markNotificationsRead(ctx, account.id, request.body.id ?? null));
    },
  );

  api.get(
    '/me/reminders',
    {
      schema: {
        summary: 'Your reminder and email settings',
        tags: ['notifications'],
        security: bearer,
        response: {
          200: Type.Object({ reminders: Reminders, email: Type.Boolean({ description: 'Whether this Mend sends email at all.' }) }),
          ...errors(401),
        },
      },
    },
    async (request) => {
      const { account } = requireAuth(request);
      return { reminders: await rhythm.reminders.preferences(account.id), email: rhythm.reminders.emailEnabled };
    },
  );

  api.put(
    '/me/reminders',
    {
      schema: {
        summary: 'Choose your reminders, the emails you want and your quiet hours',
        description:
          'Reminders are in-app always; by email too when this Mend has SMTP configured and reminderEmail is on. Emails never contain anything anyone wrote. waitingEmail, reminderEmail and quietHours may be left out to keep them as they are.',
        tags: ['notifications'],
        security: bearer,
        body: Type.Object(
          {
            dailyTime: Reminders.properties.dailyTime,
            weeklyEmail: Type.Boolean(),
            waitingEmail: Type.Optional(WaitingEmail),
            reminderEmail: Type.Optional(ReminderEmail),
            quietHours: Type.Optional(QuietHours),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ reminders: Reminders }), ...errors(400, 401) },
      },
    },
    async (request) => {
      const { account } = requireAuth(request);
      return { reminders: await act(ctx, setReminders(ctx, account.id, request.body)) };
    },
  );
}
