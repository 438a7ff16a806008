/**
 * What a red flag is based on, in plain words (issue #20): each piece of a flag's evidence said as a
 * person would say it, with sensible rounding — no field names, no ids, no bare decimals. The
 * progress page draws these lines under "What this is based on". Pure: the page passes how it
 * writes a day.
 */
import { BREACH_KIND_LABELS, isBreachKind } from '../journey/breach-kind.js';
import { consistencySentence } from './consistency-words.js';
import { LOW_CONSISTENCY_MIN_DAYS, type RedFlag } from './red-flags.js';

const kindWords = (kind: string): string => (isBreachKind(kind) ? BREACH_KIND_LABELS[kind].toLowerCase() : 'a breach of trust');
const count = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;
const days = (n: number): string => (n === 365 ? 'a year' : count(n, 'day', 'days'));
/** A list of days as "3 March and 9 May" / "1, 2 and 3 March". */
const list = (items: readonly string[]): string =>
  items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
/** A share in tenths, as the consistency estimate says it: "5 in 10". */
const inTen = (x: number): string => `${Math.min(10, Math.max(0, Math.round(x * 10)))} in 10`;

export function redFlagEvidence(flag: RedFlag, day: (isoDate: string) => string): string[] {
  switch (flag.rule) {
    case 'breach_during_journey': {
      const e = flag.evidence;
      return [
        `What happened: ${kindWords(e.kind)}, on ${day(e.happenedOn)}.`,
        `Recorded in Mend on ${day(e.recordedOn)}.`,
        `It happened while ${e.openJourneyIds.length === 1 ? 'a repair journey was' : `${e.openJourneyIds.length} repair journeys were`} under way.`,
      ];
    }
    case 'repeated_breach_kind': {
      const e = flag.evidence;
      return [
        `${e.breachIds.length === 2 ? 'Twice' : `${e.breachIds.length} times`}: ${kindWords(e.kind)}, on ${list(e.happenedOn.map(day))}.`,
        `Two of them within ${days(e.withinDays)} of each other.`,
      ];
    }
    case 'low_consistency': {
      const e = flag.evidence;
      return [
        consistencySentence({ score: e.score, low: e.low, high: e.high, occasions: e.occasions }),
        `Logged for ${count(e.weeksOfLogging, 'week', 'weeks')}, since ${day(e.firstLoggedOn)}.`,
        `Mend raises this when it stays below ${inTen(e.threshold)} after ${count(LOW_CONSISTENCY_MIN_DAYS / 7, 'week', 'weeks')} of logging.`,
      ];
    }
    case 'partner_silent': {
      const e = flag.evidence;
      return [
        e.lastCheckinOn ? `Last check-in: ${day(e.lastCheckinOn)}.` : 'No check-in yet.',
        `${count(e.daysSilent, 'day', 'days')} without one; Mend raises this after ${days(e.thresholdDays)}.`,
        `In the space since ${day(e.joinedOn)}.`,
      ];
    }
    case 'contempt': {
      const e = flag.evidence;
      return [
        `${e.contemptCount} of the last ${count(e.messagesConsidered, 'message', 'messages')}, over ${days(e.windowDays)}, read as contempt.`,
        `Mend raises this at ${e.threshold} or more.`,
      ];
    }
  }
}
