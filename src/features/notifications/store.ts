import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import { pageOf, type Page, type PageKey } from '../../core/paging/cursor.js';
import { olderThan } from '../../platform/db/keyset.js';

import { NOTIFICATION_KEY } from './cursor-key.js';
import { DEFAULT_QUIET_HOURS, type QuietHours } from '../../core/notifications/quiet-hours.js';

export { NOTIFICATION_KEY };

export interface StoredNotification {
  id: string;
  accountId: string;
  spaceId: string | null;
  type: string;
  actorId: string | null;
  link: string;
  createdAt: string;
  readAt: string | null;
}

/** A person's reminders and the emails they want (the settings on the Notifications page). */
export interface ReminderPreferences {
  /** Local HH:MM of the daily check-in reminder; null for none. */
  dailyTime: string | null;
  /** The reminder on the day of the weekly meeting. */
  weeklyEmail: boolean;
  /** Email "something is waiting for you" (on unless turned off). */
  waitingEmail: boolean;
  /** Email the reminders too, not only in the app (on unless turned off). */
  reminderEmail: boolean;
  /** When Mend sends nothing outside the app; null for never. */
  quietHours: QuietHours | null;
}

/** What a person has before they choose anything. */
export const DEFAULT_PREFERENCES: ReminderPreferences = {
  dailyTime: null,
  weeklyEmail: false,
  waitingEmail: true,
  reminderEmail: true,
  quietHours: DEFAULT_QUIET_HOURS,
};

/** In-app notifications (never any user text), reminder and email preferences, and reminders already sent. */
export class NotificationStore {
  constructor(private readonly db: Kysely<Database>) {}

  async add(n: StoredNotification): Promise<void> {
    await this.db
      .insertInto('notifications')
      .values({
        id: n.id,
        account_id: n.accountId,
        space_id: n.spaceId,
        type: n.type,
        actor_id: n.actorId,
        link: n.link,
        created_at: n.createdAt,
        read_at: n.readAt,
      })
      .execute();
  }

  /** One page of the account's notifications, newest first, after `after` (a key of NOTIFICATION_KEY). */
  async page(accountId: string, after: PageKey | null, size: number): Promise<Page<StoredNotification>> {
    let q = this.db.selectFrom('notifications').selectAll().where('account_id', '=', accountId);
    if (after) q = q.where(olderThan(NOTIFICATION_KEY, after));
    const rows = await q
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(size + 1)
      .execute();
    const items = rows.map((r) => ({
      id: r.id,
      accountId: r.account_id,
      spaceId: r.space_id,
      type: r.type,
      actorId: r.actor_id,
      link: r.link,
      createdAt: r.created_at,
      readAt: r.read_at,
    }));
    return pageOf(items, size, (n) => [n.createdAt, n.id]);
  }

  async unreadCount(accountId: string): Promise<number> {
    const row = await this.db
      .selectFrom('notifications')
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .where('account_id', '=', accountId)
      .where('read_at', 'is', null)
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  /** Marks the account's notifications read (one, or all when `id` is null). */
  async markRead(accountId: string, id: string | null, now: string): Promise<number> {
    let q = this.db.updateTable('notifications').set({ read_at: now }).where('account_id', '=', accountId).where('read_at', 'is', null);
    if (id !== null) q = q.where('id', '=', id);
    const result = await q.executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  async preferences(accountId: string): Promise<ReminderPreferences> {
    const row = await this.db.selectFrom('reminder_preferences').selectAll().where('account_id', '=', accountId).executeTakeFirst();
    if (!row) return DEFAULT_PREFERENCES;
    return {
      dailyTime: row.daily_time,
      weeklyEmail: row.weekly_email === 1,
      waitingEmail: row.waiting_email === 1,
      reminderEmail: row.reminder_email === 1,
      quietHours: row.quiet_start && row.quiet_end ? { start: row.quiet_start, end: row.quiet_end } : null,
    };
  }

  async setPreferences(accountId: string, p: ReminderPreferences, now: string): Promise<void> {
    const values = {
      daily_time: p.dailyTime,
      weekly_email: p.weeklyEmail ? 1 : 0,
      waiting_email: p.waitingEmail ? 1 : 0,
      reminder_email: p.reminderEmail ? 1 : 0,
      quiet_start: p.quietHours?.start ?? null,
      quiet_end: p.quietHours?.end ?? null,
      updated_at: now,
    };
    await this.db
      .insertInto('reminder_preferences')
      .values({ account_id: accountId, ...values })
      .onConflict((oc) => oc.column('account_id').doUpdateSet(values))
      .execute();
  }

  /** Turns one kind of email off (or on), leaving every other choice as it is. */
  async setEmailList(accountId: string, list: 'waiting' | 'reminders', on: boolean, now: string): Promise<void> {
    // A stop link outlives its account (it is in old emails): for an account that is gone there is
    // nothing to send and nothing to keep.
    if (!(await this.db.selectFrom('accounts').select('id').where('id', '=', accountId).executeTakeFirst())) return;
    const d = DEFAULT_PREFERENCES;
    await this.db
      .insertInto('reminder_preferences')
      .values({ account_id: accountId, daily_time: d.dailyTime, weekly_email: d.weeklyEmail ? 1 : 0, updated_at: now })
      .onConflict((oc) => oc.column('account_id').doNothing())
      .execute();
    await this.db
      .updateTable('reminder_preferences')
      .set(list === 'waiting' ? { waiting_email: on ? 1 : 0, updated_at: now } : { reminder_email: on ? 1 : 0, updated_at: now })
      .where('account_id', '=', accountId)
      .execute();
  }

  /** Accounts that asked for a daily reminder. */
  async dailyReminderAccounts(): Promise<Array<{ accountId: string; dailyTime: string }>> {
    const rows = await this.db
      .selectFrom('reminder_preferences')
      .select(['account_id', 'daily_time'])
      .where('daily_time', 'is not', null)
      .execute();
    return rows.map((r) => ({ accountId: r.account_id, dailyTime: r.daily_time! }));
  }

  async weeklyReminderAccounts(): Promise<string[]> {
    const rows = await this.db.selectFrom('reminder_preferences').select('account_id').where('weekly_email', '=', 1).execute();
    return rows.map((r) => r.account_id);
  }

  /**
   * Claims a reminder before it is sent: true for exactly one caller, whichever app server or
   * restart asks, because the key is the primary key.
   */
  async claimReminder(key: string, accountId: string, now: string): Promise<boolean> {
    const result = await this.db
      .insertInto('sent_reminders')
      .values({ key, account_id: accountId, sent_at: now })
      .onConflict((oc) => oc.column('key').doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
  }

  /** Gives a claim back when sending failed, so the next round tries again. */
  async releaseReminder(key: string): Promise<void> {
    await this.db.deleteFrom('sent_reminders').where('key', '=', key).execute();
  }
}
