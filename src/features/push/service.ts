import { FIRST_PAGE, type Page, type PageRequest } from '../../core/paging/cursor.js';
import { PUSH_PAYLOAD, pushServiceOf, validPushKeys, type PushServiceName } from '../../core/push/push-services.js';
import { newId } from '../../platform/db/ids.js';
import { refuse } from '../../platform/errors.js';
import type { Clock } from '../../platform/clock.js';
import type { PushResult, PushTransport } from '../../platform/push/web-push-transport.js';
import type { PushSubscriptionStore } from './store.js';
import { PushQueue } from './push-queue.js';

/** At most this many devices per person: bounds what one notification fans out to. */
export const MAX_PUSH_DEVICES = 10;

/** A subscription as its owner sees it: which company's service carries it, and whether it is this session's. */
export interface PushSubscriptionView {
  id: string;
  /** Null when its sealed value failed its check (it is never sent to). */
  service: PushServiceName | null;
  createdAt: string;
  /** Turned on from the session asking (this browser, or this API token). */
  current: boolean;
}

export interface NewPushSubscription {
  endpoint: string;
  keys: { p256dh: string; auth: string };
}

/**
 * Whether a push may go to this person now. Always yes unless the lead wires it to the person's
 * quiet hours (issue #18, part 3); a push held back is not sent later (the notification is in Mend).
 */
export type MayPushNow = (accountId: string, at: Date) => boolean | Promise<boolean>;

/** What is reported when a push fails: its kind and the push service's status, never an address or words. */
export type PushFailureReport = (kind: 'gone' | 'refused' | 'unavailable' | 'unreachable' | 'dropped' | 'failed', status?: number) => void;

/**
 * Push notifications by choice (docs/notifications.md, "Push"): the devices a person turned push
 * on for, and the sending, in the background, of a push that says only that something is waiting.
 */
export class PushService {
  /** Wired to quiet hours after the merge of issue #18's email part; yes by default. */
  mayPushNow: MayPushNow = () => true;
  /** Set by app.ts to the log; nothing by default. */
  reportFailure: PushFailureReport = () => {};

  private readonly queue: PushQueue;

  constructor(
    private readonly deps: {
      subscriptions: PushSubscriptionStore;
      clock: Clock;
      /** The instance's public key while push is on (MEND_PUSH) and its keys are readable; null otherwise. */
      publicKey: string | null;
      transport: PushTransport | null;
      /** Which push service an endpoint belongs to, or null for one Mend does not send to (core/push). */
      serviceOf?: (endpoint: string) => PushServiceName | null;
    },
  ) {
    this.queue = new PushQueue((accountId) => this.pushTo(accountId), {
      concurrency: 4,
      maxPending: 10_000,
      dropped: () => this.reportFailure('dropped'),
    });
  }

  /** Whether people may turn push on here. */
  get enabled(): boolean {
    return this.deps.publicKey !== null && this.deps.transport !== null;
  }

  /** The `applicationServerKey` browsers subscribe with; null while push is off. */
  get publicKey(): string | null {
    return this.enabled ? this.deps.publicKey : null;
  }

  private serviceOf(endpoint: string): PushServiceName | null {
    return (this.deps.serviceOf ?? pushServiceOf)(endpoint);
  }

  async subscribe(who: { accountId: string; sessionId: string }, input: NewPushSubscription): Promise<PushSubscriptionView> {
    if (!this.enabled) refuse('push_off');
    const service = this.serviceOf(input.endpoint);
    if (service === null) refuse('push_service_unknown', { endpoint: 'Not a push service Mend sends to.' });
    if (!validPushKeys(input.keys)) refuse('push_keys_invalid', { keys: 'Not keys Mend can encrypt to.' });
    if ((await this.deps.subscriptions.countOthers(who.accountId, input.endpoint)) >= MAX_PUSH_DEVICES) refuse('push_devices_full');
    const stored = {
      id: newId(),
      accountId: who.accountId,
      sessionId: who.sessionId,
      endpoint: input.endpoint,
      p256dh: input.keys.p256dh,
      auth: input.keys.auth,
      createdAt: this.deps.clock.now().toISOString(),
    };
    await this.deps.subscriptions.put(stored);
    return { id: stored.id, service, createdAt: stored.createdAt, current: true };
  }

  async list(accountId: string, sessionId: string, at: PageRequest = FIRST_PAGE): Promise<Page<PushSubscriptionView>> {
    const page = await this.deps.subscriptions.page(accountId, at.after, at.size);
    return {
      items: page.items.map((s) => ({
        id: s.id,
        service: s.target ? this.serviceOf(s.target.endpoint) : null,
        createdAt: s.createdAt,
        current: s.sessionId === sessionId,
      })),
      next: page.next,
    };
  }

  /** Turns push off for one of the account's devices; false when it is not theirs. */
  remove(accountId: string, id: string): Promise<boolean> {
    return this.deps.subscriptions.remove(accountId, id);
  }

  /**
   * Something was written for this person (a notification): each of their devices gets a push, in
   * the background. Returns at once; never throws.
   */
  nudge(accountId: string): void {
    if (this.enabled) this.queue.add(accountId);
  }

  private async pushTo(accountId: string): Promise<void> {
    const transport = this.deps.transport;
    if (!transport) return;
    try {
      const now = this.deps.clock.now();
      if (!(await this.mayPushNow(accountId, now))) return;
      const targets = await this.deps.subscriptions.forSending(accountId, now.toISOString());
      await Promise.all(
        targets.map(async (target) => {
          // Checked again before every send: a row can only hold an endpoint that passed this.
          if (this.serviceOf(target.endpoint) === null) return;
          const result: PushResult = await transport.send(target, PUSH_PAYLOAD);
          if (result.kind === 'sent') return;
          if (result.kind === 'gone') await this.deps.subscriptions.forget(target.id);
          this.reportFailure(result.kind, 'status' in result ? result.status : undefined);
        }),
      );
    } catch {
      // The database or the library failed: reported by kind, and the next notification tries afresh.
      this.reportFailure('failed');
    }
  }

  /** Resolves once every push asked for so far has been sent or given up (tests wait on it). */
  idle(): Promise<void> {
    return this.queue.idle();
  }

  close(): Promise<void> {
    return this.queue.close();
  }
}
