import { FIRST_PAGE, type Page, type PageRequest } from '../../core/paging/cursor.js';
import { safeNotification, viewerOf, type EntryContext, type SpaceMembership, type Subject } from '../../core/visibility/index.js';
import { newId } from '../../platform/db/ids.js';
import type { NotificationStore, StoredNotification } from './store.js';
import type { Clock } from '../../platform/clock.js';
import { messageFor, NOTIFICATION_MESSAGES, type NotificationType } from '../../core/notification-types.js';

export { messageFor, NOTIFICATION_MESSAGES, type NotificationType };

export interface NotificationView extends StoredNotification {
  message: string;
}

export class NotificationService {
  constructor(
    private readonly deps: {
      notifications: NotificationStore;
      clock: Clock;
      /** Told, after a notification was written, whom it is for: push sends in the background (features/push). */
      written?: (recipientId: string) => void;
      /** Told whose unread notifications changed (one written, some read): their open pages' count moves (issue #18). */
      changed?: (accountId: string) => void;
    },
  ) {}

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
    /** For an entry of a sealed pair: the journey's entries and opened pairs (see EntryContext). */
    context?: EntryContext;
  }): Promise<boolean> {
    if (input.recipientId === input.actorId) return false;
    const draft = safeNotification(
      viewerOf(input.recipientId, input.membership),
      input.about,
      { type: input.type, text: null },
      input.context,
    );
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
    this.deps.written?.(input.recipientId);
    this.deps.changed?.(input.recipientId);
    return true;
  }

  /** Notifies every partner of the space except the actor. */
  async notifyPartners(input: {
    spaceId: string;
    membership: SpaceMembership;
    type: NotificationType;
    actorId: string;
    link: string;
    about: Subject;
  }): Promise<void> {
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
    const marked = await this.deps.notifications.markRead(accountId, id, this.deps.clock.now().toISOString());
    if (marked > 0) this.deps.changed?.(accountId);
    return marked;
  }
}
