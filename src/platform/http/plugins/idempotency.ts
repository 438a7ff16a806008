import { setTimeout } from 'node:timers/promises';
import fp from 'fastify-plugin';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  arrivalAt,
  expiryOf,
  FORM_KEY_FIELD,
  parseIdempotencyKey,
  requestFingerprintInput,
  settlementFor,
} from '../../../core/idempotency/idempotency.js';
import { fail } from '../../errors.js';
import type { IdempotencyKeyStore, Claim, KeptAnswer } from '../idempotency-keys-store.js';
import type { Clock } from '../../clock.js';
import type { Vault } from '../../vault/vault.js';
import { isApiRequest } from './error-handler.js';

/** A key claimed for this request, settled when its answer is sent. */
interface HeldKey {
  id: string;
  accountId: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The key this request claimed, settled when its answer is sent. */
    idempotency: HeldKey | null;
  }
}

/**
 * POSTs whose key is accepted and ignored: each checks a password, carries a secret in its answer
 * (a session, a calendar feed's address), writes nothing a second time could duplicate, or is the
 * export (a read). Signed-out POSTs (sign-up, sign-in, password resets) have no account to keep a
 * key for, and are ignored too (docs/idempotency.md says why each is safe to repeat).
 */
export const KEY_IGNORED_ON = new Set([
  // The safety screening: nothing of it may be kept, not even its result page (docs/safety.md);
  // sending it twice only records the same time again.
  '/safety',
  '/api/v1/me/safety-screenings',
  '/api/v1/sessions/current/reauthenticate',
  '/api/v1/me/calendar-feed',
  '/api/v1/coach/analyze',
  '/sign-out',
  '/account/password',
  '/account/sign-out-everywhere',
  '/account/sessions/:id/revoke',
  '/account/export',
  '/account/delete',
  '/calendar-feed',
  '/calendar-feed/revoke',
  // A draft is kept again as it is: saving it twice writes nothing twice. The whole form is posted
  // ("Save draft" is one of its buttons), key and all, and the key must stay fresh for the send.
  '/drafts/save',
  '/drafts/discard',
]);

/** The headers of a first answer worth giving again; never a cookie. */
const REPLAYED_HEADERS = ['location', 'content-type', 'etag'];

/** Kept answers larger than this are not kept whole: the key then answers 409, as if unsettled. */
const MAX_KEPT_BODY_CHARS = 256 * 1024;

/** How long a form's second press waits for the first to be answered, and how often it looks. */
const FORM_WAIT_MS = 5000;
const FORM_WAIT_STEP_MS = 100;

/** The 409 in a person's words: a page has no key to change, only a form to load again. */
const IN_USE_ON_A_PAGE =
  'This was sent before, and Mend is still saving it or could not tell whether it was saved. Please look whether it is there. If it is not, reload the form and send it again.';

const IGNORED_FORM_FIELDS = ['_csrf', FORM_KEY_FIELD];

/** What the plugin needs, passed in by the composition (app.ts). */
export interface IdempotencyDeps {
  keys: Pick<IdempotencyKeyStore, 'claim' | 'keep' | 'release'>;
  vault: Pick<Vault, 'index'>;
  clock: Clock;
}

/**
 * The `Idempotency-Key` header on every POST of the API, and the hidden key of every page form
 * (docs/idempotency.md). Runs after CSRF and authentication: the key is claimed on the database
 * before the handler writes, so two concurrent retries — on one server or two — cannot both
 * write; the first answer is kept before it is sent, so a retry after it arrives gets it again.
 */
export const idempotencyKeys = fp(async (app: FastifyInstance, ctx: IdempotencyDeps) => {
  const { keys } = ctx;
  app.decorateRequest('idempotency', null);

  const claimFirst = async (request: FastifyRequest & { auth: NonNullable<FastifyRequest['auth']> }, reply: FastifyReply) => {
    const api = isApiRequest(request);
    const raw = request.headers['idempotency-key'] ?? (api ? undefined : formKey(request.body));
    const parsed = parseIdempotencyKey(Array.isArray(raw) ? raw.join(',') : raw);
    if (parsed.kind === 'absent') return;
    if (parsed.kind === 'invalid')
      fail('invalid_input', { 'Idempotency-Key': 'Send a quoted string of 1 to 255 printable characters, such as a new UUID.' });
    const accountId = request.auth.account.id;
    const id = ctx.vault.index('idempotency.key', `${accountId}\n${parsed.key}`);
    const fingerprint = ctx.vault.index(
      'idempotency.request',
      requestFingerprintInput(request.method, request.url, request.body, api ? [] : IGNORED_FORM_FIELDS),
    );
    let claim: Claim;
    // A form pressed twice: the browser shows the answer to the second press, so it waits for the
    // first to be answered rather than show a 409 page (the API answers 409 at once, as the draft says).
    for (let waited = 0; ; waited += FORM_WAIT_STEP_MS) {
      const now = ctx.clock.now();
      claim = await keys.claim(id, accountId, fingerprint, now, expiryOf(now));
      if (api || waited >= FORM_WAIT_MS || claim.kind === 'claimed' || arrivalAt(claim.existing, fingerprint) !== 'not_settled') break;
      await setTimeout(FORM_WAIT_STEP_MS);
    }
    if (claim.kind === 'claimed') {
      request.idempotency = { id, accountId };
      return;
    }
    const arrival = arrivalAt(claim.existing, fingerprint);
    // A person who went Back and changed their words means a new sending: the page handles it
    // as one, without a key. A client of the API is told it reused a key (422).
    if (arrival === 'different_request' && !api) return;
    if (arrival === 'different_request') fail('idempotency_key_reused');
    if (arrival === 'not_settled' || !claim.answer) fail('idempotency_key_in_use', undefined, api ? undefined : IN_USE_ON_A_PAGE);
    return replay(reply, claim.answer);
  };

  // Callback hooks that answer at once for what holds no key (every GET): an async hook would cost
  // each request a promise and a turn of the microtask queue for nothing.
  app.addHook('preHandler', (request, reply, done) => {
    if (request.method !== 'POST' || !request.auth || KEY_IGNORED_ON.has(request.routeOptions.url ?? '')) return done();
    return claimFirst(request as Parameters<typeof claimFirst>[0], reply);
  });

  const settle = async (request: FastifyRequest, reply: FastifyReply, payload: unknown, held: HeldKey): Promise<unknown> => {
    const settlement = settlementFor(reply.statusCode);
    try {
      if (settlement === 'release') await keys.release(held.id);
      if (settlement === 'keep') {
        // A redirect has no payload; a stream (none of the kept routes sends one) is not kept, nor
        // a compressed body (a page's, which is kept as a redirect below anyway).
        const body =
          reply.getHeader('content-encoding') !== undefined
            ? null
            : payload === undefined || payload === null
              ? ''
              : typeof payload === 'string'
                ? payload
                : Buffer.isBuffer(payload)
                  ? payload.toString('utf8')
                  : null;
        if (!isApiRequest(request) && reply.statusCode < 300) {
          // A page drawn in answer to a form holds what the viewer could see then (a partner's
          // numbers, a note later made private); a second sending is sent to read the page again.
          await keys.keep(held.id, held.accountId, { status: 303, headers: { location: request.url }, body: '' });
        } else if (body !== null && body.length <= MAX_KEPT_BODY_CHARS)
          await keys.keep(held.id, held.accountId, { status: reply.statusCode, headers: replayedHeaders(reply), body });
      }
    } catch (error) {
      // The answer is still sent: the write is done. The key stays claimed, so a retry answers
      // 409 rather than write again. Where and why only, never what was sent.
      request.log.warn(
        { err: { name: (error as Error).name, code: (error as { code?: unknown }).code } },
        'an idempotency key could not be settled',
      );
    }
    return payload;
  };

  app.addHook('onSend', (request, reply, payload, done) => {
    const held = request.idempotency;
    if (!held) return done(null, payload);
    request.idempotency = null;
    return settle(request, reply, payload, held);
  });
});

function formKey(body: unknown): string | undefined {
  const value = body !== null && typeof body === 'object' ? (body as Record<string, unknown>)[FORM_KEY_FIELD] : undefined;
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' && first !== '' ? first : undefined;
}

function replayedHeaders(reply: FastifyReply): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of REPLAYED_HEADERS) {
    const value = reply.getHeader(name);
    if (value !== undefined) out[name] = String(value);
  }
  return out;
}

function replay(reply: FastifyReply, answer: KeptAnswer): FastifyReply {
  return reply
    .code(answer.status)
    .headers({ ...answer.headers, 'idempotent-replayed': 'true' })
    .send(answer.body);
}
