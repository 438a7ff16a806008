import { outcome, type Outcome } from '../../core/events.js';
import { isClockTime } from '../../core/clock-time.js';
import { quietHoursProblem, type QuietHours } from '../../core/notifications/quiet-hours.js';
import type { EmailList } from '../../core/notifications/email-stop-token.js';
import { fail } from '../../platform/errors.js';
import type { AppContext } from '../../context.js';
import type { ReminderPreferences } from './store.js';

/** Marks one of a person's notifications (or, with no id, all) as read. Their own: nobody is told. */
export async function markNotificationsRead(ctx: AppContext, accountId: string, id: string | null): Promise<Outcome<{ marked: number }>> {
  return outcome({ marked: await ctx.rhythm.notifications.markRead(accountId, id) });
}

export interface ReminderChoice {
  /** Local HH:MM for the daily check-in reminder; null for none. */
  dailyTime: string | null;
  weeklyEmail: boolean;
  /** Left out: kept as they are. */
  waitingEmail?: boolean;
  reminderEmail?: boolean;
  quietHours?: QuietHours | null;
}

/** A person's reminders, the emails they want and their quiet hours. Their own: nobody is told. */
export async function setReminders(ctx: AppContext, accountId: string, choice: ReminderChoice): Promise<Outcome<ReminderPreferences>> {
  if (choice.dailyTime !== null && !isClockTime(choice.dailyTime)) fail('invalid_input', { dailyTime: 'Use a time like 20:30.' });
  const quiet = choice.quietHours === undefined ? null : quietHoursProblem(choice.quietHours);
  if (quiet) fail('invalid_input', { quietHours: quiet });
  await ctx.rhythm.reminders.setPreferences(accountId, choice);
  return outcome(await ctx.rhythm.reminders.preferences(accountId));
}

/**
 * Stops one kind of email for whoever the link was made for, without signing in: the token in
 * the link is the only key (core/notifications/email-stop-token.ts). Turned back on from the
 * Notifications page. Nobody is told. A token Mend did not make changes nothing.
 */
export async function stopEmails(ctx: AppContext, token: string): Promise<Outcome<{ list: EmailList }>> {
  const reader = ctx.rhythm.reminders.emailStop(token);
  if (!reader) fail('not_found');
  await ctx.rhythm.reminders.setEmailList(reader.accountId, reader.list, false);
  return outcome({ list: reader.list });
}
