import { LRUCache } from 'lru-cache';
import { consistencyEvidence, type ConsistencyEvidence } from '../../core/progress/consistency.js';
import { settleMilestones, type SettledMilestones } from '../../core/progress/milestones.js';
import type { Settled } from '../../core/progress/settled-history.js';
import type { CheckinScores, LoggedOccasion } from './facts-store.js';
import { SETTLED_SPACES } from './settled-history.js';

/** A space's settled days as `SettledHistory.read` hands them out: one object while they are current. */
export interface SettledDays {
  before: string;
  checkins: Settled<CheckinScores>;
  log: Settled<LoggedOccasion>;
}

/** What progress makes of the settled days, as of one day and for one pair of partners. */
export interface SettledSummary {
  /** The check-in and fortnight milestones counted so far. */
  milestones: SettledMilestones;
  /** Each partner's consistency evidence from the occasions they logged. */
  evidence: ReadonlyMap<string, ConsistencyEvidence>;
  /** Each person's last settled check-in day (former partners too, as the red flags read them). */
  lastDates: ReadonlyMap<string, string>;
}

interface Kept {
  days: SettledDays;
  partners: string;
  summary: SettledSummary;
}

/**
 * The milestones, consistency evidence and last check-in days of a space's settled days, made
 * once a day per space (issue #24) instead of from the whole history at every cold view. Kept by
 * the settled days' identity: `SettledHistory` hands out a new object whenever the counter or the
 * cut-off moves, so nothing here outlives the rows it was made from. Numbers and days only.
 */
export class SettledSummaries {
  private readonly kept = new LRUCache<string, Kept>({ max: SETTLED_SPACES });

  of(spaceId: string, days: SettledDays, today: string, partnerIds: readonly string[]): SettledSummary {
    const partners = partnerIds.join('\n');
    // By day too: partners in time zones a day apart each keep theirs.
    const key = `${spaceId}\n${today}`;
    const hit = this.kept.get(key);
    if (hit && hit.days === days && hit.partners === partners) return hit.summary;
    const summary = summarise(days, today, partnerIds);
    this.kept.set(key, { days, partners, summary });
    return summary;
  }
}

function summarise(days: SettledDays, today: string, partnerIds: readonly string[]): SettledSummary {
  const lastDates = new Map<string, string>();
  for (const c of days.checkins.items) lastDates.set(c.accountId, c.date);
  const log = days.log.items.filter((e) => partnerIds.includes(e.loggedBy));
  const evidence = new Map<string, ConsistencyEvidence>();
  for (const id of partnerIds)
    evidence.set(
      id,
      consistencyEvidence(
        log.filter((e) => e.loggedBy === id),
        today,
      ),
    );
  return {
    milestones: settleMilestones(
      { checkins: days.checkins.items.filter((c) => partnerIds.includes(c.accountId)), agreementLog: log },
      days.before,
      today,
    ),
    evidence,
    lastDates,
  };
}
