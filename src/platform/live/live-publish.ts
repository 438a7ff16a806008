import type { EntryView } from '../../features/journey/service.js';
import type { Actor } from '../../features/journey/access.js';
import { ApologyStore } from '../../features/journey/apologies-store.js';
import type { AppContext } from '../../context.js';

/**
 * Tells the space about a journey entry only when every active member may see it: a shared entry
 * at once; a sealed one only when it opened its pair (both partners wrote theirs — from then on
 * both partners and an active therapist read both). A private entry, or a sealed entry whose pair
 * is still closed, produces nothing: a therapist may not even learn that it exists. The decision
 * is the journey service's `entryNews`, read from facts alone (no text is opened).
 */
export async function publishJourneyEntry(ctx: AppContext, actor: Actor, journeyId: string, entry: EntryView): Promise<void> {
  try {
    const news = await ctx.journeys.entryNews(actor, entry);
    if (news?.kind === 'journey_entry') await ctx.live.publish(news.spaceId, { kind: 'journey_entry', journeyId, id: entry.id });
    else if (news?.kind === 'entries_revealed') await ctx.live.publish(news.spaceId, { kind: 'entries_revealed', journeyId });
  } catch {
    // The entry is saved; a missed live update only means the other page shows it on its next load.
  }
}

/**
 * Tells the space that an apology was delivered or answered. Only a delivered apology is read like
 * shared text (a draft is its author's alone, and the author can see their own draft, so "the
 * author may see it" is not the test): the event goes out only when the stored apology says it
 * was delivered. Its answer is part of the delivered apology, read by the same people.
 */
export async function publishApology(ctx: AppContext, actor: Actor, apologyId: string): Promise<void> {
  try {
    const journeyId = await new ApologyStore(ctx.store.db, ctx.vault).journeyOf(apologyId);
    if (!journeyId) return;
    const { spaceId, apologies } = await ctx.journeys.apologies(actor, journeyId);
    const apology = apologies.find((a) => a.id === apologyId);
    if (!apology || apology.deliveredAt === null) return;
    await ctx.live.publish(spaceId, { kind: 'apology', journeyId, id: apologyId });
  } catch {
    // The apology is saved; the other pages show it on their next load.
  }
}

/**
 * Tells the space that a partner acknowledged step 1. Every member may see it: the steps section
 * of the journey page says, for a therapist too, whom step 1 still waits for. Saying it again
 * changes nothing, but is not worth a second read to tell apart.
 */
export async function publishAcknowledgement(ctx: AppContext, actor: Actor, journeyId: string): Promise<void> {
  try {
    const { access } = await ctx.journeys.load(actor, journeyId);
    await ctx.live.publish(access.space.id, { kind: 'journey_acknowledged', journeyId });
  } catch {
    // The acknowledgement is saved; the other pages show it on their next load.
  }
}
