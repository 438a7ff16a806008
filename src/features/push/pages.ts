import type { FastifyInstance } from 'fastify';
import { requireAuth } from '../../platform/http/plugins/auth.js';
import { field, formFields, formRefusal } from '../../platform/http/form.js';
import { act } from '../act.js';
import { addPushSubscription, removePushSubscription } from './actions.js';

/**
 * The notifications page's push forms (its section is drawn by features/notifications/pages.ts).
 * Turning push on is posted by the push island, which alone can make a browser subscription: it
 * gets 204, or the refusal's words as plain text to show beside the button. Turning a device off
 * is an ordinary form.
 */
export async function pushPages(app: FastifyInstance): Promise<void> {
  const ctx = app.mend;

  app.post('/notifications/push', async (request, reply) => {
    const auth = requireAuth(request);
    const f = formFields(request, 4096);
    try {
      await act(
        ctx,
        addPushSubscription(ctx, auth, {
          endpoint: field(f, 'endpoint'),
          keys: { p256dh: field(f, 'p256dh'), auth: field(f, 'auth') },
        }),
      );
    } catch (error) {
      const refusal = formRefusal(error, reply);
      return reply.status(refusal.status).type('text/plain; charset=utf-8').send(refusal.message);
    }
    return reply.status(204).send();
  });

  app.post<{ Params: { id: string } }>('/notifications/push/:id/remove', async (request, reply) => {
    await act(ctx, removePushSubscription(ctx, requireAuth(request), request.params.id));
    return reply.redirect('/notifications#push', 303);
  });
}
