import fp from 'fastify-plugin';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DEVICE_TOKEN_DAYS, readDeviceCookie } from '../../../core/accounts/device-token.js';
import { fail } from '../../errors.js';
import type { Authenticated } from '../../../features/accounts/service.js';
import type { SessionRecord } from '../../../features/accounts/sessions-store.js';
import { AUTOMATIC } from '../../web/automatic.js';
import type { AppContext } from '../../../context.js';

declare module 'fastify' {
  interface FastifyRequest {
    auth: Authenticated | null;
  }
  interface FastifyContextConfig {
    /**
     * A way out of Mend (quick exit): it answers whatever state the session, the form token or the
     * database is in, so neither the session lookup nor the CSRF check runs before it.
     */
    wayOut?: boolean;
  }
}

const AUTOMATIC_HEADER = AUTOMATIC.toLowerCase();

/** No id Mend makes is longer (ids are UUIDs); a longer path segment names no space. */
const MAX_ID_LENGTH = 64;

export function sessionCookieName(secure: boolean): string {
  // `__Host-` pins the cookie to this origin and path when it can be Secure.
  return secure ? '__Host-mend_session' : 'mend_session';
}

/**
 * Finds who is asking. The API uses `Authorization: Bearer`, the pages a cookie; both are rows
 * in the same session store. Cookies are not accepted on the API, so a form on another site can
 * never act through it.
 */
export const authentication = fp(async (app: FastifyInstance, { ctx }: { ctx: AppContext }) => {
  const cookieName = sessionCookieName(ctx.config.secureCookies);
  app.decorateRequest('auth', null);
  app.addHook('preHandler', async (request) => {
    // A way out reads the session itself, so that nothing here (the database out of reach) can stop it.
    if (request.routeOptions.config.wayOut) return;
    const isApi = request.url.startsWith('/api/');
    let token: string | undefined;
    if (isApi) {
      const header = request.headers.authorization;
      if (header?.startsWith('Bearer ')) token = header.slice(7).trim();
    } else {
      token = request.cookies[cookieName];
    }
    // A request about one space reads the caller's membership of it with the session, in one statement.
    const spaceId = (request.params as { spaceId?: unknown } | undefined)?.spaceId;
    // A live stream and what a page's scripts ask by themselves are not a person using Mend.
    const automatic = request.headers[AUTOMATIC_HEADER] !== undefined || String(request.headers.accept ?? '').includes('text/event-stream');
    request.auth = token
      ? await ctx.accounts.authenticate(token, typeof spaceId === 'string' && spaceId.length <= MAX_ID_LENGTH ? spaceId : undefined, automatic ? 'automatic' : 'person')
      : null;
  });
});

export function requireAuth(request: FastifyRequest): Authenticated {
  if (!request.auth) fail('unauthenticated');
  return request.auth;
}

/** Starts the cookie session, with a CSRF secret of its own (plugins/csrf.ts). */
export function setSessionCookie(reply: FastifyReply, ctx: AppContext, token: string, session: SessionRecord): void {
  reply.renewCsrfSecret();
  reply.setCookie(sessionCookieName(ctx.config.secureCookies), token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: ctx.config.secureCookies,
    expires: new Date(session.expiresAt),
  });
}

const deviceCookieName = (secure: boolean): string => (secure ? '__Host-mend_device' : 'mend_device');

/** The device tokens this browser shows (core/accounts/device-token.ts); pages only. */
export function deviceTokens(request: FastifyRequest, ctx: AppContext): string[] {
  return readDeviceCookie(request.cookies[deviceCookieName(ctx.config.secureCookies)]);
}

/** Kept across sign-out: it only vouches that this browser signed in before, and holds no session. */
export function setDeviceCookie(reply: FastifyReply, ctx: AppContext, value: string): void {
  reply.setCookie(deviceCookieName(ctx.config.secureCookies), value, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: ctx.config.secureCookies,
    maxAge: DEVICE_TOKEN_DAYS * 24 * 60 * 60,
  });
}

export function clearSessionCookie(reply: FastifyReply, ctx: AppContext): void {
  reply.clearCookie(sessionCookieName(ctx.config.secureCookies), { path: '/', secure: ctx.config.secureCookies });
}
