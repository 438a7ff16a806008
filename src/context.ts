import type { Config } from './platform/config.js';
import { AccountService } from './features/accounts/service.js';
import { systemClock, type Clock } from './platform/clock.js';
import { PasswordHasher } from './features/accounts/password-hasher.js';
import { PersonalKeys } from './features/accounts/personal-keys.js';
import { PersonalKeyStore } from './features/accounts/personal-keys-store.js';
import { smtpMailer } from './platform/mail/mailer.js';
import { PasswordResetService } from './features/accounts/password-resets.js';
import { PasswordResetStore } from './features/accounts/password-resets-store.js';
import { createLimiter, type Limiter } from './platform/http/rate-limiter.js';
import { SpaceService } from './features/spaces/service.js';
import { waitingModel } from './features/waiting-wiring.js';
import { journeyServices } from './features/journey/wiring.js';
import { checkinsProgressServices, type CheckinsProgressServices } from './features/checkins-progress-wiring.js';
import { SafetyService } from './features/safety/service.js';
import { SafetyStore } from './features/safety/store.js';
import { TherapistService } from './features/therapists/service.js';
import { TherapistStore } from './features/therapists/store.js';
import { AccountStore } from './features/accounts/store.js';
import { openStore, type Store } from './platform/db/database.js';
import { migrateToLatest } from './platform/db/migrator.js';
import { SessionStore } from './features/accounts/sessions-store.js';
import { SpaceStore } from './features/spaces/store.js';
import { openVault, type UnreadableReport } from './platform/vault/open-vault.js';
import { startEncryption, type StartNotice } from './platform/vault/start-encryption.js';
import type { Keyring } from './platform/vault/index.js';
import type { Vault } from './platform/vault/vault.js';
import { createLiveEvents, type LiveEvents } from './platform/live/live-events.js';
import type { Agent } from 'node:https';
import type { PushServiceName } from './core/push/push-services.js';
import { instanceVapidKeys, PushService, PushSubscriptionStore } from './features/push/index.js';
import { vapidSubject } from './platform/push/vapid.js';
import { webPushTransport } from './platform/push/web-push-transport.js';
import { DraftService } from './features/drafts/service.js';
import { DraftStore } from './features/drafts/store.js';
import { DailyQuestionService } from './features/daily-question/service.js';
import { DailyAnswerStore } from './features/daily-question/store.js';
import { dailyLibrary } from './features/daily-question/library-file.js';
import { createMetrics, noMetrics, type Metrics } from './platform/metrics/metrics.js';

/** Everything a request handler may use, built once per process. */
export interface AppContext {
  config: Config;
  store: Store;
  vault: Vault;
  /**
   * The key ring (checked against the database at start-up, start-encryption.ts), what start-up
   * has to tell the operator, and where a value that fails its check is reported (app.ts logs it).
   */
  encryption: { keyring: Keyring; notices: StartNotice[]; reportUnreadable: UnreadableReport };
  /**
   * Where a live update or a notification that could not be sent after a saved change is reported
   * (features/act.ts): what kind it was and the error's name and code, never anything written.
   */
  reportUntold(what: string, error: unknown): void;
  clock: Clock;
  accounts: AccountService;
  /** Forgotten passwords: links by email or from the operator (features/accounts/password-resets.ts). */
  passwordResets: PasswordResetService;
  /** Each person's own key for what they keep private (features/accounts/personal-keys.ts, issue #23). */
  personalKeys: PersonalKeys;
  spaces: SpaceService;
  safety: SafetyService;
  therapists: TherapistService;
  /** Repair journeys and their agreements (features/journey/service.ts, features/agreements/service.ts). */
  journeys: import('./features/journey/service.js').JourneyService;
  agreements: import('./features/agreements/service.js').AgreementService;
  /** Check-ins, meetings, progress, the agreement log, notifications, reminders (features/checkins-progress-wiring.ts). */
  rhythm: CheckinsProgressServices;
  /** What each person is writing, kept for them alone until sent or discarded (features/drafts/service.ts). */
  drafts: DraftService;
  /** The daily question for two, and for one alone (features/daily-question/service.ts, issue #25). */
  dailyQuestions: DailyQuestionService;
  limits: {
    signInByAddress: Limiter;
    signInByAccount: Limiter;
    signInByDevice: Limiter;
    confirmByAccount: Limiter;
    signUpByAddress: Limiter;
    coach: Limiter;
  };
  /** Live updates for open pages and API streams, across servers on PostgreSQL (platform/live/live-events.ts). */
  live: LiveEvents;
  /** Push notifications by choice: devices, and sending in the background (features/push/service.ts). */
  push: PushService;
  /** Counts for Prometheus when MEND_METRICS_TOKEN is set; otherwise counts nothing (platform/metrics). */
  metrics: Metrics;
  close(): Promise<void>;
}

export interface ContextOptions {
  clock?: Clock;
  /** How often an idle live stream gets a keep-alive comment (tests shorten it). */
  liveHeartbeatMs?: number;
  /**
   * Tests' local push service: an https.Agent that trusts its throwaway certificate, and which
   * endpoints count as a push service (by default only the browser makers', core/push).
   */
  push?: { agent?: Agent; serviceOf?: (endpoint: string) => PushServiceName | null };
}

export async function createContext(config: Config, options: ContextOptions = {}): Promise<AppContext> {
  const clock = options.clock ?? systemClock;
  const metrics = config.metricsToken !== null ? await createMetrics() : noMetrics;
  const store = openStore({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, timeouts: config.databaseTimeouts });
  try {
    // Migrations run on a store without the request timeouts: changing a large table may take
    // longer. Opened after `store`, so the data folder stays held (in-use-lock.ts) throughout.
    const migrating = openStore({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
    try {
      await migrateToLatest(migrating);
    } finally {
      await migrating.close();
    }
    const { keyring, notices } = await startEncryption(store, config);
    const encryption: AppContext['encryption'] = { keyring, notices, reportUnreadable: () => {} };
    const vault = openVault(keyring, (binding, reason) => encryption.reportUnreadable(binding, reason));
    // Created one after another: on PostgreSQL each may create the shared counter table.
    const signInByAddress = await createLimiter(store, vault, { name: 'signin-addr', points: 30, durationSeconds: 15 * 60 });
    const signInByAccount = await createLimiter(store, vault, { name: 'signin-acct', points: 10, durationSeconds: 15 * 60 });
    const signInByDevice = await createLimiter(store, vault, { name: 'signin-device', points: 10, durationSeconds: 15 * 60 });
    const confirmByAccount = await createLimiter(store, vault, { name: 'confirm-acct', points: 10, durationSeconds: 15 * 60 });
    const coach = await createLimiter(store, vault, { name: 'coach', points: 300, durationSeconds: 10 * 60 });
    const signUpByAddress = await createLimiter(store, vault, {
      name: 'signup-addr',
      points: config.signUpPerHour,
      durationSeconds: 60 * 60,
    });
    const resetLimits = {
      requestsByAddress: await createLimiter(store, vault, { name: 'reset-addr', points: 20, durationSeconds: 60 * 60 }),
      requestsByEmail: await createLimiter(store, vault, { name: 'reset-email', points: 5, durationSeconds: 60 * 60 }),
      wrongLinksByAddress: await createLimiter(store, vault, { name: 'reset-link-addr', points: 20, durationSeconds: 15 * 60 }),
    };
    const live = await createLiveEvents(store, config.databaseUrl, options.liveHeartbeatMs ? { heartbeatMs: options.liveHeartbeatMs } : {});
    const accountStore = new AccountStore(store.db, vault);
    const hasher = new PasswordHasher(config.argon2);
    const personalKeys = new PersonalKeys({ keys: new PersonalKeyStore(store.db), hasher, clock, db: store.db, vault });
    const accounts = new AccountService({
      accounts: accountStore,
      sessions: new SessionStore(store.db),
      hasher,
      personalKeys,
      clock,
      signInByAddress,
      signInByAccount,
      signInByDevice,
      confirmByAccount,
      deviceMac: (message) => vault.index('device-token', message),
    });
    const resetMailer = config.smtpUrl ? smtpMailer(config.smtpUrl, config.mailFrom) : null;
    const passwordResets = new PasswordResetService({
      resets: new PasswordResetStore(store.db),
      accounts: accountStore,
      accountService: accounts,
      personalKeys,
      sessions: new SessionStore(store.db),
      clock,
      baseUrl: config.baseUrl,
      mailer: resetMailer,
      ...resetLimits,
      metrics,
    });
    // Push: the instance's VAPID keys are made at the first start with push on, and kept with the data.
    const instanceVapid = config.push ? await instanceVapidKeys(store.db, vault, clock.now().toISOString()) : null;
    if (instanceVapid?.remade) {
      notices.push({
        level: 'warn',
        message:
          'The push notification key could not be opened with this key ring, so a new one was made: devices that had push on must turn it on again.',
      });
    }
    const vapid = instanceVapid?.keys ?? null;
    const push = new PushService({
      subscriptions: new PushSubscriptionStore(store.db, vault),
      clock,
      publicKey: vapid?.publicKey ?? null,
      transport: vapid
        ? webPushTransport({
            vapid: { ...vapid, subject: vapidSubject(config.baseUrl, config.mailFrom) },
            ...(options.push?.agent ? { agent: options.push.agent } : {}),
          })
        : null,
      ...(options.push?.serviceOf ? { serviceOf: options.push.serviceOf } : {}),
    });
    const spaceStore = new SpaceStore(store.db, vault, store.dialect);
    const spaces = new SpaceService({
      spaces: spaceStore,
      clock,
      baseUrl: config.baseUrl,
      waiting: waitingModel(store.db, vault, store.dialect),
    });
    const rhythm = checkinsProgressServices({
      db: store.db,
      vault,
      dialect: store.dialect,
      clock,
      config,
      spaces,
      metrics,
      notified: (recipientId) => push.nudge(recipientId),
      // A comfort like every live update: publishToAccount never throws, and nothing waits on it.
      unreadChanged: (accountId) => void live.publishToAccount(accountId, { kind: 'unread' }),
    });
    // No push in a person's quiet hours, the same hours as for email (docs/notifications.md).
    push.mayPushNow = async (accountId, at) => !(await rhythm.reminders.inQuietHours(accountId, at));
    const journeyParts = journeyServices({ db: store.db, vault, dialect: store.dialect, clock });
    const dailyQuestions = new DailyQuestionService({
      answers: new DailyAnswerStore(store.db, vault),
      spaces,
      clock,
      library: dailyLibrary,
      journeys: async (actor, spaceId) =>
        (await journeyParts.journeys.list(actor, spaceId)).map((j) => ({ closed: j.closedAt !== null, steps: j.steps })),
      checkedIn: async (accountId, spaceId, day) =>
        (await rhythm.checkins.list(accountId, spaceId, day, day)).some((c) => c.accountId === accountId),
    });
    // Read and checked now, so a broken library stops the start rather than a person's page.
    dailyLibrary();
    return {
      config,
      store,
      vault,
      encryption,
      reportUntold: () => {},
      clock,
      accounts,
      passwordResets,
      personalKeys,
      spaces,
      safety: new SafetyService({ safety: new SafetyStore(store.db), clock }),
      therapists: new TherapistService({
        therapists: new TherapistStore(store.db, vault, store.dialect),
        spaces: spaceStore,
        accounts,
        clock,
      }),
      ...journeyParts,
      rhythm,
      drafts: new DraftService({ drafts: new DraftStore(store.db, vault), spaces, clock }),
      dailyQuestions,
      limits: { signInByAddress, signInByAccount, signInByDevice, confirmByAccount, signUpByAddress, coach },
      live,
      push,
      metrics,
      close: async () => {
        // Pushes being sent finish before the database they read closes; waiting ones are dropped.
        await push.close();
        await live.close();
        resetMailer?.close();
        await store.close();
      },
    };
  } catch (error) {
    await store.close();
    throw error;
  }
}
