import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isClockTime } from '../../core/clock-time.js';
import { requireAuth } from '../../platform/http/plugins/auth.js';
import { renderPage } from '../../platform/http/render.js';
import { field, formFields } from '../../platform/http/form.js';
import { historyLinksFor, historyRequest } from '../../platform/http/history-paging.js';
import { olderOf } from '../checkin/index.js';
import { act } from '../act.js';
import { markNotificationsRead, setReminders } from './actions.js';
import { quietHoursProblem } from '../../core/notifications/quiet-hours.js';
import { NOTIFICATION_KEY } from './cursor-key.js';
import { notificationsPage, type EmailFormValues } from './views/notifications-page.js';
import { pushSection } from '../push/index.js';

/** A person's notifications and reminder settings (issue #4). */
export async function notificationPages(app: FastifyInstance): Promise<void> {
  const ctx = app.mend;

  async function showNotifications(
    request: FastifyRequest,
    reply: FastifyReply,
    extra: { errors?: Record<string, string>; saved?: 'reminders' | 'email'; status?: number; emailForm?: EmailFormValues } = {},
  ) {
    const { account, session } = requireAuth(request);
    const at = historyRequest(olderOf(request), NOTIFICATION_KEY.length);
    const [page, reminders, devices] = await Promise.all([
      ctx.rhythm.notifications.list(account.id, at),
      ctx.rhythm.reminders.preferences(account.id),
      // Push is offered only while this Mend has it on (MEND_PUSH); the list is the person's own.
      ctx.push.publicKey ? ctx.push.list(account.id, session.id) : null,
    ]);
    const publicKey = ctx.push.publicKey;
    const list = page.items;
    const paging = historyLinksFor('/notifications', at, page);
    return renderPage(request, reply, {
      title: 'Notifications',
      ...(extra.status ? { status: extra.status } : {}),
      body: (csrf) =>
        notificationsPage({
          csrf,
          notifications: list,
          paging,
          reminders,
          email: ctx.rhythm.reminders.emailEnabled,
          timezone: account.timezone,
          ...(extra.errors ? { errors: extra.errors } : {}),
          ...(extra.saved ? { saved: extra.saved } : {}),
          ...(extra.emailForm ? { emailForm: extra.emailForm } : {}),
          pushEnabled: publicKey !== null,
          ...(devices && publicKey ? { push: pushSection({ csrf, publicKey, devices: devices.items, more: devices.next !== null }) } : {}),
        }),
      ...(devices && publicKey ? { scripts: ['/static/push-opt-in.js'] } : {}),
    });
  }

  app.get<{ Querystring: { saved?: string } }>('/notifications', (request, reply) =>
    showNotifications(
      request,
      reply,
      request.query.saved === '1' ? { saved: 'reminders' } : request.query.saved === 'email' ? { saved: 'email' } : {},
    ),
  );

  app.post('/notifications/read', async (request, reply) => {
    const { account } = requireAuth(request);
    await act(ctx, markNotificationsRead(ctx, account.id, null));
    return reply.redirect('/notifications', 303);
  });

  app.post('/notifications/reminders', async (request, reply) => {
    const { account } = requireAuth(request);
    const f = formFields(request, 100);
    const dailyTime = field(f, 'dailyTime').trim();
    // The page says the empty box is allowed too (the API says null).
    if (dailyTime && !isClockTime(dailyTime))
      return showNotifications(request, reply, { errors: { dailyTime: 'Use a time like 20:30, or leave it empty.' }, status: 400 });
    await act(ctx, setReminders(ctx, account.id, { dailyTime: dailyTime || null, weeklyEmail: field(f, 'weeklyEmail') === 'yes' }));
    return reply.redirect('/notifications?saved=1', 303);
  });

  app.post('/notifications/email', async (request, reply) => {
    const { account } = requireAuth(request);
    const f = formFields(request, 100);
    const stored = await ctx.rhythm.reminders.preferences(account.id);
    // Without SMTP the form holds the quiet hours only (for push): the email choices stay as they are.
    const choices = field(f, 'emailChoices') === 'shown';
    const form: EmailFormValues = {
      waitingEmail: choices ? field(f, 'waitingEmail') === 'yes' : stored.waitingEmail,
      reminderEmail: choices ? field(f, 'reminderEmail') === 'yes' : stored.reminderEmail,
      quietStart: field(f, 'quietStart').trim(),
      quietEnd: field(f, 'quietEnd').trim(),
    };
    // Both empty: no quiet hours. One empty, or two equal times, cannot be saved.
    const quietHours = form.quietStart || form.quietEnd ? { start: form.quietStart, end: form.quietEnd } : null;
    const problem =
      quietHours && (!quietHours.start || !quietHours.end)
        ? 'Fill in both times, or leave both empty for no quiet hours.'
        : quietHoursProblem(quietHours);
    if (problem) return showNotifications(request, reply, { errors: { quietHours: problem }, status: 400, emailForm: form });
    const { dailyTime, weeklyEmail } = stored;
    await act(
      ctx,
      setReminders(ctx, account.id, {
        dailyTime,
        weeklyEmail,
        waitingEmail: form.waitingEmail,
        reminderEmail: form.reminderEmail,
        quietHours,
      }),
    );
    return reply.redirect('/notifications?saved=email', 303);
  });
}
