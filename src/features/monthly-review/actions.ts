import type { Outcome } from '../../core/events.js';
import type { AppContext } from '../../context.js';
import type { Account } from '../../core/accounts/account.js';
import type { MonthlyReviewInput } from './service.js';

/** A partner's monthly review: 201-like `created` the first time in a month. */
export function saveMonthlyReview(
  ctx: AppContext,
  account: Account,
  spaceId: string,
  input: MonthlyReviewInput,
): Promise<Outcome<{ created: boolean }>> {
  return ctx.rhythm.monthlyReviews.save(account, spaceId, input);
}
