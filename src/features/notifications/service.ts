import { FIRST_PAGE, type Page, type PageRequest } from '../../core/paging/cursor.js';
import { safeNotification, viewerOf, type SpaceMembership, type Subject } from '../../core/visibility/index.js';
import { newId } from '../../platform/db/ids.js';
import type { NotificationStore, StoredNotification } from './store.js';
import type { Clock } from '../../platform/clock.js';

/**
 * What each notification says. Fixed words per type: a notification never quotes what anyone
 * wrote, only that something happened, with a link (SPEC section 3; docs/privacy-rules.md).
 */
export const NOTIFICATION_MESSAGES = {
  partner_checked_in: 'Your partner checked in today.',
  reassurance_requested: 'Your partner asked for reassurance.',
  reassurance_answered: 'Your partner answered your call for reassurance.',
  agreement_proposed: 'Your partner proposed an agreement.',
  agreement_accepted: 'Your partner accepted an agreement.',
  agreement_logged: 'Your partner logged an occasion of an agreement. You can confirm it or say how you saw it.',
  agreement_log_confirmed: 'Your partner confirmed an occasion you logged.',
  agreement_log_disputed: 'Your partner saw an occasion you logged differently.',
  meeting_recorded: 'Notes from your check-in meeting were saved.',
  meeting_scheduled: 'Your weekly check-in meeting time was set.',
  monthly_review_done: 'Your partner did this month’s progress review.',
  checkin_reminder: 'A gentle reminder: today’s check-in is waiting for you.',
  meeting_reminder: 'Your weekly check-in meeting is today.',
} as const;

export type NotificationType = keyof typeof NOTIFICATION_MESSAGES;

export interface NotificationView extends StoredNotification {
  message: string;
}

export class NotificationService {
  constructor(private readonly deps: { notifications: NotificationStore; clock: Clock }) {}

  /**
   * Tells `recipientId` that something happened in a space — only when the visibility policy
   * lets them see what it is about (otherwise even the fact would leak, and nothing is stored).
   */
  async notify(input: {
    recipientId: string;
    spaceId: string;
    membership: SpaceMembership;
    type: NotificationType;
    actorId: string | null;
    link: string;
    about: Subject;
  }): Promise<boolean> {
    if (input.recipientId === input.actorId) return false;
    const draft = safeNotification(viewerOf(input.recipientId, input.membership), input.about, { type: input.type, text: null });
    if (!draft) return false;
    await this.deps.notifications.add({
      id: newId(),
      accountId: input.recipientId,
      spaceId: input.spaceId,
      type: draft.type,
      actorId: input.actorId,
      link: input.link,
      createdAt: this.deps.clock.now().toISOString(),
      readAt: null,
    });
    return true;
  }

  /** Notifies every partner of the space except the actor. */
  async notifyPartners(input: { spaceId: string; membership: SpaceMembership; type: NotificationType; actorId: string; link: string; about: Subject }): Promise<void> {
    for (const partnerId of input.membership.partnerIds) {
      if (partnerId !== input.actorId) await this.notify({ ...input, recipientId: partnerId });
    }
  }

  async list(accountId: string, at: PageRequest = FIRST_PAGE): Promise<Page<NotificationView>> {
    const page = await this.deps.notifications.page(accountId, at.after, at.size);
    return { items: page.items.map((n) => ({ ...n, message: messageFor(n.type) })), next: page.next };
  }

  unreadCount(accountId: string): Promise<number> {
    return this.deps.notifications.unreadCount(accountId);
  }

  async markRead(accountId: string, id: string | null): Promise<number> {
    return this.deps.notifications.markRead(accountId, id, this.deps.clock.now().toISOString());
  }
}

export function messageFor(type: string): string {
  return (NOTIFICATION_MESSAGES as Record<string, string>)[type] ?? 'Something happened in your space.';
}
