import type { LiveEvent } from './live-event.js';
import type { NotificationType } from './notification-types.js';
import type { EntryContext, SpaceMembership, Subject } from './visibility/index.js';

/**
 * What an action caused, returned to the one place that tells people (src/features/act.ts) after
 * the write succeeded. An action never publishes or notifies itself, so a page and the API, which
 * call the same action, cannot disagree about who is told.
 */
export interface SpaceEvent {
  spaceId: string;
  /** For every open page of the space; only what every active member may see (see LiveEvent). */
  live?: LiveEvent;
  /** For a partner's notifications; the visibility policy decides per recipient whether it is kept. */
  notify?: NotificationIntent;
}

export interface NotificationIntent {
  type: NotificationType;
  /** Who did it; never notified about their own action. Null for Mend's own reminders. */
  actorId: string | null;
  link: string;
  /** What it is about, so the policy can tell whether the recipient may even learn it happened. */
  about: Subject;
  membership: SpaceMembership;
  /** One recipient; when absent, every partner of the space but the actor. */
  recipientId?: string;
  /** For an entry of a sealed pair: the journey's other entries and opened pairs, so the policy can judge the pair. */
  context?: EntryContext;
}

/** An action's answer: what it made or changed, and what that caused. */
export interface Outcome<T> {
  value: T;
  events: SpaceEvent[];
}

export function outcome<T>(value: T, ...events: Array<SpaceEvent | null | undefined | false>): Outcome<T> {
  return { value, events: events.filter((e): e is SpaceEvent => Boolean(e)) };
}
