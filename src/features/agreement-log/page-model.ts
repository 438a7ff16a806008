import type { AppContext } from '../../context.js';
import type { Account } from '../../core/accounts/account.js';
import { layoutSpaceOf, namesOf } from '../checkin/index.js';
import { departuresOfView, withFormerPartners } from '../spaces/index.js';
import type { AgreementLogModel } from './views/agreement-log-page.js';

/** What the agreement log page and its live fragment show, but the form token the request supplies. */
export type AgreementLogPageModel = Omit<AgreementLogModel, 'csrf'>;

/**
 * The one loader of the agreement log page and its live section (live-fragments.ts), so the two
 * cannot read different data: each note is already the viewer's copy (the service's `visible`).
 */
export async function loadAgreementLogPage(
  ctx: AppContext,
  account: Account,
  spaceId: string,
): Promise<{ model: AgreementLogPageModel; space: ReturnType<typeof layoutSpaceOf> }> {
  const history = await ctx.rhythm.agreementLog.history(account.id, spaceId);
  const { agreements, entries } = history;
  const view = await withFormerPartners(ctx.spaces, history.view);
  return {
    model: {
      spaceId: view.space.id,
      viewerId: account.id,
      isPartner: view.isPartner,
      today: ctx.rhythm.checkins.today(account),
      names: namesOf(view),
      former: departuresOfView(view),
      agreements,
      entries,
    },
    space: layoutSpaceOf(view),
  };
}
