import { outcome, type Outcome } from '../../core/events.js';
import type { AppContext } from '../../context.js';
import type { Draft } from './draft.js';
import type { DraftAuthor } from './service.js';

/**
 * A person's drafts change only here (and in each sending action, which deletes the draft of what
 * it sent: `ctx.drafts.sent`). A draft is its author's alone, so no action here causes anything:
 * no live update, no notification, nothing any other person's page could count.
 */

export async function saveDraft(
  ctx: AppContext,
  author: DraftAuthor,
  place: string,
  fields: Readonly<Record<string, unknown>>,
  o: { strict: boolean },
): Promise<Outcome<Draft | null>> {
  return outcome(await ctx.drafts.put(author, place, fields, o));
}

/** Whether the author had a draft there to discard. */
export async function discardDraft(ctx: AppContext, author: DraftAuthor, place: string): Promise<Outcome<boolean>> {
  return outcome(await ctx.drafts.discard(author, place));
}
