import type { NotificationType } from '../core/notification-types.js';

/**
 * Who each action tells (issue #18): one entry per exported function of every
 * `src/features/<feature>/actions.ts`, saying which notification types it may cause, or why it
 * tells nobody. It is a declaration, kept beside the actions so a new one cannot be added without
 * deciding: `test/architecture/notification-decisions.test.ts` imports every actions module and
 * fails when an action has no decision, when a decision names an action that no longer exists,
 * or when a notification type is caused by no action and is not one of Mend's own reminders.
 * docs/notifications.md lists the same events with who is told, the words and the link.
 */
export type NotificationDecision =
  | {
      /** The types this action may cause (the policy may still tell nobody, per recipient). */
      readonly tells: readonly NotificationType[];
    }
  | {
      /** Why the action tells nobody, in a sentence. */
      readonly tellsNobody: string;
    };

const own = (what: string): NotificationDecision => ({ tellsNobody: `${what} is the person’s own; it asks nothing of anyone.` });

export const NOTIFICATION_DECISIONS = {
  accounts: {
    signUp: { tellsNobody: 'A new account belongs to no space yet.' },
    signIn: own('Signing in'),
    signOut: own('Signing out'),
    revokeSession: own('Ending one of one’s sessions'),
    signOutEverywhere: own('Signing out everywhere'),
    reauthenticate: own('Confirming one’s password'),
    changePassword: own('A password'),
    requestPasswordReset: { tellsNobody: 'A reset link goes by email to the address’s owner alone, and only as that link.' },
    completePasswordReset: own('A new password'),
    keepRecoveryCode: own('A recovery code'),
    updateSettings: own('A name, time zone or country'),
    confirmPassword: own('Confirming one’s password'),
    deleteAccount: { tells: ['partner_deleted_account'] },
    deleteAccountByOperator: { tells: ['partner_deleted_account'] },
    setAccountDisabled: {
      tellsNobody: 'The operator disabling or enabling an account changes nothing a partner sees, and a notice could endanger a person.',
    },
  },
  'agreement-log': {
    logOccasion: { tells: ['agreement_logged'] },
    reviewOccasion: { tells: ['agreement_log_confirmed', 'agreement_log_disputed'] },
    replyToDispute: { tells: ['agreement_log_replied'] },
  },
  agreements: {
    proposeAgreement: { tells: ['agreement_proposed', 'step_opened'] },
    acceptAgreement: { tells: ['agreement_accepted', 'step_opened'] },
    counterAgreement: { tells: ['agreement_countered', 'step_opened'] },
    withdrawAgreement: {
      tellsNobody: 'Withdrawing one’s own proposal asks nothing of the partner and opens no step (the list updates live).',
    },
  },
  checkin: {
    saveCheckin: { tells: ['partner_checked_in'] },
    chooseCheckinNumbers: {
      tellsNobody: 'Who sees one’s check-in numbers is one’s own choice; changing it tells nobody (docs/privacy-rules.md).',
    },
  },
  journey: {
    recordBreach: { tells: ['step_opened'] },
    correctBreachDates: { tellsNobody: 'A corrected date is a fact both partners see on the journey page; it asks nothing of anyone.' },
    writeEntry: {
      tells: [
        'question_asked',
        'question_answered',
        'trigger_logged',
        'trigger_answered',
        'forgiveness_shared',
        'sealed_half_written',
        'sealed_pair_opened',
        'step_opened',
      ],
    },
    changeVisibility: { tells: ['forgiveness_shared', 'step_opened'] },
    deleteEntry: { tellsNobody: 'Removing one’s own entry opens nothing and asks nothing (an opened pair shows the half as removed).' },
    deferQuestion: { tells: ['question_dated'] },
    keepApologyDraft: { tellsNobody: 'Checking an apology keeps it as its author’s draft; a draft is never told to anyone.' },
    acknowledge: { tells: ['step_opened'] },
    deliverApology: { tells: ['apology_delivered', 'step_opened'] },
    respondToApology: { tells: ['apology_answered', 'step_opened'] },
    openForgivenessEarly: {
      tellsNobody: 'Opening step 7 early is the hurt partner’s private choice; Mend never presses anyone to forgive.',
    },
  },
  meetings: {
    recordMeeting: { tells: ['meeting_recorded'] },
    setMeetingSchedule: { tells: ['meeting_scheduled'] },
    newCalendarFeed: own('A calendar address'),
    revokeCalendarFeed: own('A calendar address'),
  },
  'monthly-review': {
    saveMonthlyReview: { tells: ['monthly_review_done'] },
  },
  'daily-question': {
    answerDailyQuestion: {
      tellsNobody:
        'A day’s answer is sealed until both answered, and then waits on the question’s page: a notification would pull people back every day (docs/daily-question.md).',
    },
    skipDailyQuestion: own('Skipping the day’s question'),
  },
  drafts: {
    saveDraft: { tellsNobody: 'A draft is its author’s alone: never counted, notified or shown to anyone else.' },
    discardDraft: own('Discarding one’s draft'),
  },
  notifications: {
    markNotificationsRead: own('Reading one’s notifications'),
    setReminders: own('A reminder, email or quiet-hours setting'),
    stopEmails: own('Stopping one kind of email from its link'),
  },
  push: {
    addPushSubscription: own('Turning push on for a device'),
    removePushSubscription: own('Turning push off for a device'),
  },
  reassurance: {
    askForReassurance: { tells: ['reassurance_requested'] },
    answerReassurance: { tells: ['reassurance_answered'] },
  },
  report: {
    openRecord: own('Confirming one’s password to open the record'),
  },
  safety: {
    submitScreening: { tellsNobody: 'Nothing about the safety check is ever told to anyone, not even that one was taken.' },
    setQuickExitSignsOut: { tellsNobody: 'A safety setting is the person’s alone; nothing about safety is ever told.' },
    quickExit: { tellsNobody: 'Leaving in a hurry tells no one.' },
  },
  spaces: {
    createSpace: { tellsNobody: 'A new space has nobody else in it yet.' },
    invite: { tellsNobody: 'An invitation waits for the person invited; the partner is told when someone joins.' },
    join: { tells: ['partner_joined', 'therapist_waiting', 'therapist_waiting_alone'] },
    leave: { tells: ['partner_left'] },
  },
  therapists: {
    consentToTherapist: { tells: ['therapist_access_began'] },
    removeTherapist: { tellsNobody: 'Ending a therapist’s access asks nothing of the other partner; the space page shows it at once.' },
  },
} as const satisfies Record<string, Record<string, NotificationDecision>>;

/** Types Mend sends by itself, not caused by an action: reminders and a date come (features/notifications/reminders.ts). */
export const REMINDER_TYPES: readonly NotificationType[] = ['checkin_reminder', 'meeting_reminder', 'question_due'];

/** What is wrong between the actions that exist, the decisions and the notification types. */
export interface DecisionGaps {
  /** `feature/action` exported by an actions module with no decision. */
  undeclared: string[];
  /** `feature/action` decided for, but exported by no actions module. */
  stale: string[];
  /** Notification types no decision names and that are not reminders. */
  uncaused: string[];
  /** Types a decision (or the reminders) names that have no words. */
  unknown: string[];
}

/**
 * The gaps, from each feature's actions module (its exports; a function is an action) and the
 * decisions. Empty lists everywhere mean every action is decided and every type has a cause.
 */
export function decisionGaps(
  modules: Readonly<Record<string, Readonly<Record<string, unknown>>>>,
  decisions: Readonly<Record<string, Readonly<Record<string, NotificationDecision>>>>,
  types: readonly string[],
  reminders: readonly string[],
): DecisionGaps {
  const actions = new Set(
    Object.entries(modules).flatMap(([feature, exports]) =>
      Object.entries(exports)
        .filter(([, value]) => typeof value === 'function')
        .map(([name]) => `${feature}/${name}`),
    ),
  );
  const decided = new Map<string, NotificationDecision>(
    Object.entries(decisions).flatMap(([feature, byAction]) =>
      Object.entries(byAction).map(([name, decision]): [string, NotificationDecision] => [`${feature}/${name}`, decision]),
    ),
  );
  const caused = new Set([...[...decided.values()].flatMap((d) => ('tells' in d ? d.tells : [])), ...reminders]);
  return {
    undeclared: [...actions].filter((a) => !decided.has(a)).sort(),
    stale: [...decided.keys()].filter((a) => !actions.has(a)).sort(),
    uncaused: types.filter((t) => !caused.has(t)).sort(),
    unknown: [...caused].filter((t) => !types.includes(t)).sort(),
  };
}
