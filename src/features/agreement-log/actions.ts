import { outcome, type Outcome } from '../../core/events.js';
import type { AppContext } from '../../context.js';
import type { Account } from '../../core/accounts/account.js';
import type { TextInput } from '../checkin/index.js';
import type { LogEntryView, UnpickedNote } from './service.js';

/**
 * Step 6's agreement log, one function per use case for both doors (API and the log's page).
 * Kept or missed is a record of the space, so it goes live; its note goes by its own visibility
 * and is never in an event. The other partner is told of an occasion logged, the partner who
 * logged it of a confirmation or a dispute, the partner who disputed of its answer — by the same
 * action, whichever door it came through.
 */

export async function logOccasion(
  ctx: AppContext,
  account: Account,
  agreementId: string,
  input: { occurredOn: string; kept: boolean | null; note?: TextInput | UnpickedNote | null },
  inSpace?: string,
): Promise<Outcome<LogEntryView>> {
  const { entry, notify } = await ctx.rhythm.agreementLog.logOccasion(account, agreementId, input, inSpace);
  return outcome(
    entry,
    { spaceId: entry.spaceId, live: { kind: 'agreement_log', agreementId: entry.agreementId, id: entry.id } },
    { spaceId: entry.spaceId, notify },
  );
}

export async function reviewOccasion(
  ctx: AppContext,
  account: Account,
  logEntryId: string,
  review: 'confirmed' | 'disputed',
  note: TextInput | null | undefined,
  inSpace?: string,
): Promise<Outcome<LogEntryView>> {
  const { entry, notify } = await ctx.rhythm.agreementLog.review(account, logEntryId, review, note, inSpace);
  return outcome(
    entry,
    { spaceId: entry.spaceId, live: { kind: 'agreement_log', agreementId: entry.agreementId, id: entry.id } },
    { spaceId: entry.spaceId, notify },
  );
}

/** The answer of the partner who logged a disputed occasion, once; the partner who disputed it is told. */
export async function replyToDispute(
  ctx: AppContext,
  account: Account,
  logEntryId: string,
  text: string,
  inSpace?: string,
): Promise<Outcome<LogEntryView>> {
  const { entry, notify } = await ctx.rhythm.agreementLog.reply(account, logEntryId, text, inSpace);
  return outcome(
    entry,
    { spaceId: entry.spaceId, live: { kind: 'agreement_log', agreementId: entry.agreementId, id: entry.id } },
    notify && { spaceId: entry.spaceId, notify },
  );
}
