import type { FastifyInstance } from 'fastify';
import { MendError, errorBody } from '../../errors.js';
import { spaceView } from '../../services/checkins.js';
import type { Account } from '../../store/accounts.js';
import type { SafeHtml } from '../../web/html.js';
import { partnerTodaySection, type PartnerCheckin } from '../../web/components/partner-today.js';
import type { AppContext } from '../context.js';

/** The other partners' latest check-ins in the viewer's check-in days, as the page shows them. */
export async function partnerTodayHtml(ctx: AppContext, account: Pick<Account, 'id' | 'timezone'>, spaceId: string): Promise<SafeHtml> {
  const view = await spaceView(ctx.spaces, account.id, spaceId);
  const dates = ctx.rhythm.checkins.allowedDates(account);
  const checkins = await ctx.rhythm.checkins.visibleCheckins(view, dates[dates.length - 1]!, dates[0]!);
  const partners: PartnerCheckin[] = view.space.members
    .filter((m) => m.role === 'partner' && m.accountId !== account.id)
    .map((m) => {
      const latest = checkins.filter((c) => c.accountId === m.accountId).sort((x, y) => (x.date < y.date ? 1 : -1))[0];
      return {
        displayName: m.displayName,
        checkin: latest ? { date: latest.date, safety: latest.safety, trust: latest.trust, closeness: latest.closeness, day: latest.day } : null,
      };
    });
  return partnerTodaySection({ spaceId: view.space.id, partners, dates, viewer: view.isPartner ? 'partner' : 'therapist' });
}

/** `GET /spaces/:spaceId/live/partner-today`: the section alone, for the `live` island to swap in. */
export async function partnerTodayFragment(app: FastifyInstance): Promise<void> {
  app.get<{ Params: { spaceId: string } }>('/spaces/:spaceId/live/partner-today', async (request, reply) => {
    if (!request.auth) return reply.status(401).send(errorBody(new MendError('unauthenticated')));
    try {
      const markup = await partnerTodayHtml(app.mend, request.auth.account, request.params.spaceId);
      return reply.type('text/html; charset=utf-8').send(markup.toString());
    } catch (error) {
      if (error instanceof MendError) return reply.status(error.status).send(errorBody(error));
      throw error;
    }
  });
}
