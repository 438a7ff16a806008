import type { Outcome } from '../../core/events.js';
import type { AppContext } from '../../context.js';
import { reassuranceAnswerPlace, reassurancePlace } from '../../core/drafts/places.js';
import type { Account } from '../../core/accounts/account.js';
import type { TextInput } from '../checkin/index.js';
import type { ReassuranceView } from './service.js';

/** A partner's call for reassurance. The call is a space record; a private note reaches no one. */
export async function askForReassurance(
  ctx: AppContext,
  account: Account,
  spaceId: string,
  note: TextInput | null | undefined,
): Promise<Outcome<ReassuranceView>> {
  const asked = await ctx.rhythm.reassurance.request(account, spaceId, note);
  // The call is sent, its note with it: the note's draft goes (issue #18).
  await ctx.drafts.sent(account.id, reassurancePlace(spaceId));
  return asked;
}

/**
 * The other partner's answer, told to the one who asked. `inSpace` is the space a page's address
 * names (a call of another space is not found there); the API names none.
 */
export async function answerReassurance(
  ctx: AppContext,
  account: Account,
  requestId: string,
  text: string,
  inSpace?: string,
): Promise<Outcome<ReassuranceView>> {
  const answered = await ctx.rhythm.reassurance.answer(account, requestId, text, inSpace);
  await ctx.drafts.sent(account.id, reassuranceAnswerPlace(requestId));
  return answered;
}
