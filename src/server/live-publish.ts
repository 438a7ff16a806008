import type { EntryView } from '../services/journeys.js';
import type { Actor } from '../services/journeys-access.js';
import type { AppContext } from './context.js';

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
