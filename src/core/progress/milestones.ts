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
  /**
   * What `settleMilestones` made of the history's earlier days; `checkins` and `agreementLog`
   * then hold only what came after them (issue #24: settled days are read and counted once).
   */
  settled?: SettledMilestones;
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

/** What the check-in milestones need of one partner's check-ins so far. */
interface PartnerTally {
  first: string;
  count: number;
  thirtieth: string | undefined;
  /** The last date counted, its day number, and the run of consecutive days ending there. */
  last: string;
  lastDay: number;
  run: number;
  streakEnd: string | undefined;
}

/** The check-in milestones of a history read so far, in day order. */
export interface CheckinTally {
  readonly partners: ReadonlyMap<string, Readonly<PartnerTally>>;
  /** The first day two partners both checked in. */
  readonly together: string | undefined;
}

const NO_CHECKINS: CheckinTally = { partners: new Map(), together: undefined };

const byDate = (x: { date: string }, y: { date: string }) => (x.date < y.date ? -1 : x.date > y.date ? 1 : 0);

/** The check-ins in day order: as given when they already are (a history read in day order), else sorted. */
function inDayOrder<T extends { date: string }>(checkins: readonly T[]): readonly T[] {
  for (let i = 1; i < checkins.length; i++) if (checkins[i - 1]!.date > checkins[i]!.date) return [...checkins].sort(byDate);
  return checkins;
}

/**
 * Counts check-ins after those of `prior` (none earlier than its days), on or before `today`.
 * A new tally is returned; `prior` is left as it was, so it can be kept and counted on from again.
 */
function tallyCheckins(prior: CheckinTally, checkins: MilestoneFacts['checkins'], today: string): CheckinTally {
  const partners = new Map<string, PartnerTally>();
  for (const [id, t] of prior.partners) partners.set(id, { ...t });
  let together = prior.together;
  for (const c of inDayOrder(checkins)) {
    if (c.date > today) continue;
    const t = partners.get(c.partnerId);
    if (!t) {
      partners.set(c.partnerId, {
        first: c.date,
        count: 1,
        thirtieth: undefined,
        last: c.date,
        lastDay: dayNumber(c.date),
        run: 1,
        streakEnd: undefined,
      });
    } else if (t.last !== c.date) {
      const day = dayNumber(c.date);
      t.count++;
      if (t.count === 30) t.thirtieth = c.date;
      t.run = day === t.lastDay + 1 ? t.run + 1 : 1;
      if (t.run >= 7 && t.streakEnd === undefined) t.streakEnd = c.date;
      t.last = c.date;
      t.lastDay = day;
    } else continue;
    // In day order, a day both checked in is seen when the second of them is counted.
    if (together === undefined) {
      for (const [id, other] of partners) if (id !== c.partnerId && other.last === c.date) together = c.date;
    }
  }
  return { partners, together };
}

/**
 * The first fortnight [D−13, D] in which agreements were logged in both weeks and every logged
 * occasion counts as kept, logging having begun by D−13, scanned day by day with running counts:
 * linear in the days scanned, and resumable from the last day scanned.
 */
export interface FortnightScan {
  /** The first day logged (a day number), null before any. */
  readonly first: number | null;
  /** The last day scanned. */
  readonly through: number;
  /** Occasions logged and not kept on each of the last 14 days scanned, by day number modulo 14. */
  readonly logged: readonly number[];
  readonly missed: readonly number[];
  readonly firstWeek: number;
  readonly secondWeek: number;
  readonly misses: number;
  readonly found: string | undefined;
}

const NO_FORTNIGHTS: FortnightScan = {
  first: null,
  through: -Infinity,
  logged: new Array<number>(14).fill(0),
  missed: new Array<number>(14).fill(0),
  firstWeek: 0,
  secondWeek: 0,
  misses: 0,
  found: undefined,
};

/** A day's place in the 14 days kept (day numbers before 1970 are negative). */
const ring = (day: number): number => ((day % 14) + 14) % 14;

/** Scans on from `prior` to the day `through`, with the occasions logged after `prior.through` up to it. */
function scanFortnights(prior: FortnightScan, log: readonly AgreementLogFact[], through: number): FortnightScan {
  if (prior.found !== undefined) return prior;
  const perDay = new Map<number, { logged: number; missed: number }>();
  let first = prior.first;
  for (const e of log) {
    const day = dayNumber(e.occurredOn);
    if (day > through || day <= prior.through) continue;
    const counts = perDay.get(day) ?? { logged: 0, missed: 0 };
    counts.logged++;
    if (!outcomeOf(e).kept) counts.missed++;
    perDay.set(day, counts);
    if (first === null || day < first) first = day;
  }
  if (first === null) return { ...prior, through };
  const logged = [...prior.logged];
  const missed = [...prior.missed];
  let { firstWeek, secondWeek, misses } = prior;
  let found: string | undefined;
  // Running sums over the window's two weeks: (end−14, end−7] and (end−7, end].
  for (let day = Math.max(first, prior.through + 1); day <= through; day++) {
    const i = day - first;
    const slot = ring(day);
    if (i >= 14) {
      firstWeek -= logged[slot]!;
      misses -= missed[slot]!;
    }
    const counts = perDay.get(day);
    logged[slot] = counts?.logged ?? 0;
    missed[slot] = counts?.missed ?? 0;
    secondWeek += logged[slot]!;
    misses += missed[slot]!;
    if (i >= 7) {
      const weekAgo = ring(day - 7);
      secondWeek -= logged[weekAgo]!;
      firstWeek += logged[weekAgo]!;
    }
    if (i >= 13 && firstWeek > 0 && secondWeek > 0 && misses === 0) {
      found = dateFromDayNumber(day);
      break;
    }
  }
  return { first, through, logged, missed, firstWeek, secondWeek, misses, found };
}

/** The milestones of a history's days before `before`, to be counted on from (`MilestoneFacts.settled`). */
export interface SettledMilestones {
  readonly before: string;
  readonly checkins: CheckinTally;
  readonly fortnights: FortnightScan;
}

/**
 * Counts the check-ins and log of the days before `before` (every one of them earlier than it),
 * as of `today` (not earlier than the day before `before`).
 */
export function settleMilestones(
  facts: Pick<MilestoneFacts, 'checkins' | 'agreementLog'>,
  before: string,
  today: string,
): SettledMilestones {
  const last = dayNumber(before) - 1;
  if (last > dayNumber(today)) throw new RangeError('settled days must not be after today');
  return {
    before,
    checkins: tallyCheckins(NO_CHECKINS, facts.checkins, today),
    fortnights: scanFortnights(NO_FORTNIGHTS, facts.agreementLog, last),
  };
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
  const settled = facts.settled;
  if (settled) {
    for (const c of facts.checkins) if (c.date < settled.before) throw new RangeError('a check-in of a settled day');
    for (const e of facts.agreementLog) if (e.occurredOn < settled.before) throw new RangeError('an occasion of a settled day');
  }

  const tally = tallyCheckins(settled?.checkins ?? NO_CHECKINS, facts.checkins, today);
  for (const [partnerId, t] of tally.partners) {
    add('first_checkin', t.first, partnerId);
    add('checkin_streak_7', t.streakEnd, partnerId);
    add('checkins_30', t.thirtieth, partnerId);
  }
  add('checked_in_together', tally.together);

  add('trust_acknowledged', facts.bothAcknowledgedOn);
  add('apology_delivered', facts.apologyDeliveredOn);
  add('apology_answered', facts.apologyAnsweredOn);
  add('first_agreement', sortedUnique(facts.agreementsAcceptedOn)[0]);
  add('two_weeks_kept', scanFortnights(settled?.fortnights ?? NO_FORTNIGHTS, facts.agreementLog, dayNumber(today)).found);
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
