import type { FastifyInstance } from 'fastify';
import { MendError, errorBody } from '../errors.js';
import { sessionCookieName } from '../http/plugins/auth.js';
import { liveStreams } from './live-stream.js';
import { liveFragments } from '../../features/live-fragments.js';

/**
 * Live updates for open pages (cookie sessions): the event stream the `live` island listens to,
 * and the fragments it swaps in. Without JavaScript none of this is used; a reload shows the same.
 */
export async function livePages(app: FastifyInstance): Promise<void> {
  const ctx = app.mend;
  const open = liveStreams(app);
  const cookieName = sessionCookieName(ctx.config.secureCookies);

  app.get<{ Params: { spaceId: string } }>('/spaces/:spaceId/live', async (request, reply) => {
    // An EventSource cannot follow a sign-in redirect: a plain 401 tells it to stop.
    if (!request.auth) return reply.status(401).send(errorBody(new MendError('unauthenticated')));
    const { account } = request.auth;
    const { spaceId } = request.params;
    try {
      await ctx.spaces.forMember(account.id, spaceId);
    } catch (error) {
      if (error instanceof MendError) return reply.status(error.status).send(errorBody(error));
      throw error;
    }
    const token = request.cookies[cookieName] ?? '';
    return open(request, reply, {
      accountId: account.id,
      spaceId,
      stillAllowed: async () => {
        // Read-only: a heartbeat is not the person using Mend, so it must not extend the session.
        if ((await ctx.accounts.stillSignedIn(token)) !== account.id) return false;
        return ctx.spaces.forMember(account.id, spaceId).then(() => true, () => false);
      },
    });
  });

  await app.register(liveFragments);
}
