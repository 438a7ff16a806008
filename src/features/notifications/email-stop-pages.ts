import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { MendError } from '../../platform/errors.js';
import { renderPage } from '../../platform/http/render.js';
import { act } from '../act.js';
import { stopEmails } from './actions.js';
import { emailStopPath } from './email-delivery.js';
import { emailStopPage, emailStoppedPage, emailStopUnknownPage } from './views/email-stop-page.js';

/** Tokens are an account id, a letter and 64 hex digits; anything longer is not one. */
const MAX_TOKEN_LENGTH = 140;

/**
 * The link in every email that stops that kind of email (issue #18), without signing in. GET
 * shows one question and one button and changes nothing (mail programs and link scanners open
 * links by themselves); POST stops them — from the button, or from a mail program's one-click
 * "unsubscribe" (RFC 8058), which posts `List-Unsubscribe=One-Click` to the same address with no
 * form token. The token is in the path: the site sends no Referer, logs name the route pattern
 * only, and the pages are not kept in any cache.
 */
export async function emailStopPages(app: FastifyInstance): Promise<void> {
  const ctx = app.mend;
  // RFC 8058 allows the one-click post as multipart/form-data too; its body says nothing the
  // address does not, so it is read (bounded) and set aside. Only for these routes.
  app.addContentTypeParser('multipart/form-data', { parseAs: 'string', bodyLimit: 4096 }, (_request, _body, done) => done(null, {}));

  const unknown = (request: FastifyRequest, reply: FastifyReply) =>
    renderPage(request, reply, { title: 'This link does not work', status: 404, space: null, body: () => emailStopUnknownPage() });

  app.get<{ Params: { token: string } }>('/email/stop/:token', async (request, reply) => {
    reply.header('Cache-Control', 'no-store');
    const { token } = request.params;
    const found = token.length <= MAX_TOKEN_LENGTH ? ctx.rhythm.reminders.emailStop(token) : null;
    if (!found) return unknown(request, reply);
    return renderPage(request, reply, {
      title: 'Stop these emails',
      space: null,
      body: () => emailStopPage({ action: emailStopPath(token), list: found.list }),
    });
  });

  app.post<{ Params: { token: string } }>('/email/stop/:token', { config: { capabilityLink: true } }, async (request, reply) => {
    reply.header('Cache-Control', 'no-store');
    const { token } = request.params;
    if (token.length > MAX_TOKEN_LENGTH) return unknown(request, reply);
    let list;
    try {
      ({ list } = await act(ctx, stopEmails(ctx, token)));
    } catch (error) {
      if (error instanceof MendError && error.code === 'not_found') return unknown(request, reply);
      throw error;
    }
    // Answered here rather than redirected: a mail program's one-click post wants a plain 200, and
    // posting again changes nothing.
    return renderPage(request, reply, { title: 'These emails are stopped', space: null, body: () => emailStoppedPage(list) });
  });
}
