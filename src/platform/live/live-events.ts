import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Store } from '../db/database.js';
import { APPLICATION_NAME } from '../db/running-servers.js';
import { LIVE_EVENT_KINDS, PARTNERS_ONLY_KINDS, type AccountLiveEvent, type LiveEvent } from '../../core/live-event.js';

export { LIVE_EVENT_KINDS, PARTNERS_ONLY_KINDS, type AccountLiveEvent, type LiveEvent };

export type LiveListener = (event: LiveEvent | AccountLiveEvent) => void;

/** How many live streams one account may hold open on one server (a few tabs and devices). */
export const MAX_STREAMS_PER_ACCOUNT = 6;

/** The one PostgreSQL channel all Mend servers share. */
export const LIVE_CHANNEL = 'mend_live';

export interface LiveEvents {
  /** Tells every subscriber of the space, on every server. Never throws: live updates are a comfort. */
  publish(spaceId: string, event: LiveEvent): Promise<void>;
  /**
   * Listens to a space; null when the account already holds the most streams it may. With
   * `ownEvents`, the account's own events (`publishToAccount`) come on the same stream, so a page
   * needs one connection for both.
   */
  subscribe(spaceId: string, accountId: string, listener: LiveListener, options?: { ownEvents?: boolean }): (() => void) | null;
  /** Tells every open stream of this account that asked for its own events, on every server. Never throws. */
  publishToAccount(accountId: string, event: AccountLiveEvent): Promise<void>;
  /**
   * Listens to the account's own events alone (a page with no space stream); bounded per account
   * on its own, so these never take the place of a space's stream. Null when too many are open.
   */
  subscribeAccount(accountId: string, listener: LiveListener): (() => void) | null;
  /** Ends every open stream's subscription (shutdown) and stops listening to the database. */
  close(): Promise<void>;
  /** How long a stream may stay silent before a comment keeps proxies from closing it. */
  readonly heartbeatMs: number;
}

interface Subscription {
  accountId: string;
  listener: LiveListener;
  ownEvents: boolean;
}

/** Only the one kind an account's own stream carries, and nothing else in it. */
export function parseAccountEvent(value: unknown): AccountLiveEvent | null {
  return value && typeof value === 'object' && (value as { kind?: unknown }).kind === 'unread' ? { kind: 'unread' } : null;
}

const UUIDISH = /^[0-9A-Za-z_-]{1,64}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/**
 * Only well-formed events cross the wire or reach a listener; anything else is dropped. Publishing
 * goes through it too, so a field a caller added by mistake (a note, a name) is never sent.
 */
export function parseLiveEvent(value: unknown): LiveEvent | null {
  if (!value || typeof value !== 'object') return null;
  const v = value as Record<string, unknown>;
  const id = (x: unknown): x is string => typeof x === 'string' && UUIDISH.test(x);
  const date = (x: unknown): x is string => typeof x === 'string' && DATE.test(x);
  const month = (x: unknown): x is string => typeof x === 'string' && MONTH.test(x);
  switch (v.kind) {
    case 'checkin':
      return id(v.accountId) && date(v.date) ? { kind: 'checkin', accountId: v.accountId, date: v.date } : null;
    case 'agreement':
      return id(v.id) ? { kind: 'agreement', id: v.id } : null;
    case 'journey_entry':
      return id(v.journeyId) && id(v.id) ? { kind: 'journey_entry', journeyId: v.journeyId, id: v.id } : null;
    case 'entries_revealed':
      return id(v.journeyId) ? { kind: 'entries_revealed', journeyId: v.journeyId } : null;
    case 'reassurance_requested':
    case 'reassurance_answered':
      return id(v.id) ? { kind: v.kind, id: v.id } : null;
    case 'meeting':
      return id(v.id) && date(v.date) ? { kind: 'meeting', id: v.id, date: v.date } : null;
    case 'agreement_log':
      return id(v.agreementId) && id(v.id) ? { kind: 'agreement_log', agreementId: v.agreementId, id: v.id } : null;
    case 'apology':
      return id(v.journeyId) && id(v.id) ? { kind: 'apology', journeyId: v.journeyId, id: v.id } : null;
    case 'monthly_review':
      return id(v.accountId) && month(v.month) ? { kind: 'monthly_review', accountId: v.accountId, month: v.month } : null;
    case 'journey_acknowledged':
      return id(v.journeyId) ? { kind: 'journey_acknowledged', journeyId: v.journeyId } : null;
    case 'meeting_schedule':
      // Nothing but the kind: the time itself is read from the page or the API.
      return { kind: 'meeting_schedule' };
    case 'daily_answer':
      // The day only: never who answered, the question, or a word of the answer.
      return date(v.day) ? { kind: 'daily_answer', day: v.day } : null;
    default:
      return null;
  }
}

/** Subscribers of this process, per space, with the per-account bound. */
class LocalFanOut {
  private readonly bySpace = new Map<string, Set<Subscription>>();
  private readonly byAccount = new Map<string, Set<Subscription>>();
  private readonly perAccount = new Map<string, number>();

  /** `spaceId` null: the account's own events alone. */
  subscribe(spaceId: string | null, accountId: string, listener: LiveListener, ownEvents: boolean): (() => void) | null {
    const count = this.perAccount.get(accountId) ?? 0;
    if (count >= MAX_STREAMS_PER_ACCOUNT) return null;
    this.perAccount.set(accountId, count + 1);
    const subscription: Subscription = { accountId, listener, ownEvents };
    const sets: Array<[Map<string, Set<Subscription>>, string]> = [];
    if (spaceId !== null) sets.push([this.bySpace, spaceId]);
    if (ownEvents) sets.push([this.byAccount, accountId]);
    for (const [map, key] of sets) {
      let set = map.get(key);
      if (!set) map.set(key, (set = new Set()));
      set.add(subscription);
    }
    let done = false;
    return () => {
      if (done) return;
      done = true;
      for (const [map, key] of sets) {
        const set = map.get(key);
        set?.delete(subscription);
        if (set?.size === 0) map.delete(key);
      }
      const left = (this.perAccount.get(accountId) ?? 1) - 1;
      if (left <= 0) this.perAccount.delete(accountId);
      else this.perAccount.set(accountId, left);
    };
  }

  deliverToAccount(accountId: string, event: AccountLiveEvent): void {
    for (const s of [...(this.byAccount.get(accountId) ?? [])]) {
      try {
        s.listener(event);
      } catch {
        // As for a space: one broken stream must not keep the event from the others.
      }
    }
  }

  deliver(spaceId: string, event: LiveEvent): void {
    for (const s of [...(this.bySpace.get(spaceId) ?? [])]) {
      try {
        s.listener(event);
      } catch {
        // One broken stream must not keep the event from the others.
      }
    }
  }
}

/** SQLite means one process: publishing is a function call. */
class InProcessLiveEvents implements LiveEvents {
  private readonly local = new LocalFanOut();
  /** Streams of an account's own events alone, counted apart from the spaces' streams. */
  private readonly own = new LocalFanOut();
  constructor(readonly heartbeatMs: number) {}

  async publish(spaceId: string, event: LiveEvent): Promise<void> {
    const clean = parseLiveEvent(event);
    if (clean) this.local.deliver(spaceId, clean);
  }

  async publishToAccount(accountId: string, event: AccountLiveEvent): Promise<void> {
    const clean = parseAccountEvent(event);
    if (!clean || !UUIDISH.test(accountId)) return;
    this.local.deliverToAccount(accountId, clean);
    this.own.deliverToAccount(accountId, clean);
  }

  subscribe(spaceId: string, accountId: string, listener: LiveListener, options: { ownEvents?: boolean } = {}): (() => void) | null {
    return this.local.subscribe(spaceId, accountId, listener, options.ownEvents === true);
  }

  subscribeAccount(accountId: string, listener: LiveListener): (() => void) | null {
    return this.own.subscribe(null, accountId, listener, true);
  }

  async close(): Promise<void> {}
}

/**
 * PostgreSQL: every server NOTIFYs one channel through its pool and keeps one dedicated LISTEN
 * connection that fans out to its own subscribers. The publishing server delivers to its own
 * subscribers at once (and skips its own echo), so a reconnecting listener never delays them.
 */
class PostgresLiveEvents implements LiveEvents {
  private readonly local = new LocalFanOut();
  private readonly own = new LocalFanOut();
  private readonly origin = randomBytes(8).toString('hex');
  private client: pg.Client | null = null;
  private closed = false;
  private retryTimer: NodeJS.Timeout | null = null;
  private retryMs = 500;
  /** Resolves once the first LISTEN is in place (or failed), so a ready server hears others. */
  readonly listening: Promise<void>;

  constructor(
    private readonly pool: pg.Pool,
    private readonly connectionString: string,
    readonly heartbeatMs: number,
  ) {
    this.listening = this.listen();
  }

  private async listen(): Promise<void> {
    if (this.closed) return;
    // Named like the pool's connections, so `mend restore` sees an idle server by this one alone.
    const client = new pg.Client({ connectionString: this.connectionString, application_name: APPLICATION_NAME });
    client.on('notification', (message) => this.onNotification(message.payload));
    const lost = () => {
      if (this.client !== client) return;
      this.client = null;
      client.removeAllListeners('end');
      void client.end().catch(() => undefined);
      this.scheduleReconnect();
    };
    client.on('error', lost);
    client.on('end', lost);
    try {
      await client.connect();
      await client.query(`listen ${LIVE_CHANNEL}`);
      if (this.closed) {
        await client.end().catch(() => undefined);
        return;
      }
      this.client = client;
      this.retryMs = 500;
    } catch {
      client.removeAllListeners('end');
      await client.end().catch(() => undefined);
      this.scheduleReconnect();
    }
  }

  private scheduleReconnect(): void {
    if (this.closed || this.retryTimer) return;
    const wait = this.retryMs;
    this.retryMs = Math.min(this.retryMs * 2, 30_000);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      void this.listen();
    }, wait);
    this.retryTimer.unref();
  }

  private onNotification(payload: string | undefined): void {
    if (!payload) return;
    let message: { o?: unknown; s?: unknown; a?: unknown; e?: unknown };
    try {
      message = JSON.parse(payload) as typeof message;
    } catch {
      return;
    }
    if (message.o === this.origin) return;
    if (typeof message.a === 'string') {
      const own = parseAccountEvent(message.e);
      if (own) this.deliverToAccount(message.a, own);
      return;
    }
    if (typeof message.s !== 'string') return;
    const event = parseLiveEvent(message.e);
    if (event) this.local.deliver(message.s, event);
  }

  async publish(spaceId: string, event: LiveEvent): Promise<void> {
    const clean = parseLiveEvent(event);
    if (!clean) return;
    this.local.deliver(spaceId, clean);
    try {
      await this.pool.query('select pg_notify($1, $2)', [LIVE_CHANNEL, JSON.stringify({ o: this.origin, s: spaceId, e: clean })]);
    } catch {
      // The write itself succeeded; other servers' pages catch up on their next load.
    }
  }

  private deliverToAccount(accountId: string, event: AccountLiveEvent): void {
    this.local.deliverToAccount(accountId, event);
    this.own.deliverToAccount(accountId, event);
  }

  async publishToAccount(accountId: string, event: AccountLiveEvent): Promise<void> {
    const clean = parseAccountEvent(event);
    if (!clean || !UUIDISH.test(accountId)) return;
    this.deliverToAccount(accountId, clean);
    try {
      await this.pool.query('select pg_notify($1, $2)', [LIVE_CHANNEL, JSON.stringify({ o: this.origin, a: accountId, e: clean })]);
    } catch {
      // The count is drawn afresh on the next page anyway.
    }
  }

  subscribe(spaceId: string, accountId: string, listener: LiveListener, options: { ownEvents?: boolean } = {}): (() => void) | null {
    return this.local.subscribe(spaceId, accountId, listener, options.ownEvents === true);
  }

  subscribeAccount(accountId: string, listener: LiveListener): (() => void) | null {
    return this.own.subscribe(null, accountId, listener, true);
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    const client = this.client;
    this.client = null;
    if (client) {
      client.removeAllListeners('end');
      await client.end().catch(() => undefined);
    }
  }
}

export const DEFAULT_HEARTBEAT_MS = 25_000;

/** The live-event service for this store: in-process on SQLite, LISTEN/NOTIFY on PostgreSQL. */
export async function createLiveEvents(
  store: Store,
  databaseUrl: string | null,
  options: { heartbeatMs?: number } = {},
): Promise<LiveEvents> {
  const heartbeatMs = options.heartbeatMs ?? DEFAULT_HEARTBEAT_MS;
  if (!store.pgPool || !databaseUrl) return new InProcessLiveEvents(heartbeatMs);
  const live = new PostgresLiveEvents(store.pgPool, databaseUrl, heartbeatMs);
  await live.listening;
  return live;
}
