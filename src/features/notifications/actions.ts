import { outcome, type Outcome } from '../../core/events.js';
import { isClockTime } from '../../core/clock-time.js';
import { fail } from '../../platform/errors.js';
import type { AppContext } from '../../context.js';

/** Marks one of a person's notifications (or, with no id, all) as read. Their own: nobody is told. */
export async function markNotificationsRead(ctx: AppContext, accountId: string, id: string | null): Promise<Outcome<{ marked: number }>> {
  return outcome({ marked: await ctx.rhythm.notifications.markRead(accountId, id) });
}

export interface ReminderChoice {
  /** Local HH:MM for the daily check-in reminder; null for none. */
  dailyTime: string | null;
  weeklyEmail: boolean;
}

/** A person's reminders. Their own: nobody is told. */
export async function setReminders(ctx: AppContext, accountId: string, choice: ReminderChoice): Promise<Outcome<ReminderChoice>> {
  if (choice.dailyTime !== null && !isClockTime(choice.dailyTime)) fail('invalid_input', { dailyTime: 'Use a time like 20:30.' });
  await ctx.rhythm.reminders.setPreferences(accountId, choice);
  return outcome(choice);
}
