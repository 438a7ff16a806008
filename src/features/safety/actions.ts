import { supportCountryFor } from '../../core/safety/index.js';
import { outcome, type Outcome } from '../../core/events.js';
import type { AppContext } from '../../context.js';
import type { Authenticated } from '../accounts/index.js';

/**
 * The safety screening and the quick exit. Nothing here ever returns an event: a screening, its
 * answers and its result are the person's alone (SPEC section 6) — no live update, no
 * notification, not even that one was taken; leaving Mend in a hurry tells no one either.
 */

/** Records a screening and answers with the support it calls for (resources for the person's country first). */
export async function submitScreening(ctx: AppContext, auth: Authenticated, answers: unknown) {
  const { account } = auth;
  const result = await ctx.safety.submit(account.id, supportCountryFor(account), answers);
  return outcome(result);
}

/** Whether the quick exit also signs this person out (on by default). */
export async function setQuickExitSignsOut(ctx: AppContext, auth: Authenticated, signsOut: boolean): Promise<Outcome<void>> {
  await ctx.accounts.setQuickExitSignsOut(auth.account.id, signsOut);
  return outcome(undefined);
}

/**
 * Leaving by the quick exit with the session `token`: ends the session unless the person turned
 * that off. Reads the session without extending it: leaving is not using Mend. The answer says
 * whether the browser should forget its session cookie.
 */
export async function quickExit(ctx: AppContext, token: string): Promise<Outcome<{ forgetSession: boolean }>> {
  const auth = await ctx.accounts.authenticate(token, undefined, 'automatic');
  if (auth?.account.quickExitSignsOut) await ctx.accounts.revokeSession(auth.account.id, auth.session.id);
  return outcome({ forgetSession: !auth || auth.account.quickExitSignsOut });
}
