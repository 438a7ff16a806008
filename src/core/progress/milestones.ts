/**
 * Small wins: milestones Mend celebrates, each computed from facts with the day it was reached.
 * There is deliberately no milestone for forgiveness: Mend never makes forgiving a goal to hit.
 */
import { outcomeOf, type AgreementLogFact } from './consistency.js';
import { dayNumber, dateFromDayNumber } from './dates.js';

export type MilestoneKey =
  | 'first_checkin'
  | 'checkin_streak_7'
  | 'checkins_30'
  | 'checked_in_together'
  | 'trust_acknowledged'
  | 'apology_delivered'
  | 'apology_answered'
  | 'first_agreement'
  | 'two_weeks_kept'
  | 'first_meeting'
  | 'four_meetings'
  | 'reassurance_answered';

export interface Milestone {
  key: MilestoneKey;
  title: string;
  achievedOn: string;
  /** Set for a partner's own milestone (check-ins); absent for the couple's shared ones. */
  partnerId?: string;
}

export interface MilestoneFacts {
  checkins: readonly { partnerId: string; date: string }[];
  /** The day both partners had acknowledged that trust was broken (journey step 1). */
  bothAcknowledgedOn?: string | null;
  apologyDeliveredOn?: string | null;
  apologyAnsweredOn?: string | null;
  /** The days agreements became active (accepted by both). */
  agreementsAcceptedOn: readonly string[];
  /** Every log entry of the couple's agreements; counted as in the consistency score. */
  agreementLog: readonly AgreementLogFact[];
  meetingDates: readonly string[];
  reassuranceAnsweredOn: readonly string[];
}

export const MILESTONE_TITLES: Record<MilestoneKey, string> = {
  first_checkin: 'A first check-in — the first small step of many',
  checkin_streak_7: 'Seven days of check-ins in a row',
  checkins_30: 'Thirty check-ins: a habit of showing up',
  checked_in_together: 'You both checked in on the same day',
  trust_acknowledged: 'You both named what happened',
  apology_delivered: 'The apology was given',
  apology_answered: 'The apology was heard and answered',
  first_agreement: 'Your first agreement, in force',
  two_weeks_kept: 'Two weeks with every agreement kept',
  first_meeting: 'Your first check-in meeting together',
  four_meetings: 'Four check-in meetings: talking has become a habit',
  reassurance_answered: 'A call for reassurance, answered',
};

const sortedUnique = (dates: Iterable<string>): string[] => [...new Set(dates)].sort();

/** The dates in order without repeats: as given when they already are (a history read in day order), else sorted. */
function inOrder(dates: readonly string[]): readonly string[] {
  for (let i = 1; i < dates.length; i++) if (!(dates[i - 1]! < dates[i]!)) return sortedUnique(dates);
  return dates;
}

/** The day the first run of `length` consecutive dates is complete, if there is one. */
function firstRunEnd(dates: readonly string[], length: number): string | undefined {
  let run = 0;
  let previous = Number.NaN;
  for (const date of dates) {
    const day = dayNumber(date);
    run = day === previous + 1 ? run + 1 : 1;
    previous = day;
    if (run >= length) return date;
  }
  return undefined;
}

/**
 * The first day D ending a fortnight [D−13, D] in which agreements were logged in both weeks and
 * every logged occasion counts as kept; logging must have begun by D−13. Linear in the days
 * logged over (running counts per day), so three years of a daily log stay cheap.
 */
function twoWeeksKept(log: readonly AgreementLogFact[], today: string): string | undefined {
  const last = dayNumber(today);
  let first = Infinity;
  const days: Array<{ day: number; kept: boolean }> = [];
  for (const e of log) {
    if (e.occurredOn > today) continue;
    const day = dayNumber(e.occurredOn);
    days.push({ day, kept: outcomeOf(e).kept });
    if (day < first) first = day;
  }
  if (days.length === 0) return undefined;
  // Per day since the first: occasions logged, and occasions not kept.
  const span = last - first + 1;
  const logged = new Int32Array(span);
  const missed = new Int32Array(span);
  for (const d of days) {
    logged[d.day - first]!++;
    if (!d.kept) missed[d.day - first]!++;
  }
  // Running sums over the window's two weeks: (end−14, end−7] and (end−7, end].
  let firstWeek = 0;
  let secondWeek = 0;
  let misses = 0;
  for (let i = 0; i < span; i++) {
    secondWeek += logged[i]!;
    misses += missed[i]!;
    if (i >= 7) {
      secondWeek -= logged[i - 7]!;
      firstWeek += logged[i - 7]!;
    }
    if (i >= 14) {
      firstWeek -= logged[i - 14]!;
      misses -= missed[i - 14]!;
    }
    if (i >= 13 && firstWeek > 0 && secondWeek > 0 && misses === 0) return dateFromDayNumber(first + i);
  }
  return undefined;
}

export function milestones(facts: MilestoneFacts, today: string): Milestone[] {
  const out: Milestone[] = [];
  const add = (key: MilestoneKey, achievedOn: string | null | undefined, partnerId?: string) => {
    if (!achievedOn || achievedOn > today) return;
    out.push(
      partnerId === undefined
        ? { key, title: MILESTONE_TITLES[key], achievedOn }
        : { key, title: MILESTONE_TITLES[key], achievedOn, partnerId },
    );
  };

  const byPartner = new Map<string, string[]>();
  for (const c of facts.checkins) {
    if (c.date > today) continue;
    const dates = byPartner.get(c.partnerId);
    if (dates) dates.push(c.date);
    else byPartner.set(c.partnerId, [c.date]);
  }
  for (const [partnerId, raw] of byPartner) {
    const dates = inOrder(raw);
    add('first_checkin', dates[0], partnerId);
    add('checkin_streak_7', firstRunEnd(dates, 7), partnerId);
    add('checkins_30', dates[29], partnerId);
  }
  if (byPartner.size >= 2) {
    const [a, b] = [...byPartner.values()];
    const theirs = new Set(b);
    add(
      'checked_in_together',
      inOrder(a!).find((d) => theirs.has(d)),
    );
  }

  add('trust_acknowledged', facts.bothAcknowledgedOn);
  add('apology_delivered', facts.apologyDeliveredOn);
  add('apology_answered', facts.apologyAnsweredOn);
  add('first_agreement', sortedUnique(facts.agreementsAcceptedOn)[0]);
  add('two_weeks_kept', twoWeeksKept(facts.agreementLog, today));
  const meetings = sortedUnique(facts.meetingDates.filter((d) => d <= today));
  add('first_meeting', meetings[0]);
  add('four_meetings', meetings[3]);
  add('reassurance_answered', sortedUnique(facts.reassuranceAnsweredOn)[0]);

  return out.sort((x, y) => (x.achievedOn === y.achievedOn ? 0 : x.achievedOn < y.achievedOn ? -1 : 1));
}

/** One small win as a page lists it: its title once, and who reached it when (issue #20). */
export interface MilestoneLine {
  key: MilestoneKey;
  title: string;
  /** Each partner who reached it, or one entry without a partner for the couple's shared ones; oldest first. */
  by: Array<{ partnerId?: string; achievedOn: string }>;
  /** The newest of those days: the lines are ordered by it. */
  latestOn: string;
}

/**
 * The milestones as lines, one a key: both partners' first check-in is one win said once ("A
 * first check-in … — you and Sam"), not the same sentence twice. Oldest first, like `milestones`.
 */
export function milestoneLines(list: readonly Milestone[]): MilestoneLine[] {
  const byKey = new Map<MilestoneKey, MilestoneLine>();
  for (const m of [...list].sort((x, y) => x.achievedOn.localeCompare(y.achievedOn))) {
    const who = m.partnerId === undefined ? { achievedOn: m.achievedOn } : { partnerId: m.partnerId, achievedOn: m.achievedOn };
    const line = byKey.get(m.key);
    if (line) {
      line.by.push(who);
      line.latestOn = m.achievedOn;
    } else byKey.set(m.key, { key: m.key, title: m.title, by: [who], latestOn: m.achievedOn });
  }
  return [...byKey.values()].sort((x, y) => x.latestOn.localeCompare(y.latestOn));
}

/**
 * Who reached a line's win and when, said after its title: "— you and Sam (6 Dec)" when on the
 * same day, "— you (6 Dec), Sam (9 Dec)" otherwise, just "(6 Dec)" for the couple's shared ones.
 */
export function milestoneWho(
  line: MilestoneLine,
  nameOf: (partnerId: string) => string,
  day: (date: string) => string,
  /** Named first among those who reached it the same day: the reader, as everywhere else on the page. */
  firstId?: string,
): string {
  const people = line.by
    .filter((b): b is { partnerId: string; achievedOn: string } => b.partnerId !== undefined)
    .sort((x, y) => x.achievedOn.localeCompare(y.achievedOn) || Number(y.partnerId === firstId) - Number(x.partnerId === firstId));
  if (people.length === 0) return `(${day(line.latestOn)})`;
  if (people.every((b) => b.achievedOn === people[0]!.achievedOn)) {
    const names = people.map((b) => nameOf(b.partnerId));
    return `— ${names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names.at(-1)}` : names[0]} (${day(people[0]!.achievedOn)})`;
  }
  return `— ${people.map((b) => `${nameOf(b.partnerId)} (${day(b.achievedOn)})`).join(', ')}`;
}
