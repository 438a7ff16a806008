import type { Generated } from 'kysely';

/**
 * The rhythm of steps 4–6 (migration 0003): daily check-ins, reassurance requests, weekly
 * meetings and their calendar feeds, monthly reviews, the agreement log, in-app notifications and
 * the reminders already sent. Columns ending in `_enc` hold text encrypted at rest.
 */
export interface CheckinTable {
  id: string;
  space_id: string;
  account_id: string;
  /** The partner's local calendar day, `YYYY-MM-DD`. One row per partner per day. */
  date: string;
  safety: number;
  trust: number;
  closeness: number;
  day: 'good' | 'mixed' | 'hard' | null;
  note_enc: string | null;
  note_visibility: 'private' | 'shared' | null;
  created_at: string;
  updated_at: string;
}

export interface ReassuranceRequestTable {
  id: string;
  space_id: string;
  requested_by: string;
  note_enc: string | null;
  note_visibility: 'private' | 'shared' | null;
  created_at: string;
  answered_by: string | null;
  /** The answer is written to the partner who asked, so it is shared. */
  answer_enc: string | null;
  answered_at: string | null;
}

export interface MeetingTable {
  id: string;
  space_id: string;
  held_on: string;
  created_by: string;
  /** JSON of the five agenda sections, encrypted as one text; a shared record of the couple. */
  agenda_enc: string;
  created_at: string;
}

export interface MeetingScheduleTable {
  space_id: string;
  /** 1 = Monday … 7 = Sunday (ISO). */
  weekday: number;
  /** `HH:MM`, local to `timezone`. */
  time: string;
  duration_minutes: number;
  timezone: string;
  updated_by: string;
  updated_at: string;
}

export interface CalendarFeedTable {
  id: string;
  account_id: string;
  /** SHA-256 of the secret in the feed URL; the secret itself is never stored. */
  token_hash: string;
  created_at: string;
  revoked_at: string | null;
}

export interface MonthlyReviewTable {
  id: string;
  space_id: string;
  account_id: string;
  /** `YYYY-MM`. One per partner per month. */
  month: string;
  communicate: number;
  closer: number;
  respect: number;
  created_at: string;
  updated_at: string;
}

export interface NotificationTable {
  id: string;
  account_id: string;
  space_id: string | null;
  /** A stable type (`partner_checked_in`, …); never user text. */
  type: string;
  /** The account whose action caused it, if any. */
  actor_id: string | null;
  /** A same-site path to what happened. */
  link: string;
  created_at: string;
  read_at: string | null;
}

export interface ReminderPreferenceTable {
  account_id: string;
  /** `HH:MM` local time for the daily check-in reminder; null for none. */
  daily_time: string | null;
  /** 0/1: the weekly meeting reminder (in-app, and by email when reminder emails are on). */
  weekly_email: number;
  /** 0/1 (migration 0015): email "something is waiting for you"; on unless turned off. */
  waiting_email: Generated<number>;
  /** 0/1 (migration 0015): email the reminders too; on unless turned off. */
  reminder_email: Generated<number>;
  /** Local `HH:MM` quiet hours (migration 0015), both null for none; 22:00–08:00 unless chosen. */
  quiet_start: Generated<string | null>;
  quiet_end: Generated<string | null>;
  updated_at: string;
}

export interface SentReminderTable {
  /** `<kind>:<accountId>:<local date>`: inserting it claims the reminder, so it is sent once. */
  key: string;
  account_id: string;
  sent_at: string;
}

/** Step 6: each occasion of an agreement, logged by a partner who committed, reviewed by the other. */
export interface AgreementLogEntryTable {
  id: string;
  agreement_id: string;
  space_id: string;
  occurred_on: string;
  /** 0/1. */
  kept: number;
  logged_by: string;
  note_enc: string | null;
  note_visibility: 'private' | 'shared' | null;
  created_at: string;
  review: 'confirmed' | 'disputed' | null;
  reviewed_by: string | null;
  reviewed_at: string | null;
  review_note_enc: string | null;
  review_note_visibility: 'private' | 'shared' | null;
  /** The answer of the partner who logged it to a dispute, always shared (migration 0017). */
  reply_enc: string | null;
  replied_at: string | null;
}

export interface RhythmTables {
  agreement_log_entries: AgreementLogEntryTable;
  checkins: CheckinTable;
  reassurance_requests: ReassuranceRequestTable;
  meetings: MeetingTable;
  meeting_schedules: MeetingScheduleTable;
  calendar_feeds: CalendarFeedTable;
  monthly_reviews: MonthlyReviewTable;
  notifications: NotificationTable;
  reminder_preferences: ReminderPreferenceTable;
  sent_reminders: SentReminderTable;
}
