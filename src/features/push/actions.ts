import { outcome, type Outcome } from '../../core/events.js';
import { fail } from '../../platform/errors.js';
import type { AppContext } from '../../context.js';
import type { NewPushSubscription, PushSubscriptionView } from './service.js';

/** Who is asking: their account and the session the subscription will end with. */
interface Who {
  account: { id: string };
  session: { id: string };
}

/** Turns push on for the device this session is on. The person's own: nobody is told. */
export async function addPushSubscription(ctx: AppContext, who: Who, input: NewPushSubscription): Promise<Outcome<PushSubscriptionView>> {
  return outcome(await ctx.push.subscribe({ accountId: who.account.id, sessionId: who.session.id }, input));
}

/** Turns push off for one of the person's devices; someone else's is "not found". Nobody is told. */
export async function removePushSubscription(ctx: AppContext, who: Who, id: string): Promise<Outcome<void>> {
  if (!(await ctx.push.remove(who.account.id, id))) fail('not_found');
  return outcome(undefined);
}
