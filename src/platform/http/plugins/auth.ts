import fp from 'fastify-plugin';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DEVICE_TOKEN_DAYS, readDeviceCookie } from '../../../core/accounts/device-token.js';
import { fail } from '../../errors.js';
import { AUTOMATIC } from '../../web/automatic.js';
import { withinRequest } from '../../vault/held-keys.js';

/**
 * Who is asking, as the accounts feature knows them. The platform only carries it from the
 * session lookup to the routes; the accounts feature gives it its shape by declaration merging
 * (features/accounts/service.ts), so the platform never imports a feature.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface RequestAuth {}

/** What the plugin needs to find who holds a session token (the accounts feature provides it). */
export interface SessionReader {
  authenticate(token: string, spaceId: string | undefined, use: 'person' | 'automatic'): Promise<RequestAuth | null>;
}

/** Where the cookies' settings come from: the application's context passes itself. */
export interface CookieSettings {
  config: { secureCookies: boolean };
}

declare module 'fastify' {
  interface FastifyRequest {
    auth: RequestAuth | null;
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
export const authentication = fp(
  async (app: FastifyInstance, { sessions, secureCookies }: { sessions: SessionReader; secureCookies: boolean }) => {
    const cookieName = sessionCookieName(secureCookies);
    app.decorateRequest('auth', null);
    // Each request holds the personal key of whoever it is from, for itself only (vault/held-keys.ts).
    app.addHook('onRequest', (_request, _reply, done) => withinRequest(done));
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
      const automatic =
        request.headers[AUTOMATIC_HEADER] !== undefined || String(request.headers.accept ?? '').includes('text/event-stream');
      request.auth = token
        ? await sessions.authenticate(
            token,
            typeof spaceId === 'string' && spaceId.length <= MAX_ID_LENGTH ? spaceId : undefined,
            automatic ? 'automatic' : 'person',
          )
        : null;
    });
  },
);

export function requireAuth(request: FastifyRequest): RequestAuth {
  if (!request.auth) fail('unauthenticated');
  return request.auth;
}

/** Starts the cookie session, with a CSRF secret of its own (plugins/csrf.ts). */
export function setSessionCookie(reply: FastifyReply, ctx: CookieSettings, token: string, session: { expiresAt: string }): void {
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
export function deviceTokens(request: FastifyRequest, ctx: CookieSettings): string[] {
  return readDeviceCookie(request.cookies[deviceCookieName(ctx.config.secureCookies)]);
}

/** Kept across sign-out: it only vouches that this browser signed in before, and holds no session. */
export function setDeviceCookie(reply: FastifyReply, ctx: CookieSettings, value: string): void {
  reply.setCookie(deviceCookieName(ctx.config.secureCookies), value, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: ctx.config.secureCookies,
    maxAge: DEVICE_TOKEN_DAYS * 24 * 60 * 60,
  });
}

export function clearSessionCookie(reply: FastifyReply, ctx: CookieSettings): void {
  reply.clearCookie(sessionCookieName(ctx.config.secureCookies), { path: '/', secure: ctx.config.secureCookies });
}
