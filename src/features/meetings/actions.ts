import { outcome, type Outcome } from '../../core/events.js';
import type { AppContext } from '../../context.js';
import { meetingPlace } from '../../core/drafts/places.js';
import type { Account } from '../../core/accounts/account.js';
import type { Meeting, MeetingAgenda, MeetingSchedule } from './service.js';

/** The shared record of a weekly meeting. */
export async function recordMeeting(
  ctx: AppContext,
  account: Account,
  spaceId: string,
  input: { heldOn?: string; agenda: Partial<MeetingAgenda> },
): Promise<Outcome<Meeting>> {
  const recorded = await ctx.rhythm.meetings.record(account, spaceId, input);
  // The record is saved: the draft of it goes (issue #18).
  await ctx.drafts.sent(account.id, meetingPlace(spaceId));
  return recorded;
}

/** The weekly meeting's time, in the time zone of the partner who sets it. */
export function setMeetingSchedule(
  ctx: AppContext,
  account: Account,
  spaceId: string,
  input: { weekday: number; time: string; durationMinutes?: number },
): Promise<Outcome<MeetingSchedule>> {
  return ctx.rhythm.meetings.setSchedule(account, spaceId, input);
}

/** A new secret calendar address (any earlier one stops working). A person's own: nobody is told. */
export async function newCalendarFeed(ctx: AppContext, accountId: string): Promise<Outcome<{ url: string }>> {
  return outcome(await ctx.rhythm.meetings.newFeed(accountId));
}

/** Turns a person's calendar address off. Nobody is told. */
export async function revokeCalendarFeed(ctx: AppContext, accountId: string): Promise<Outcome<null>> {
  await ctx.rhythm.meetings.revokeFeed(accountId);
  return outcome(null);
}
