import { fail, refuse } from '../../platform/errors.js';
import { localDate } from '../../core/time.js';
import { outcome, type Outcome } from '../../core/events.js';
import type { Account } from '../../core/accounts/account.js';
import { newId } from '../../platform/db/ids.js';
import type { Clock } from '../../platform/clock.js';
import { spaceView, type SpaceService, type SpaceView } from '../spaces/index.js';
import type { ReviewStore, StoredReview } from './store.js';

/** What a partner rates their month on. */
export interface MonthlyReviewInput {
  month: string;
  communicate: number;
  closer: number;
  respect: number;
}

const rating = (v: unknown, field: string): number => {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > 5)
    fail('invalid_input', { [field]: 'Choose a whole number from 1 to 5.' });
  return v;
};

/** Each partner's monthly review (SPEC section 4). */
export class MonthlyReviewService {
  constructor(
    private readonly deps: {
      reviews: ReviewStore;
      spaces: SpaceService;
      clock: Clock;
    },
  ) {}

  async save(account: Account, spaceId: string, input: MonthlyReviewInput): Promise<Outcome<{ created: boolean }>> {
    const view = await spaceView(this.deps.spaces, account.id, spaceId);
    if (!view.isPartner) refuse('partners_only');
    const thisMonth = localDate(this.deps.clock.now(), account.timezone).slice(0, 7);
    if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(input.month)) fail('invalid_input', { month: 'Use a month like 2025-03.' });
    if (input.month > thisMonth) fail('invalid_input', { month: 'A review cannot be for a month that has not come yet.' });
    const created = await this.deps.reviews.upsert({
      id: newId(),
      spaceId,
      accountId: account.id,
      month: input.month,
      communicate: rating(input.communicate, 'communicate'),
      closer: rating(input.closer, 'closer'),
      respect: rating(input.respect, 'respect'),
      now: this.deps.clock.now().toISOString(),
    });
    return outcome(
      { created },
      // Both partners' ratings are on everyone's progress page (partners and an active therapist).
      { spaceId, live: { kind: 'monthly_review', accountId: account.id, month: input.month } },
      created && {
        spaceId,
        notify: {
          type: 'monthly_review_done',
          actorId: account.id,
          link: `/spaces/${spaceId}/progress`,
          about: { kind: 'progress', id: spaceId },
          membership: view.membership,
        },
      },
    );
  }

  /** The reviews of the space's partners (a former partner's are left out). */
  async list(view: SpaceView): Promise<StoredReview[]> {
    return (await this.deps.reviews.list(view.space.id)).filter((r) => view.partnerIds.includes(r.accountId));
  }
}
