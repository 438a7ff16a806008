import type { Config } from '../config.js';
import { AccountService } from '../services/accounts.js';
import { systemClock, type Clock } from '../services/clock.js';
import { PasswordHasher } from '../services/password-hasher.js';
import { smtpMailer } from '../services/mailer.js';
import { PasswordResetService } from '../services/password-resets.js';
import { PasswordResetStore } from '../store/password-resets.js';
import { createLimiter, type Limiter } from '../services/rate-limiter.js';
import { SpaceService } from '../services/spaces.js';
import { journeyServices } from '../services/journeys-wiring.js';
import { rhythmServices, type RhythmServices } from '../services/rhythm-wiring.js';
import { SafetyService } from '../services/safety.js';
import { deleteAccount } from '../services/account-deletion.js';
import { erasePrivateOnLeaving } from '../store/authored-text.js';
import { SafetyStore } from '../store/safety.js';
import { TherapistService } from '../services/therapists.js';
import { TherapistStore } from '../store/therapists.js';
import { AccountStore } from '../store/accounts.js';
import { openStore, type Store } from '../store/database.js';
import { migrateToLatest } from '../store/migrator.js';
import { SessionStore } from '../store/sessions.js';
import { SpaceStore } from '../store/spaces.js';
import { openVault, type UnreadableReport } from '../store/open-vault.js';
import { startEncryption, type StartNotice } from '../store/start-encryption.js';
import type { Keyring } from '../security/index.js';
import type { Vault } from '../store/vault.js';
import { createLiveEvents, type LiveEvents } from '../services/live-events.js';

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
  clock: Clock;
  accounts: AccountService;
  /** Forgotten passwords: links by email or from the operator (services/password-resets.ts). */
  passwordResets: PasswordResetService;
  spaces: SpaceService;
  safety: SafetyService;
  therapists: TherapistService;
  /** Repair journeys and their agreements (services/journeys.ts, services/agreements.ts). */
  journeys: import('../services/journeys.js').JourneyService;
  agreements: import('../services/agreements.js').AgreementService;
  /** Removes the account and everything it wrote (services/account-deletion.ts). */
  deleteAccount(accountId: string, password: string): Promise<void>;
  /** Check-ins, meetings, progress, the agreement log, notifications, reminders (services/rhythm-wiring.ts). */
  rhythm: RhythmServices;
  limits: { signInByAddress: Limiter; signInByAccount: Limiter; signInByDevice: Limiter; confirmByAccount: Limiter; signUpByAddress: Limiter; coach: Limiter };
  /** Live updates for open pages and API streams, across servers on PostgreSQL (services/live-events.ts). */
  live: LiveEvents;
  close(): Promise<void>;
}

export interface ContextOptions {
  clock?: Clock;
  /** How often an idle live stream gets a keep-alive comment (tests shorten it). */
  liveHeartbeatMs?: number;
}

export async function createContext(config: Config, options: ContextOptions = {}): Promise<AppContext> {
  const clock = options.clock ?? systemClock;
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
    const signUpByAddress = await createLimiter(store, vault, { name: 'signup-addr', points: config.signUpPerHour, durationSeconds: 60 * 60 });
    const resetLimits = {
      requestsByAddress: await createLimiter(store, vault, { name: 'reset-addr', points: 20, durationSeconds: 60 * 60 }),
      requestsByEmail: await createLimiter(store, vault, { name: 'reset-email', points: 5, durationSeconds: 60 * 60 }),
      wrongLinksByAddress: await createLimiter(store, vault, { name: 'reset-link-addr', points: 20, durationSeconds: 15 * 60 }),
    };
    const live = await createLiveEvents(store, config.databaseUrl, options.liveHeartbeatMs ? { heartbeatMs: options.liveHeartbeatMs } : {});
    const accountStore = new AccountStore(store.db, vault);
    const accounts = new AccountService({
      accounts: accountStore,
      sessions: new SessionStore(store.db),
      hasher: new PasswordHasher(config.argon2),
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
      sessions: new SessionStore(store.db),
      clock,
      baseUrl: config.baseUrl,
      mailer: resetMailer,
      ...resetLimits,
    });
    const spaceStore = new SpaceStore(store.db, vault, store.dialect);
    const spaces = new SpaceService({
      spaces: spaceStore,
      clock,
      baseUrl: config.baseUrl,
      eraseOnLeaving: (spaceId, accountId) => erasePrivateOnLeaving(store.db, spaceId, accountId),
    });
    return {
      config,
      store,
      vault,
      encryption,
      clock,
      accounts,
      passwordResets,
      spaces,
      safety: new SafetyService({ safety: new SafetyStore(store.db), clock }),
      therapists: new TherapistService({ therapists: new TherapistStore(store.db, vault, store.dialect), spaces: spaceStore, accounts, clock }),
      ...journeyServices({ db: store.db, vault, dialect: store.dialect, clock }),
      rhythm: rhythmServices({ db: store.db, vault, dialect: store.dialect, clock, config, spaces }),
      deleteAccount: (accountId, password) => deleteAccount({ accounts, spaces, store }, accountId, password),
      limits: { signInByAddress, signInByAccount, signInByDevice, confirmByAccount, signUpByAddress, coach },
      live,
      close: async () => {
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
