import { LRUCache } from 'lru-cache';
import { extendSettled, settledRead, type Dated, type Settled } from '../../core/progress/settled-history.js';
import type { CheckinScores, LoggedOccasion, ProgressFactsStore } from './facts-store.js';

/**
 * Spaces whose settled history is kept per process. A year of a couple's scores and log is about
 * 1,000 small objects (≈ 60 KiB), three years about three times that, so this is at most ≈ 25 MiB
 * for a hundred-odd spaces busy on the same day (docs/performance.md, "Memory").
 */
export const SETTLED_SPACES = 128;

interface Kept {
  checkins: Settled<CheckinScores>;
  log: Settled<LoggedOccasion>;
  /** Handed out as it is while both are current, so what is derived from it can be kept by it. */
  state: { revision: number; before: string; checkins: Settled<CheckinScores>; log: Settled<LoggedOccasion> };
}

/**
 * The whole history progress computes from (every check-in's scores, every counted agreement-log
 * occasion), reading again only the days that are not settled yet (issue #24). What is kept holds
 * numbers, days and outcomes only, never text. It is used only while migration 0026's counter is
 * the one it was read at: any server's write to a settled day raises that counter in the same
 * transaction, and the counter is read before the rows, so no process serves a stale copy.
 */
export class SettledHistory {
  /** Null: nothing is kept, every read is of the whole history (the property test's reference). */
  private readonly kept: LRUCache<string, Kept> | null;

  constructor(
    private readonly facts: ProgressFactsStore,
    maxSpaces = SETTLED_SPACES,
  ) {
    this.kept = maxSpaces > 0 ? new LRUCache({ max: maxSpaces }) : null;
  }

  get size(): number {
    return this.kept?.size ?? 0;
  }

  /**
   * The whole history: its settled days as kept (`settled`, null when nothing is kept) and the
   * days after them (`checkins`, `log`; every day when nothing is kept). What else is kept of the
   * settled days is current only while `settled` is the same object (the counter and cut-off).
   */
  async read(spaceId: string): Promise<{
    checkins: CheckinScores[];
    log: LoggedOccasion[];
    settled: { revision: number; before: string; checkins: Settled<CheckinScores>; log: Settled<LoggedOccasion> } | null;
  }> {
    const state = this.kept ? await this.facts.settledHistory(spaceId) : null;
    // Without the counter's row (never expected: a trigger makes it with the space) nothing is kept.
    if (!this.kept || !state)
      return { checkins: await this.facts.checkinScores(spaceId), log: await this.facts.committedLogFacts(spaceId), settled: null };
    const { revision, before } = state;
    const kept = this.kept.get(spaceId);
    const checkins = await this.settle(kept?.checkins, revision, before, (days) => this.facts.checkinScores(spaceId, days));
    const log = await this.settle(kept?.log, revision, before, (days) => this.facts.committedLogFacts(spaceId, days));
    const current =
      kept && kept.checkins === checkins && kept.log === log ? kept : { checkins, log, state: { revision, before, checkins, log } };
    this.kept.set(spaceId, current);
    return {
      checkins: await this.facts.checkinScores(spaceId, { from: before }),
      log: await this.facts.committedLogFacts(spaceId, { from: before }),
      settled: current.state,
    };
  }

  private async settle<T extends Dated>(
    kept: Settled<T> | undefined,
    revision: number,
    before: string,
    read: (days: { from?: string; before: string }) => Promise<T[]>,
  ): Promise<Settled<T>> {
    const need = settledRead(kept, revision, before);
    if (need.kind === 'current') return kept!;
    if (need.kind === 'extend') return extendSettled(kept!, before, await read({ from: need.from, before }));
    return { revision, before, items: await read({ before }) };
  }
}
