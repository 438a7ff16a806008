import { PassThrough } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { fail, MendError } from '../errors.js';
import { PARTNERS_ONLY_KINDS, type AccountLiveEvent, type LiveEvent } from './live-events.js';

/** The browser waits this long before reconnecting after a stream ends (a restart, a deploy). */
const RETRY_MS = 5000;

/** Sent when the caller may have missed events: re-read what is on screen. */
const RESYNC = `event: resync\ndata: ${JSON.stringify({ kind: 'resync' })}\n\n`;

/**
 * Missed events are not replayed. Every stream carries the same id, so that a client which loses
 * its connection sends `Last-Event-ID` when it reconnects; it is then told to re-read once
 * (`resync`), whatever happened meanwhile. Deciding *whether* something happened would need the
 * space's revision, which also moves for private writes: comparing revisions across a reconnect
 * would tell a partner that the other wrote something private, and when.
 */
const STREAM_ID = 'live';

export interface LiveStreamRequest {
  accountId: string;
  /** The space listened to; null for the account's own events alone (`ownEvents`). */
  spaceId: string | null;
  /** The account's own events too (an unread count that moved, issue #18). */
  ownEvents?: boolean;
  /**
   * Asked before every event and every heartbeat: is the session still valid and the caller still
   * an active member? A signed-out, revoked or departed caller's stream ends at once, so nothing —
   * not even that something happened — reaches them after they lost access.
   */
  stillAllowed(): Promise<boolean>;
  /** Whether this stream may carry a space event at all (a therapist's never carries PARTNERS_ONLY_KINDS); all when absent. */
  hears?(event: LiveEvent): boolean;
}

/** What a member's stream asks of the features: who a token signs in, and whether they still belong. */
export interface MembershipCheck {
  /** The account the session token is signed in as, without extending it; null when it is not. */
  signedInAs(token: string): Promise<string | null>;
  /** Resolves while the account is an active member of the space, saying whether a partner; rejects otherwise (404 to a stranger). */
  member(accountId: string, spaceId: string): Promise<{ partner: boolean }>;
}

/**
 * Opens a member's stream of a space, for the pages (cookie session) and the API (bearer token)
 * alike: membership checked before the first byte and again before every event and heartbeat.
 */
export async function openMemberStream(
  open: ReturnType<typeof liveStreams>,
  request: FastifyRequest,
  reply: FastifyReply,
  check: MembershipCheck,
  who: { accountId: string; spaceId: string; token: string; ownEvents?: boolean },
): Promise<FastifyReply> {
  const { partner } = await check.member(who.accountId, who.spaceId);
  return open(request, reply, {
    accountId: who.accountId,
    spaceId: who.spaceId,
    ownEvents: who.ownEvents === true,
    // A role never changes within a membership (a partner who leaves loses the stream outright).
    hears: (event) => partner || !PARTNERS_ONLY_KINDS.has(event.kind),
    stillAllowed: async () => {
      // Read-only: a heartbeat is not the person using Mend, so it must not extend the session.
      if ((await check.signedInAs(who.token)) !== who.accountId) return false;
      return check.member(who.accountId, who.spaceId).then(
        () => true,
        () => false,
      );
    },
  });
}

/**
 * Server-sent events for one encapsulated route plugin. Keeps its open streams so that closing the
 * server (SIGTERM) ends them first — otherwise a graceful shutdown would wait on them forever.
 */
export function liveStreams(app: FastifyInstance): (request: FastifyRequest, reply: FastifyReply, live: LiveStreamRequest) => FastifyReply {
  const open = new Set<() => void>();
  app.addHook('preClose', async () => {
    for (const end of [...open]) end();
  });

  return (request, reply, live) => {
    // Only an EventSource (or a client that asks the same way) gets a stream; anything else — a
    // fuzzer, a link followed by hand — gets an ordinary answer instead of a response that never ends.
    if (!String(request.headers.accept ?? '').includes('text/event-stream')) {
      fail('invalid_input', { accept: 'This address streams live updates; ask for it with Accept: text/event-stream.' });
    }
    // The caller may have gone while its access was being checked: its 'close' has then already
    // fired, and subscribing now would hold one of the account's few streams for good.
    if (request.raw.destroyed || reply.raw.destroyed || request.raw.socket?.destroyed === true) {
      return reply.status(204).send();
    }
    const stream = new PassThrough();
    let queue: Promise<void> = Promise.resolve();
    let ended = false;
    let heartbeat: NodeJS.Timeout | null = null;
    let unsubscribe: (() => void) | null = null;

    const end = () => {
      if (ended) return;
      ended = true;
      if (heartbeat) clearInterval(heartbeat);
      unsubscribe?.();
      if (open.delete(end)) app.mend.metrics.liveStream(-1);
      stream.end();
    };
    // Access is checked in order with the writes, so an event never overtakes a revocation.
    const send = (chunk: () => string) => {
      queue = queue.then(async () => {
        if (ended) return;
        let allowed: boolean;
        try {
          allowed = await live.stillAllowed();
        } catch {
          allowed = false;
        }
        if (!allowed) return end();
        if (!ended) stream.write(chunk());
      });
    };

    // Listen before subscribing, so a close from here on always finds something to end.
    reply.raw.once('close', end);
    const listener = (event: LiveEvent | AccountLiveEvent) => {
      if (event.kind !== 'unread' && live.hears && !live.hears(event)) return;
      send(() => `event: ${event.kind}\ndata: ${JSON.stringify(event)}\n\n`);
    };
    unsubscribe =
      live.spaceId === null
        ? app.mend.live.subscribeAccount(live.accountId, listener)
        : app.mend.live.subscribe(live.spaceId, live.accountId, listener, { ownEvents: live.ownEvents === true });
    if (!unsubscribe) {
      reply.raw.off('close', end);
      throw new MendError('rate_limited', undefined, 'This account has too many live updates open. Close a tab or two and reload.', 60);
    }
    open.add(end);
    app.mend.metrics.liveStream(1);
    heartbeat = setInterval(() => send(() => ': still here\n\n'), app.mend.live.heartbeatMs);
    heartbeat.unref();
    const reconnected = request.headers['last-event-id'] !== undefined;
    // `id:` with no data sets the client's last event id without dispatching anything.
    stream.write(`retry: ${RETRY_MS}\n: connected\n\nid: ${STREAM_ID}\n${reconnected ? RESYNC : '\n'}`);

    return (
      reply
        .header('Content-Type', 'text/event-stream; charset=utf-8')
        .header('Cache-Control', 'no-store')
        // nginx buffers proxied responses unless told not to; a buffered stream delivers nothing live.
        .header('X-Accel-Buffering', 'no')
        .send(stream)
    );
  };
}
