import type { AppContext } from '../../context.js';
import type { Account } from '../../core/accounts/account.js';
import { layoutSpaceOf, namesOf } from '../checkin/index.js';
import { departuresOfView, spaceView, withFormerPartners } from '../spaces/index.js';
import type { AgreementLogModel } from './views/agreement-log-page.js';
import type { WeekLogModel } from './views/week-log.js';
import { NO_DRAFTS } from '../drafts/index.js';
import type { FastifyRequest } from 'fastify';
import { monthOf } from '../../core/paging/months.js';

/**
 * The month an address asks for (`?month=YYYY-MM`, the "Earlier months" link), or null for the
 * newest. One Mend did not make (an old bookmark, a typo) shows the newest rather than an error.
 */
export function askedMonth(request: FastifyRequest): string | null {
  const month = (request.query as { month?: unknown } | undefined)?.month;
  return monthOf(typeof month === 'string' ? month : null);
}

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
  month: string | null = null,
): Promise<{ model: AgreementLogPageModel; space: ReturnType<typeof layoutSpaceOf> }> {
  const shown = await ctx.rhythm.agreementLog.month(account.id, spaceId, month);
  const { agreements, entries } = shown;
  const view = await withFormerPartners(ctx.spaces, shown.view);
  const path = `/spaces/${view.space.id}/agreement-log`;
  return {
    model: {
      spaceId: view.space.id,
      viewerId: account.id,
      isPartner: view.isPartner,
      alone: view.partnerIds.length < 2,
      today: ctx.rhythm.checkins.today(account),
      names: namesOf(view),
      former: departuresOfView(view),
      agreements,
      entries,
      month: shown.month,
      // The month asked for by address (null: the newest), so forms and the live section keep to it.
      asked: month,
      paging: { older: shown.earlier ? `${path}?month=${shown.earlier}` : null, newest: month === null ? null : path },
      // The viewer's own drafts (a note being written); a therapist keeps none.
      drafts: view.isPartner ? await ctx.drafts.book(account, view.space.id) : NO_DRAFTS,
    },
    space: layoutSpaceOf(view),
  };
}

/**
 * The week's log for the weekly meeting page (issue #20): the seven days up to the viewer's today,
 * each note already the viewer's copy.
 */
export async function loadWeekLog(ctx: AppContext, account: Account, spaceId: string): Promise<WeekLogModel> {
  const week = await ctx.rhythm.agreementLog.week(account.id, spaceId, ctx.rhythm.checkins.today(account));
  const view = await withFormerPartners(ctx.spaces, await spaceView(ctx.spaces, account.id, spaceId));
  return {
    spaceId: view.space.id,
    viewerId: account.id,
    isPartner: view.isPartner,
    names: namesOf(view),
    former: departuresOfView(view),
    ...week,
  };
}
