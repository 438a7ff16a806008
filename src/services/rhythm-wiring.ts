import type { Kysely } from 'kysely';
import type { Config } from '../config.js';
import { AccountStore } from '../store/accounts.js';
import { AgreementLogStore } from '../store/agreement-log.js';
import { CheckinStore } from '../store/checkins.js';
import { GroupCommitter } from '../store/group-commit.js';
import { MeetingStore } from '../store/meetings.js';
import { NotificationStore } from '../store/notifications.js';
import { ProgressFactsStore } from '../store/progress-facts.js';
import { ReassuranceStore } from '../store/reassurance.js';
import { ReviewStore } from '../store/reviews.js';
import type { Database } from '../store/schema.js';
import { SpaceStore } from '../store/spaces.js';
import { raiseRevisionsOf, SpaceRevisionStore } from '../store/space-revisions.js';
import type { Vault } from '../store/vault.js';
import { AgreementLogService } from './agreement-log.js';
import { CheckinService, type NumbersChoiceWriter } from './checkins.js';
import type { Clock } from './clock.js';
import { smtpMailer } from './mailer.js';
import { MeetingService } from './meetings.js';
import { NotificationService } from './notifications.js';
import { ProgressService } from './progress.js';
import { ReminderService } from './reminders.js';
import type { SpaceService } from './spaces.js';

/** The services of issue #4 (check-ins, meetings, progress, the agreement log, notifications, reminders). */
export interface RhythmServices {
  checkins: CheckinService;
  meetings: MeetingService;
  progress: ProgressService;
  agreementLog: AgreementLogService;
  notifications: NotificationService;
  reminders: ReminderService;
}

/** The choice and the revision raise on one transaction: no kept view outlives the choice. */
export const numbersChoiceWriter =
  (vault: Vault): NumbersChoiceWriter =>
  async (db, accountId, shared, now) => {
    await new AccountStore(db, vault).setCheckinNumbersShared(accountId, shared, now);
    await raiseRevisionsOf(db, accountId);
  };

export function rhythmServices(deps: { db: Kysely<Database>; vault: Vault; dialect: 'sqlite' | 'postgres'; clock: Clock; config: Config; spaces: SpaceService }): RhythmServices {
  const { db, vault, clock, config, spaces } = deps;
  const notificationStore = new NotificationStore(db);
  const checkinStore = new CheckinStore(db, vault);
  const meetingStore = new MeetingStore(db, vault);
  const reassuranceStore = new ReassuranceStore(db, vault);
  const logStore = new AgreementLogStore(db, vault);
  const accountStore = new AccountStore(db, vault);
  const spaceStore = new SpaceStore(db, vault, deps.dialect);
  const notifications = new NotificationService({ notifications: notificationStore, clock });
  const writes = new GroupCommitter(db, deps.dialect);
  const checkins = new CheckinService({ checkins: checkinStore, reassurance: reassuranceStore, reviews: new ReviewStore(db), spaces, notifications, writes, chooseNumbers: numbersChoiceWriter(vault), clock });
  return {
    checkins,
    notifications,
    meetings: new MeetingService({ meetings: meetingStore, spaces, notifications, clock, baseUrl: config.baseUrl }),
    agreementLog: new AgreementLogService({ log: logStore, spaces, writes, clock }),
    progress: new ProgressService({ spaces, checkins, facts: new ProgressFactsStore(db, vault), revisions: new SpaceRevisionStore(db), clock }),
    reminders: new ReminderService({
      notifications: notificationStore,
      checkins: checkinStore,
      meetings: meetingStore,
      spaces,
      accountById: async (id) => {
        const a = await accountStore.byId(id);
        return a ? { id: a.id, email: a.email, timezone: a.timezone } : null;
      },
      partnersOf: async (spaceId) => {
        const space = await spaceStore.byId(spaceId);
        return space ? space.members.filter((m) => m.role === 'partner' && m.status === 'active').map((m) => m.accountId) : [];
      },
      mailer: config.smtpUrl ? smtpMailer(config.smtpUrl, config.mailFrom) : null,
      clock,
      baseUrl: config.baseUrl,
    }),
  };
}
