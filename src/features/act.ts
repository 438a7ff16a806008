import type { Outcome, SpaceEvent } from '../core/events.js';
import type { AppContext } from '../context.js';

/**
 * The one place that tells people what an action caused, after its write succeeded: live updates
 * to the space's open pages, then notifications. Both doors (API routes and page routes) call
 * actions through here, so they cannot disagree about who is told. Telling is a comfort, never a
 * condition: the write is already saved, so a failure here is kept from the person (the other page
 * shows it on its next load, the notification is missed), and the operator is told which kind
 * could not be sent (`reportUntold`), never what anyone wrote.
 */
export async function publish(ctx: AppContext, events: readonly SpaceEvent[]): Promise<void> {
  for (const event of events) {
    // Each told on its own: a live update that fails must not cost the partner their notification.
    if (event.live) {
      try {
        await ctx.live.publish(event.spaceId, event.live);
      } catch (error) {
        ctx.reportUntold(`live:${event.live.kind}`, error);
      }
    }
    const n = event.notify;
    if (!n) continue;
    const recipients = n.recipientId !== undefined ? [n.recipientId] : n.membership.partnerIds.filter((id) => id !== n.actorId);
    for (const recipientId of recipients) {
      try {
        await ctx.rhythm.notifications.notify({
          recipientId,
          spaceId: event.spaceId,
          membership: n.membership,
          type: n.type,
          actorId: n.actorId,
          link: n.link,
          about: n.about,
          ...(n.context ? { context: n.context } : {}),
        });
      } catch (error) {
        ctx.reportUntold(`notification:${n.type}`, error);
      }
    }
  }
}

/** Runs an action's outcome to its value, publishing what it caused. `await act(ctx, someAction(…))`. */
export async function act<T>(ctx: AppContext, outcome: Promise<Outcome<T>>): Promise<T> {
  const { value, events } = await outcome;
  await publish(ctx, events);
  return value;
}
