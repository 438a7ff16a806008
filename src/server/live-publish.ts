import type { Actor } from '../services/journeys-access.js';
import type { EntryView } from '../services/journeys.js';
import type { AppContext } from './context.js';

/**
 * Tells the space about a journey entry only when every active member may see it: a shared entry
 * at once; a sealed one only when it opened its pair (both partners wrote theirs — from then on
 * both partners and an active therapist read both). A private entry, or a sealed entry whose pair
 * is still closed, produces nothing: a therapist may not even learn that it exists.
 */
export async function publishJourneyEntry(ctx: AppContext, actor: Actor, journeyId: string, entry: EntryView): Promise<void> {
  if (entry.visibility === 'private') return;
  try {
    const { spaceId, entries } = await ctx.journeys.entries(actor, journeyId);
    if (entry.visibility === 'shared') return await ctx.live.publish(spaceId, { kind: 'journey_entry', journeyId, id: entry.id });
    const opened = entries.some((e) => e.authorId !== actor.id && e.prompt === entry.prompt && !('sealed' in e && e.sealed === true));
    if (opened) await ctx.live.publish(spaceId, { kind: 'entries_revealed', journeyId });
  } catch {
    // The entry is saved; a missed live update only means the other page shows it on its next load.
  }
}
