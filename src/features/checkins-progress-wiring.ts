import type { Kysely } from 'kysely';
import type { Config } from '../platform/config.js';
import { AccountStore } from './accounts/store.js';
import { AgreementLogStore } from './agreement-log/store.js';
import { JourneyStore } from './journey/store.js';
import { CheckinStore } from './checkin/store.js';
import { GroupCommitter } from '../platform/db/group-commit.js';
import { MeetingStore } from './meetings/store.js';
import { NotificationStore } from './notifications/store.js';
import { ProgressFactsStore } from './progress/facts-store.js';
import { ReassuranceStore } from './reassurance/store.js';
import { ReviewStore } from './monthly-review/store.js';
import type { Database } from '../platform/db/schema.js';
import { SpaceStore } from './spaces/store.js';
import { raiseRevisionsOf, SpaceRevisionStore } from './spaces/space-revisions.js';
import type { Vault } from '../platform/vault/vault.js';
import { AgreementLogService } from './agreement-log/service.js';
import { CheckinService, type NumbersChoiceWriter } from './checkin/service.js';
import { MonthlyReviewService } from './monthly-review/service.js';
import { ReassuranceService } from './reassurance/service.js';
import type { Clock } from '../platform/clock.js';
import { smtpMailer } from '../platform/mail/mailer.js';
import { MeetingService } from './meetings/service.js';
import { NotificationService } from './notifications/service.js';
import { ProgressService } from './progress/service.js';
import { ReminderService } from './notifications/reminders.js';
import { EmailDelivery } from './notifications/email-delivery.js';
import { EmailStore } from './notifications/email-store.js';
import type { SpaceService } from './spaces/service.js';
import { noMetrics, type Metrics } from '../platform/metrics/metrics.js';

/**
 * The services of the couple's ongoing practice, API.md's "check-ins and progress": check-ins,
 * reassurance, monthly reviews, meetings, progress, the agreement log, notifications, reminders.
 */
export interface CheckinsProgressServices {
  checkins: CheckinService;
  reassurance: ReassuranceService;
  monthlyReviews: MonthlyReviewService;
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

export function checkinsProgressServices(deps: {
  db: Kysely<Database>;
  vault: Vault;
  dialect: 'sqlite' | 'postgres';
  clock: Clock;
  config: Config;
  spaces: SpaceService;
  /** Group-commit batch sizes and reminders are counted here (platform/metrics). */
  metrics?: Metrics;
  /** Told whom each notification was written for (push notifications, features/push). */
  notified?: (recipientId: string) => void;
  /** Told whose unread notifications changed: written, read, or a reminder (live counts, issue #18). */
  unreadChanged?: (accountId: string) => void;
}): CheckinsProgressServices {
  const { db, vault, clock, config, spaces } = deps;
  const notificationStore = new NotificationStore(db);
  const checkinStore = new CheckinStore(db, vault);
  const meetingStore = new MeetingStore(db, vault);
  const logStore = new AgreementLogStore(db, vault);
  const accountStore = new AccountStore(db, vault);
  const spaceStore = new SpaceStore(db, vault, deps.dialect);
  const journeyStore = new JourneyStore(db, vault);
  const notifications = new NotificationService({
    notifications: notificationStore,
    clock,
    ...(deps.notified ? { written: deps.notified } : {}),
    ...(deps.unreadChanged ? { changed: deps.unreadChanged } : {}),
  });
  const metrics = deps.metrics ?? noMetrics;
  const writes = new GroupCommitter(db, deps.dialect, { observe: (size) => metrics.commitBatch(size) });
  const checkins = new CheckinService({
    checkins: checkinStore,
    spaces,
    writes,
    chooseNumbers: numbersChoiceWriter(vault),
    clock,
  });
  // A disabled account (mend accounts disable) gets no reminders and no email: it cannot sign in to read them.
  const accountById = async (id: string) => {
    const a = await accountStore.byId(id);
    return a && a.disabledAt === null ? { id: a.id, email: a.email, timezone: a.timezone } : null;
  };
  const monthlyReviews = new MonthlyReviewService({ reviews: new ReviewStore(db), spaces, clock });
  return {
    checkins,
    reassurance: new ReassuranceService({ reassurance: new ReassuranceStore(db, vault), spaces, clock }),
    monthlyReviews,
    notifications,
    meetings: new MeetingService({ meetings: meetingStore, spaces, clock, baseUrl: config.baseUrl }),
    agreementLog: new AgreementLogService({ log: logStore, spaces, writes, clock }),
    progress: new ProgressService({
      spaces,
      checkins,
      monthlyReviews,
      facts: new ProgressFactsStore(db, vault),
      revisions: new SpaceRevisionStore(db),
      clock,
    }),
    reminders: new ReminderService({
      notifications: notificationStore,
      checkins: checkinStore,
      meetings: meetingStore,
      spaces,
      accountById,
      partnersOf: async (spaceId) => {
        const space = await spaceStore.byId(spaceId);
        return space ? space.members.filter((m) => m.role === 'partner' && m.status === 'active').map((m) => m.accountId) : [];
      },
      questions: {
        due: (latest) => journeyStore.dueDeferrals(latest),
        claim: (questionId, now) => journeyStore.claimDeferralDue(questionId, now),
        release: (questionId) => journeyStore.releaseDeferralDue(questionId),
      },
      emails: new EmailDelivery({
        emails: new EmailStore(db),
        notifications: notificationStore,
        checkins: checkinStore,
        accountById,
        stillPartner: async (spaceId, accountId) => {
          const membership = await spaceStore.membership(spaceId, accountId);
          return membership?.role === 'partner' && membership.status === 'active';
        },
        mailer: config.smtpUrl ? smtpMailer(config.smtpUrl, config.mailFrom) : null,
        clock,
        baseUrl: config.baseUrl,
        stopMac: (message) => vault.index('email-stop', message),
        metrics,
      }),
      clock,
      metrics,
      ...(deps.unreadChanged ? { changed: deps.unreadChanged } : {}),
    }),
  };
}
