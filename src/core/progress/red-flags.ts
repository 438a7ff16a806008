/**
 * Red flags (SPEC section 5): explainable rules, each with the evidence it used. A flag that could
 * only be raised by reading someone's private data is shown to that person alone; see
 * docs/progress.md for each threshold and why.
 */
import type { ConsistencyScore } from './consistency.js';
import { addDays, daysBetween, utcDateOf } from './dates.js';

export interface BreachFact {
  id: string;
  kind: string;
  /** The day it was entered into Mend. */
  recordedOn: string;
  /** The day it happened, when known. */
  occurredOn?: string | null;
  brokeTrust: readonly string[];
  /** Set when only this account may see the breach (e.g. recorded alone, kept private). */
  privateTo?: string | null;
}

export interface JourneyFact {
  id: string;
  breachId: string;
  openedOn: string;
  closedOn?: string | null;
}

export interface PartnerActivity {
  partnerId: string;
  joinedOn: string;
  lastCheckinOn?: string | null;
}

/** One message the language coach has read; the caller runs the coach. */
export interface CoachFact {
  id: string;
  authorId: string;
  /** ISO instant with Z. */
  at: string;
  visibility: 'private' | 'shared' | 'sealed';
  contempt: boolean;
}

export interface RedFlagFacts {
  breaches: readonly BreachFact[];
  journeys: readonly JourneyFact[];
  consistency: readonly { partnerId: string; score: ConsistencyScore }[];
  partners: readonly PartnerActivity[];
  coachFindings: readonly CoachFact[];
}

type FlagBase = {
  /** The day the rule's condition was first met (as far as the facts show). */
  raisedOn: string;
  fromPrivateData: boolean;
  /** With fromPrivateData: the only account that may see the flag. */
  ownerId?: string;
  /** The partner the flag is about, when it is about one partner. */
  subjectId?: string;
  message: string;
};

export type RedFlag = FlagBase &
  (
    | {
        rule: 'breach_during_journey';
        evidence: { breachId: string; kind: string; happenedOn: string; recordedOn: string; openJourneyIds: string[] };
      }
    | { rule: 'repeated_breach_kind'; evidence: { kind: string; breachIds: string[]; happenedOn: string[]; withinDays: number } }
    | {
        rule: 'low_consistency';
        evidence: {
          score: number;
          low: number;
          high: number;
          occasions: number;
          firstLoggedOn: string;
          weeksOfLogging: number;
          threshold: number;
        };
      }
    | { rule: 'partner_silent'; evidence: { lastCheckinOn: string | null; joinedOn: string; daysSilent: number; thresholdDays: number } }
    | {
        rule: 'contempt';
        evidence: { contemptCount: number; messagesConsidered: number; messageIds: string[]; windowDays: number; threshold: number };
      }
  );

export type RedFlagRule = RedFlag['rule'];

/** Two breaches of one kind this close together are a pattern (SPEC: "within 12 months"). */
export const REPEAT_WITHIN_DAYS = 365;
export const LOW_CONSISTENCY = 0.5;
export const LOW_CONSISTENCY_MIN_DAYS = 42;
export const SILENT_DAYS = 21;
/** Contempt in at least 3 of a partner's last 10 messages of the last 30 days. */
export const CONTEMPT_MIN_COUNT = 3;
export const CONTEMPT_LAST_MESSAGES = 10;
export const CONTEMPT_WINDOW_DAYS = 30;

const happenedOn = (b: BreachFact): string => b.occurredOn ?? b.recordedOn;
const soleSubject = (ids: readonly string[]): { subjectId?: string } => (ids.length === 1 ? { subjectId: ids[0]! } : {});

/**
 * Runs a rule on what everyone may see, then once for each owner of private facts on what that
 * owner may see; a flag only the owner's view raises is private to them. `key` says which flags
 * are "the same" across views.
 */
function acrossViews<T, F extends { key: string; flag: RedFlag }>(
  facts: readonly T[],
  ownerOf: (fact: T) => string | null | undefined,
  rule: (visible: readonly T[]) => F[],
): RedFlag[] {
  const shared = facts.filter((f) => !ownerOf(f));
  const sharedFlags = rule(shared);
  const seen = new Set(sharedFlags.map((f) => f.key));
  const out = sharedFlags.map((f) => f.flag);
  const owners = [...new Set(facts.map(ownerOf).filter((o): o is string => !!o))].sort();
  for (const owner of owners) {
    for (const f of rule(facts.filter((x) => !ownerOf(x) || ownerOf(x) === owner))) {
      if (!seen.has(f.key)) out.push({ ...f.flag, fromPrivateData: true, ownerId: owner });
    }
  }
  return out;
}

function breachDuringJourney(breaches: readonly BreachFact[], journeys: readonly JourneyFact[]): RedFlag[] {
  return acrossViews(
    breaches,
    (b) => b.privateTo,
    (visible) => {
      const ids = new Set(visible.map((b) => b.id));
      const flags: { key: string; flag: RedFlag }[] = [];
      for (const b of visible) {
        const on = happenedOn(b);
        // A breach that happened after another journey had opened, and was entered after that day:
        // entering past breaches while setting Mend up does not count as "new".
        const open = journeys.filter(
          (j) =>
            ids.has(j.breachId) &&
            j.breachId !== b.id &&
            j.openedOn <= on &&
            j.openedOn < b.recordedOn &&
            (!j.closedOn || on <= j.closedOn),
        );
        if (open.length === 0) continue;
        flags.push({
          key: b.id,
          flag: {
            rule: 'breach_during_journey',
            raisedOn: b.recordedOn,
            evidence: { breachId: b.id, kind: b.kind, happenedOn: on, recordedOn: b.recordedOn, openJourneyIds: open.map((j) => j.id) },
            fromPrivateData: false,
            ...soleSubject(b.brokeTrust),
            message:
              'A new breach was recorded while you were still working through an earlier one. ' +
              'That is worth pausing on together, and a good moment to consider a couples therapist.',
          },
        });
      }
      return flags;
    },
  );
}

function repeatedBreachKind(breaches: readonly BreachFact[]): RedFlag[] {
  return acrossViews(
    breaches,
    (b) => b.privateTo,
    (visible) => {
      const flags: { key: string; flag: RedFlag }[] = [];
      const kinds = [...new Set(visible.map((b) => b.kind))].sort();
      for (const kind of kinds) {
        const ofKind = visible.filter((b) => b.kind === kind).sort((x, y) => (happenedOn(x) < happenedOn(y) ? -1 : 1));
        const involved = ofKind.filter((b, i) =>
          ofKind.some((o, k) => k !== i && Math.abs(daysBetween(happenedOn(o), happenedOn(b))) <= REPEAT_WITHIN_DAYS),
        );
        if (involved.length < 2) continue;
        const people = [...new Set(involved.flatMap((b) => b.brokeTrust))];
        flags.push({
          key: kind,
          flag: {
            rule: 'repeated_breach_kind',
            raisedOn: involved
              .map((b) => b.recordedOn)
              .sort()
              .at(-1)!,
            evidence: { kind, breachIds: involved.map((b) => b.id), happenedOn: involved.map(happenedOn), withinDays: REPEAT_WITHIN_DAYS },
            fromPrivateData: false,
            ...soleSubject(people),
            message:
              `${involved.length} breaches of the same kind happened within a year of each other. ` +
              'A pattern like this deserves an honest look, ideally with a couples therapist.',
          },
        });
      }
      return flags;
    },
  );
}

function lowConsistency(facts: RedFlagFacts['consistency'], today: string): RedFlag[] {
  const flags: RedFlag[] = [];
  for (const { partnerId, score } of facts) {
    if (!score.firstLoggedOn) continue;
    const days = daysBetween(score.firstLoggedOn, today);
    if (days < LOW_CONSISTENCY_MIN_DAYS || score.score >= LOW_CONSISTENCY) continue;
    flags.push({
      rule: 'low_consistency',
      raisedOn: today,
      evidence: {
        score: score.score,
        low: score.low,
        high: score.high,
        occasions: score.occasions,
        firstLoggedOn: score.firstLoggedOn,
        weeksOfLogging: Math.floor(days / 7),
        threshold: LOW_CONSISTENCY,
      },
      fromPrivateData: false,
      subjectId: partnerId,
      message:
        `After ${Math.floor(days / 7)} weeks of logging, the consistency score is ${score.score.toFixed(2)}: ` +
        'more agreements are being missed than kept. It may help to look at whether the agreements ' +
        'are realistic, and what gets in the way.',
    });
  }
  return flags;
}

function partnerSilent(partners: readonly PartnerActivity[], today: string): RedFlag[] {
  const flags: RedFlag[] = [];
  for (const p of partners) {
    const since = p.lastCheckinOn ?? p.joinedOn;
    const days = daysBetween(since, today);
    if (days < SILENT_DAYS) continue;
    flags.push({
      rule: 'partner_silent',
      raisedOn: addDays(since, SILENT_DAYS),
      evidence: { lastCheckinOn: p.lastCheckinOn ?? null, joinedOn: p.joinedOn, daysSilent: days, thresholdDays: SILENT_DAYS },
      fromPrivateData: false,
      subjectId: p.partnerId,
      message: p.lastCheckinOn
        ? `There has been no check-in from one of you for ${days} days. Sometimes a break is needed; ` +
          'sometimes silence says something. Either is worth saying out loud.'
        : `One of you has not checked in yet in ${days} days. There is no rush — but it may be worth ` +
          'talking about whether daily check-ins suit you both.',
    });
  }
  return flags;
}

function contempt(findings: readonly CoachFact[], today: string): RedFlag[] {
  const from = addDays(today, -(CONTEMPT_WINDOW_DAYS - 1));
  const recent = findings.filter((f) => {
    const day = utcDateOf(f.at);
    return day >= from && day <= today;
  });
  const authors = [...new Set(recent.map((f) => f.authorId))].sort();
  return authors.flatMap((author) =>
    // Sealed messages count as private: a partner may not have been able to open them yet.
    acrossViews(
      recent.filter((f) => f.authorId === author),
      (f) => (f.visibility === 'shared' ? null : f.authorId),
      (visible) => {
        const last = [...visible].sort((x, y) => Date.parse(y.at) - Date.parse(x.at)).slice(0, CONTEMPT_LAST_MESSAGES);
        const hits = last.filter((f) => f.contempt);
        if (hits.length < CONTEMPT_MIN_COUNT) return [];
        const anyPrivate = last.some((f) => f.visibility !== 'shared');
        return [
          {
            key: author,
            flag: {
              rule: 'contempt' as const,
              raisedOn: utcDateOf(hits[0]!.at),
              evidence: {
                contemptCount: hits.length,
                messagesConsidered: last.length,
                messageIds: hits.map((f) => f.id),
                windowDays: CONTEMPT_WINDOW_DAYS,
                threshold: CONTEMPT_MIN_COUNT,
              },
              fromPrivateData: false,
              subjectId: author,
              message: anyPrivate
                ? `In ${hits.length} of your last ${last.length} messages, some of them private, the coach noticed ` +
                  'words that can come across as contempt. Only you can see this. Contempt hurts repair more ' +
                  'than anger does; the coach can suggest other ways to say what you mean.'
                : `In ${hits.length} of the last ${last.length} messages from one of you, the coach noticed words ` +
                  'that can come across as contempt. Contempt hurts repair more than anger does; the coach ' +
                  'can suggest other ways to say the same thing.',
            },
          },
        ];
      },
    ),
  );
}

export function redFlags(facts: RedFlagFacts, today: string): RedFlag[] {
  return [
    ...breachDuringJourney(facts.breaches, facts.journeys),
    ...repeatedBreachKind(facts.breaches),
    ...lowConsistency(facts.consistency, today),
    ...partnerSilent(facts.partners, today),
    ...contempt(facts.coachFindings, today),
  ];
}

/** The flags `viewerId` may see: every shared flag, and private ones they own. */
export function redFlagsVisibleTo(flags: readonly RedFlag[], viewerId: string): RedFlag[] {
  return flags.filter((f) => !f.fromPrivateData || f.ownerId === viewerId);
}
