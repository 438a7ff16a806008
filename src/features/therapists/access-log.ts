import fp from 'fastify-plugin';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by a route that shows a space's data without a `spaceId` in its path (e.g. a journey). */
    viewedSpaceId?: string;
  }
}

function spaceIdOf(request: FastifyRequest): string | undefined {
  const params = request.params as Record<string, unknown> | undefined;
  const fromPath = typeof params?.spaceId === 'string' ? params.spaceId : undefined;
  return request.viewedSpaceId ?? fromPath;
}

/**
 * Headers that describe the view being withheld: left on the error answer, a gzip encoding or an
 * ETag would be a lie about its body (the error handler already drops the type and length).
 */
const VIEW_HEADERS = ['content-encoding', 'etag', 'vary', 'content-disposition', 'last-modified'];

function withholdView(reply: FastifyReply): void {
  for (const name of VIEW_HEADERS) reply.removeHeader(name);
}

/**
 * Every successful read of a space's data by its therapist goes into the access log that both
 * partners can read, in one place for pages and API alike. It records the route (what kind of
 * thing was viewed), never content.
 *
 * Fails closed: a view that cannot be recorded is not shown. The write's error goes to the error
 * handler instead of the data, so the therapist gets 503 `unavailable` (an outage: the database is
 * locked past the busy timeout or out of reach) or 500 `internal` (anything else), in the API's
 * error shape or as the error page, and the partners' log stays a true record of what was seen.
 */
export const therapistAccessLog = fp(async (app: FastifyInstance, { ctx }: { ctx: AppContext }) => {
  // onSend, not onResponse: the view is logged before the therapist receives what they viewed.
  // Not an async hook: most requests are not a therapist's, and those are passed on at once
  // without a promise of their own.
  app.addHook('onSend', (request, reply, payload, done) => {
    // HEAD too: its headers (the length, the ETag) are a view of the data as well.
    if ((request.method !== 'GET' && request.method !== 'HEAD') || !request.auth || reply.statusCode >= 400) return done(null, payload);
    // Read with the session: an account that was no space's therapist in any status (not even
    // pending) cannot be viewing as one, so the membership read is spared for partners.
    if (request.auth.mayBeTherapist === false) return done(null, payload);
    const spaceId = spaceIdOf(request);
    if (!spaceId) return done(null, payload);
    const what = request.routeOptions.url ?? 'unknown';
    ctx.therapists.noteView(request.auth.account.id, spaceId, what, request.auth.membership).then(
      () => done(null, payload),
      (error: unknown) => {
        // The error handler logs the failure ("request failed", with its kind and code); this line
        // says which view was refused, by route, never by content.
        request.log.error(
          { errorType: error instanceof Error ? error.name : typeof error, what },
          'could not write the therapist access log; the view was not sent',
        );
        withholdView(reply);
        done(error instanceof Error ? error : new Error('the therapist access log could not be written'));
      },
    );
  });
});
