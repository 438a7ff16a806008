import type { AppContext } from '../../context.js';
import type { Authenticated } from '../accounts/index.js';
import { outcome, type Outcome } from '../../core/events.js';

/**
 * Opens a space's record for this session: the password confirmed, as for a download of one's
 * data (the record is one), which unlocks it for 10 minutes. Nobody is told; nothing is written
 * but the session's confirmation time.
 */
export async function openRecord(ctx: AppContext, auth: Authenticated, password: string): Promise<Outcome<void>> {
  await ctx.accounts.reauthenticate(auth, password);
  return outcome(undefined);
}
