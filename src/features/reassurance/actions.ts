import type { Outcome } from '../../core/events.js';
import type { AppContext } from '../../context.js';
import type { Account } from '../../core/accounts/account.js';
import type { TextInput } from '../checkin/index.js';
import type { ReassuranceView } from './service.js';

/** A partner's call for reassurance. The call is a space record; a private note reaches no one. */
export function askForReassurance(
  ctx: AppContext,
  account: Account,
  spaceId: string,
  note: TextInput | null | undefined,
): Promise<Outcome<ReassuranceView>> {
  return ctx.rhythm.reassurance.request(account, spaceId, note);
}

/**
 * The other partner's answer, told to the one who asked. `inSpace` is the space a page's address
 * names (a call of another space is not found there); the API names none.
 */
export function answerReassurance(
  ctx: AppContext,
  account: Account,
  requestId: string,
  text: string,
  inSpace?: string,
): Promise<Outcome<ReassuranceView>> {
  return ctx.rhythm.reassurance.answer(account, requestId, text, inSpace);
}
