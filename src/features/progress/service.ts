import {
  consistencyScore,
  divergence,
  milestones,
  monthlyReviewSeries,
  PULSE_MEASURES,
  redFlags,
  trendFor,
  type AgreementLogFact,
  type PulseMeasure,
  type Trend,
  type Verdict,
} from '../../core/progress/index.js';
import { WINDOW_DAYS } from '../../core/progress/trends.js';
import { SMOOTHING_DAYS } from '../../core/progress/smoothing.js';
import { addDays, localDate } from '../../core/time.js';
import { canSeeCheckinNumbers, canSeeJointNumbers, canSeeRedFlag } from '../../core/visibility/index.js';
import { fail } from '../../platform/errors.js';
import type { Account } from '../../core/accounts/account.js';
import type { CheckinScores, LoggedOccasion, ProgressFactsStore } from './facts-store.js';
import type { MemberRevision, SpaceRevisionStore } from '../spaces/index.js';
import type { CheckinService } from '../checkin/index.js';
import type { MonthlyReviewService } from '../monthly-review/index.js';
import { spaceView, type SpaceView } from '../spaces/index.js';
import type { Clock } from '../../platform/clock.js';
import { ProgressCache, type CachedProgress } from './progress-cache.js';
import { SettledHistory } from './settled-history.js';
import { SettledSummaries } from './settled-summary.js';
import { wholeHistory } from '../../core/progress/settled-history.js';
import { ContemptFindings } from './contempt.js';
import { ChartCheckins } from './chart-checkins.js';
import type { PartnerProgress, Progress } from './progress.js';
import type { SpaceService } from '../spaces/index.js';

export { CONTEMPT_TYPES } from './contempt.js';
/** How far back the charts reach (the trend window itself is 8 weeks). */
export const CHART_DAYS = 90;
/** A trend reads its 8-week window plus the six days before it that its first smoothed day averages. */
const TREND_DAYS = WINDOW_DAYS + SMOOTHING_DAYS - 1;

/** What stands for the trend of numbers the viewer may not see: computed from nothing. */
const KEPT_TREND: Trend = {
  verdict: 'not_enough_data',
  slopePerWeek: null,
  pValue: null,
  s: null,
  n: 0,
  weeksWithData: 0,
  windowDays: WINDOW_DAYS,
  smoothed: [],
};
const KEPT_TRENDS = Object.fromEntries(PULSE_MEASURES.map((m) => [m, KEPT_TREND])) as Record<PulseMeasure, Trend>;

export type { PartnerProgress, Progress } from './progress.js';

/**
 * Wires the pure computations of src/core/progress to the space's data (docs/progress.md), and
 * keeps each viewer's result while their space's revision is unchanged (docs/performance.md,
 * "Progress: revision cache").
 */
export class ProgressService {
  private readonly cache: ProgressCache;
  private readonly history: SettledHistory;
  private readonly contempt = new ContemptFindings();
  private readonly summaries = new SettledSummaries();
  private readonly chart: ChartCheckins;

  constructor(
    private readonly deps: {
      spaces: SpaceService;
      checkins: CheckinService;
      monthlyReviews: MonthlyReviewService;
      facts: ProgressFactsStore;
      revisions: SpaceRevisionStore;
      clock: Clock;
      cacheEntries?: number;
      /** Spaces whose settled history is kept (settled-history.ts); 0 keeps nothing (nor chart check-ins) and reads everything every time. */
      settledSpaces?: number;
    },
  ) {
    this.cache = new ProgressCache(deps.cacheEntries);
    this.history = new SettledHistory(deps.facts, deps.settledSpaces);
    this.chart = new ChartCheckins(deps.checkins, deps.settledSpaces === 0 ? 0 : undefined);
  }

  async forSpace(account: Pick<Account, 'id' | 'timezone'>, spaceId: string): Promise<Progress> {
    return (await this.current(account, spaceId)).progress;
  }

  /**
   * The viewer's progress and their view of the space. One indexed read (membership and the
   * space's revision) decides whether the kept result is still current; strangers get 404.
   */
  async current(
    account: Pick<Account, 'id' | 'timezone'>,
    spaceId: string,
    known?: { spaceId: string; member: MemberRevision | null },
  ): Promise<CachedProgress> {
    const today = localDate(this.deps.clock.now(), account.timezone);
    // The membership read with the session (the same row, read moments ago in this request), or read now.
    const member = known?.spaceId === spaceId ? known.member : await this.deps.revisions.forMember(spaceId, account.id);
    if (!member || member.status !== 'active') fail('not_found');
    const computeNow = async () => {
      const view = await spaceView(this.deps.spaces, account.id, spaceId);
      return { view, progress: await this.compute(view, today) };
    };
    // Without a revision row (never expected: the triggers make one with the space) nothing is kept.
    if (member.revision === null) return { revision: -1, ...(await computeNow()), derived: new Map() };
    const key = ProgressCache.key({ spaceId, viewerId: account.id, role: member.role, today });
    return this.cache.getOrCompute(key, member.revision, computeNow);
  }

  /**
   * Each partner's trend verdicts as they stood at the end of `on` (a past day), computed from the
   * numbers the viewer may see — a partner who keeps theirs to themselves is left out, as on the
   * progress page. The therapist's session summary compares them with today's.
   */
  async verdictsOn(
    account: Pick<Account, 'id'>,
    spaceId: string,
    on: string,
  ): Promise<Array<{ partnerId: string; verdicts: Record<PulseMeasure, Verdict> }>> {
    const view = await spaceView(this.deps.spaces, account.id, spaceId);
    const from = addDays(on, -(TREND_DAYS - 1));
    const scores = await this.deps.facts.checkinScores(spaceId, { from, before: addDays(on, 1) });
    return view.space.members
      .filter((p) => p.role === 'partner')
      .filter((p) => canSeeCheckinNumbers(view.viewer, { ownerId: p.accountId, shared: p.numbersShared }) === 'full')
      .map((p) => {
        const mine = scores.filter((c) => c.accountId === p.accountId);
        const verdicts = Object.fromEntries(
          PULSE_MEASURES.map((m) => [
            m,
            trendFor(
              mine.map((c) => ({ date: c.date, value: c[m] })),
              on,
            ).verdict,
          ]),
        ) as Record<PulseMeasure, Verdict>;
        return { partnerId: p.accountId, verdicts };
      });
  }

  /** Computes from the database, bypassing the cache (the benchmark of cold computes uses it too). */
  async compute(view: SpaceView, today: string): Promise<Progress> {
    const spaceId = view.space.id;
    const partners = view.space.members.filter((m) => m.role === 'partner');
    // Every check-in's scores (space records) and counted log occasion; milestones and the
    // consistency score need the whole history. Its settled days are read once and summed up
    // once a day (settled-history.ts, settled-summary.ts): only the days after them are read and
    // counted at each view. Notes are read (and decrypted) only for the chart window, below.
    const history = await this.history.read(spaceId);
    // The settled days are before today in every time zone; were they not, all is counted afresh.
    const settled = history.settled && history.settled.before <= today ? history.settled : null;
    const newerScores = history.settled && !settled ? wholeHistory(history.settled.checkins, history.checkins) : history.checkins;
    const newerLog = history.settled && !settled ? wholeHistory(history.settled.log, history.log) : history.log;
    const summary = settled ? this.summaries.of(spaceId, settled, today, view.partnerIds) : null;
    const newer = newerScores.filter((c) => c.date <= today && view.partnerIds.includes(c.accountId));
    const lastDates = new Map(summary?.lastDates);
    for (const c of newerScores) if ((lastDates.get(c.accountId) ?? '') < c.date) lastDates.set(c.accountId, c.date);

    const logFacts = this.logFactsByPartner(newerLog, view.partnerIds);
    const reviews = monthlyReviewSeries(
      (await this.deps.monthlyReviews.list(view)).map((r) => ({
        partnerId: r.accountId,
        month: r.month,
        communicate: r.communicate,
        closer: r.closer,
        respect: r.respect,
      })),
    );

    const trendFrom = addDays(today, -(TREND_DAYS - 1));
    // The history is in day order: the trend window is its tail.
    const inWindow: CheckinScores[] = [];
    const settledScores = settled?.checkins.items ?? [];
    let start = settledScores.length;
    while (start > 0 && settledScores[start - 1]!.date >= trendFrom) start--;
    for (let i = start; i < settledScores.length; i++)
      if (view.partnerIds.includes(settledScores[i]!.accountId)) inWindow.push(settledScores[i]!);
    for (const c of newer) if (c.date >= trendFrom) inWindow.push(c);
    // Each person's numbers are theirs to share (issue #14): a trend the viewer may not see is never
    // computed, so nothing drawn from it — on a page, in JSON, in a cached copy — can carry it.
    const owners = partners.map((p) => ({ ownerId: p.accountId, shared: p.numbersShared }));
    const partnerProgress: PartnerProgress[] = partners.map((p) => {
      const numbersVisible = canSeeCheckinNumbers(view.viewer, { ownerId: p.accountId, shared: p.numbersShared }) === 'full';
      const mine = inWindow.filter((c) => c.accountId === p.accountId);
      const trends = numbersVisible
        ? (Object.fromEntries(
            PULSE_MEASURES.map((m) => [
              m,
              trendFor(
                mine.map((c) => ({ date: c.date, value: c[m] })),
                today,
              ),
            ]),
          ) as Record<PulseMeasure, Trend>)
        : KEPT_TRENDS;
      return {
        accountId: p.accountId,
        displayName: p.displayName,
        numbersVisible,
        trends,
        consistency: consistencyScore(logFacts.get(p.accountId) ?? [], today, summary?.evidence.get(p.accountId)),
        review: reviews.find((r) => r.partnerId === p.accountId) ?? null,
      };
    });

    // Divergence is told to both partners, so it needs both partners' shared numbers.
    const found =
      canSeeJointNumbers(view.viewer, owners) !== 'full'
        ? []
        : divergence(
            partnerProgress.map((p) => ({
              partnerId: p.accountId,
              verdicts: Object.fromEntries(PULSE_MEASURES.map((m) => [m, p.trends[m].verdict])),
            })),
          );

    const journey = await this.deps.facts.journeyFacts(spaceId);
    const meetingDays = await this.deps.facts.meetingDays(spaceId);
    const answeredAt = await this.deps.facts.reassuranceAnswers(spaceId);

    const ackDays = new Map<string, Map<string, string>>();
    for (const a of journey.acknowledgements) {
      if (!view.partnerIds.includes(a.accountId)) continue;
      const m = ackDays.get(a.journeyId) ?? new Map<string, string>();
      m.set(a.accountId, a.on);
      ackDays.set(a.journeyId, m);
    }
    const bothAcknowledged =
      [...ackDays.values()]
        .filter((m) => m.size >= 2)
        .map((m) => [...m.values()].sort().at(-1)!)
        .sort()[0] ?? null;

    const wins = milestones(
      {
        checkins: newer,
        bothAcknowledgedOn: bothAcknowledged,
        apologyDeliveredOn: journey.apologiesDeliveredOn.sort()[0] ?? null,
        apologyAnsweredOn: journey.apologiesAnsweredOn.sort()[0] ?? null,
        agreementsAcceptedOn: journey.agreementsAcceptedOn,
        agreementLog: [...logFacts.values()].flat(),
        ...(summary ? { settled: summary.milestones } : {}),
        meetingDates: meetingDays,
        reassuranceAnsweredOn: answeredAt.filter((at): at is string => at !== null).map((at) => at.slice(0, 10)),
      },
      today,
    );

    const messages = await this.deps.facts.messagesSince(spaceId, `${addDays(today, -31)}T00:00:00.000Z`);
    const flags = redFlags(
      {
        // The breach record (kind, dates, who) is a space record both partners see (privacy rules).
        breaches: journey.breaches.map((b) => ({ ...b, privateTo: null })),
        journeys: journey.journeys,
        consistency: partnerProgress.map((p) => ({ partnerId: p.accountId, score: p.consistency })),
        partners: partners.map((p) => ({
          partnerId: p.accountId,
          joinedOn: p.joinedAt.slice(0, 10),
          lastCheckinOn: lastDates.get(p.accountId) ?? null,
        })),
        coachFindings: this.contempt
          .of(messages.filter((m) => view.partnerIds.includes(m.authorId)))
          .map(({ message: m, contempt }) => ({ id: m.id, authorId: m.authorId, at: m.at, visibility: m.visibility, contempt })),
      },
      today,
    );
    // A flag drawn from private data reaches its owner only — never the partner or a therapist.
    const visibleFlags = flags.filter(
      (f, i) =>
        canSeeRedFlag(view.viewer, {
          kind: 'red_flag',
          id: `${f.rule}:${i}`,
          fromPrivateData: f.fromPrivateData,
          ownerId: f.ownerId ?? null,
        }) === 'full',
    );

    const from = addDays(today, -(CHART_DAYS - 1));
    return {
      today,
      partners: partnerProgress,
      divergence: found,
      redFlags: visibleFlags,
      milestones: wins,
      checkins: await this.chart.visible(view, from, today, history.settled),
    };
  }

  /** Each partner's log facts: the occasions they logged of agreements they committed to. */
  private logFactsByPartner(log: readonly LoggedOccasion[], partnerIds: readonly string[]): Map<string, AgreementLogFact[]> {
    const out = new Map<string, AgreementLogFact[]>();
    for (const e of log) {
      if (!partnerIds.includes(e.loggedBy)) continue;
      // Read shaped as the score counts it: grouped as they are, not copied.
      const facts = out.get(e.loggedBy);
      if (facts) facts.push(e);
      else out.set(e.loggedBy, [e]);
    }
    return out;
  }
}
